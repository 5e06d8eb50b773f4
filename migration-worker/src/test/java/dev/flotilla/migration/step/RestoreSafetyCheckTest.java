package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyCheckResult;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.States;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety check before an operator's restore: the device must be parked and idle, its file sound
 * and the disk roomy, exactly as before a migration; versions, the catalogue and probes are not its
 * business, so it needs no migration set at all.
 */
class RestoreSafetyCheckTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");

  @TempDir Path fleet;

  @Test
  void aParkedDeviceMayBeRestoredWithoutAnyMigrationSetInTheCatalogue() {
    Garage.deviceAt(new TestWorker(fleet, TestSets.garageCatalogue()), fleet, RV, 3);
    TestWorker knowsNoSet = new TestWorker(fleet, new Catalogue());
    knowsNoSet.devices.accept(States.now(RV, DeviceConditions.IDLE));

    SafetyCheckResult result =
        knowsNoSet.safetyCheck.handle(Commands.safetyCheckBeforeRestore(RV, true));

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckPassed.class,
            passed -> assertThat(passed.currentVersion()).isEqualTo(VersionId.of(3)));
  }

  @Test
  void aDrivingDeviceIsDeferredAsBeforeAMigration() {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue());
    Garage.deviceAt(worker, fleet, RV, 3);
    worker.devices.accept(States.now(RV, new DeviceConditions(false, 1, List.of())));

    assertThat(reasons(worker.safetyCheck.handle(Commands.safetyCheckBeforeRestore(RV, false))))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vehicle-moving", true),
            org.assertj.core.groups.Tuple.tuple("active-connections", true));
  }

  @Test
  void aDeviceThatReportsNothingIsNotYetSafeWhenTheRestoreRequiresItsWord() {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue());
    Garage.deviceAt(worker, fleet, RV, 3);

    assertThat(reasons(worker.safetyCheck.handle(Commands.safetyCheckBeforeRestore(RV, true))))
        .extracting(SafetyReason::code)
        .containsExactly("no-device-state");
  }

  @Test
  void aDeviceWhoseApplicationHoldsTheWriteLockIsBusy() throws Exception {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue());
    Path file = Garage.deviceAt(worker, fleet, RV, 3);

    try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = app.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      assertThat(reasons(worker.safetyCheck.handle(Commands.safetyCheckBeforeRestore(RV, false))))
          .extracting(SafetyReason::code, SafetyReason::transientReason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("database-busy", true));
      statement.execute("ROLLBACK");
    }
  }

  @Test
  void aMissingDatabaseCannotBeBackedUpFirstAndIsRefused() {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue());

    assertThat(reasons(worker.safetyCheck.handle(Commands.safetyCheckBeforeRestore(RV, false))))
        .containsExactly(
            SafetyReason.permanent(
                "database-missing", "there is no database file " + DeviceFiles.path(fleet, RV)));
  }

  @Test
  void theSameDeviceCheckedForAMigrationStillAnswersForItsSetAndTarget() {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue());
    Garage.deviceAt(worker, fleet, RV, 3);

    List<SafetyReason> forAMigration =
        reasons(
            worker.safetyCheck.handle(
                Commands.safetyCheck(RV, MigrationSetId.of("nope"), VersionId.of(3), false)));

    assertThat(forAMigration).extracting(SafetyReason::code).contains("unknown-migration-set");
    assertThat(worker.safetyCheck.handle(Commands.safetyCheckBeforeRestore(RV, false)))
        .isInstanceOf(SafetyCheckPassed.class);
  }

  private static List<SafetyReason> reasons(SafetyCheckResult result) {
    assertThat(result).isInstanceOf(SafetyCheckFailed.class);
    return ((SafetyCheckFailed) result).reasons();
  }
}
