package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RunSafetyCheck;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyCheckStepTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final MigrationSetId GARAGE = TestSets.GARAGE;

  @TempDir Path fleet;

  private TestWorker worker() {
    return new TestWorker(fleet, TestSets.garageCatalogue());
  }

  @Test
  void aHealthyParkedDeviceBelowTheTargetPasses() throws IOException {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    report(worker, RV, DeviceConditions.IDLE);

    long fileSize = Files.size(file);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), true));

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckPassed.class,
            passed -> {
              assertThat(passed.currentVersion()).isEqualTo(VersionId.of(2));
              assertThat(passed.sizeBytes()).isGreaterThanOrEqualTo(fileSize);
            });
  }

  @Test
  void aMissingDatabaseIsAPermanentReason() {
    SafetyCheckResult result =
        worker().safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(reasons(result))
        .containsExactly(
            SafetyReason.permanent(
                "database-missing", "there is no database file " + DeviceFiles.path(fleet, RV)));
  }

  @Test
  void aCorruptDatabaseIsRefused() throws IOException {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    DeviceFiles.execute(file, "PRAGMA wal_checkpoint(TRUNCATE)");
    DeviceFiles.corrupt(file);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(5), false));

    assertThat(reasons(result))
        .anySatisfy(
            reason -> {
              assertThat(reason.code()).isEqualTo("corrupt-database");
              assertThat(reason.transientReason()).isFalse();
            });
  }

  @Test
  void aDeviceAlreadyAtTheTargetIsNotMigratedAgain() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 3);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(3), false));

    assertThat(reasons(result))
        .containsExactly(
            SafetyReason.permanent("already-at-target", "the device is at V3, the target"));
  }

  @Test
  void anUnknownSetOrVersionIsPermanent() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 1);

    assertThat(
            reasons(
                worker.safetyCheck.handle(
                    Commands.safetyCheck(RV, GARAGE, VersionId.of(7), false))))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .contains(org.assertj.core.groups.Tuple.tuple("unknown-version", false));
    assertThat(
            reasons(
                worker.safetyCheck.handle(
                    Commands.safetyCheck(
                        RV, MigrationSetId.of("elsewhere"), VersionId.of(2), false))))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .contains(org.assertj.core.groups.Tuple.tuple("unknown-migration-set", false));
  }

  @Test
  void littleFreeDiskSpaceIsATransientReason() {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue(), file -> 1024);
    Garage.deviceAt(worker, fleet, RV, 1);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(reasons(result))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.code()).isEqualTo("low-disk");
              assertThat(reason.transientReason()).isTrue();
              assertThat(reason.message()).startsWith("1024 bytes free");
            });
  }

  @Test
  void aScriptChangedAfterItWasAppliedIsSchemaDrift() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.execute(
        file,
        "UPDATE flotilla_schema_history SET checksum = '" + "0".repeat(64) + "' WHERE version = 2");

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(reasons(result))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.code()).isEqualTo("schema-drift");
              assertThat(reason.transientReason()).isFalse();
              assertThat(reason.message())
                  .startsWith("V2 was applied from a script with checksum 000000000000");
            });
  }

  @Test
  void reportsEveryReasonADrivingDeviceHasAtOnce() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);
    report(worker, RV, new DeviceConditions(false, 2, List.of("slide-out-extending")));

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(9), true));

    assertThat(reasons(result))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("unknown-version", false),
            org.assertj.core.groups.Tuple.tuple("vehicle-moving", true),
            org.assertj.core.groups.Tuple.tuple("active-connections", true),
            org.assertj.core.groups.Tuple.tuple("interlock-engaged", true));
  }

  @Test
  void aParkedReportOlderThanTheRolloutAllowsIsUnknownStateAndWaits() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);
    worker.devices.accept(
        States.observedAt(RV, DeviceConditions.IDLE, Instant.now().minusSeconds(120)));

    assertThat(
            reasons(
                worker.safetyCheck.handle(
                    Commands.safetyCheckWithStateAge(RV, GARAGE, VersionId.of(4), 60))))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.code()).isEqualTo("stale-device-state");
              assertThat(reason.transientReason()).isTrue();
            });
    assertThat(
            worker
                .safetyCheck
                .handle(Commands.safetyCheckWithStateAge(RV, GARAGE, VersionId.of(4), 300))
                .succeeded())
        .isTrue();
  }

  @Test
  void aDeviceThatNeverReportedItsStateWaitsWhenStateIsRequired() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);

    assertThat(
            reasons(
                worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), true))))
        .extracting(SafetyReason::code)
        .containsExactly("no-device-state");
    assertThat(
            worker
                .safetyCheck
                .handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false))
                .succeeded())
        .isTrue();
  }

  @Test
  void theSafetyCheckChangesNothingOnTheDevice() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    String before = DeviceFiles.dump(file);

    worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void theSafetyCheckLeavesCommitsInTheWalWhereTheyAre() throws IOException {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    // Closing a writing connection last would fold this commit into the main file.
    DeviceFiles.commitIntoWalOnly(
        file, "INSERT INTO vehicle (id, vin, name) VALUES (9, 'VIN-Z', 'Zion')");
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(result).isInstanceOf(SafetyCheckPassed.class);
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM vehicle WHERE id = 9")).isEqualTo(1);
  }

  @Test
  void aRedeliveredSafetyCheckChangesNoByteAndGetsTheSameAnswer() throws IOException {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.commitIntoWalOnly(
        file, "INSERT INTO vehicle (id, vin, name) VALUES (9, 'VIN-Z', 'Zion')");
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);
    RunSafetyCheck command = Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false);

    SafetyCheckResult first = worker.safetyCheck.handle(command);
    DeviceFiles.DatabaseBytes afterFirst = DeviceFiles.bytes(file);
    SafetyCheckResult second = worker.safetyCheck.handle(command);

    assertThat(first).isInstanceOf(SafetyCheckPassed.class);
    assertThat(afterFirst).isEqualTo(before);
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    assertThat(second.messageId()).isNotEqualTo(first.messageId());
    assertThat(second)
        .usingRecursiveComparison()
        .ignoringFields("messageId", "occurredAt")
        .isEqualTo(first);
  }

  @Test
  void aDeviceWhoseWriteLockAnotherConnectionHoldsIsBusyForNow() throws Exception {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);

    SafetyCheckResult result;
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = writer.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      result = worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));
      statement.execute("ROLLBACK");
    }

    assertThat(reasons(result))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("database-busy", true));
    assertThat(worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false)))
        .isInstanceOf(SafetyCheckPassed.class);
  }

  @Test
  void duplicatesTheNewUniqueIndexWouldFailOnRefuseTheDeviceWithEveryOtherReasonAtOnce()
      throws IOException {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue(), file -> 1024);
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.commitIntoWalOnly(
        file,
        "INSERT INTO vehicle (id, vin, name) VALUES (4, 'VIN-A', 'Alto')",
        "INSERT INTO vehicle (id, vin, name) VALUES (5, 'VIN-B', 'Bambi')",
        "INSERT INTO vehicle (id, vin, name) VALUES (6, 'VIN-B', 'Basecamp')");
    report(worker, RV, new DeviceConditions(false, 0, List.of()));
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);

    SafetyCheckResult refused =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), true));

    assertThat(reasons(refused))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(
            tuple("low-disk", true),
            tuple("preflight-failed", false),
            tuple("vehicle-moving", true));
    assertThat(reasons(refused).get(1).message())
        .isEqualTo(
            "P3 (unique vin) returned 2 rows: (vin=VIN-A, vehicles=2, ids=1,4);"
                + " (vin=VIN-B, vehicles=3, ids=2,5,6)");
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);

    DeviceFiles.execute(file, "DELETE FROM vehicle WHERE id > 3");
    assertThat(
            worker().safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false)))
        .isInstanceOf(SafetyCheckPassed.class);
  }

  @Test
  void aProbeThatCannotRunIsAPermanentPreflightErrorNamingTheScriptAndSqlite() {
    TestWorker worker = new TestWorker(fleet, withProbe(3, "SELECT vin FROM cars;"));
    Garage.deviceAt(worker, fleet, RV, 2);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(reasons(result))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.code()).isEqualTo("preflight-error");
              assertThat(reason.transientReason()).isFalse();
              assertThat(reason.message())
                  .startsWith("P3 (made up P3) could not run: ")
                  .contains("no such table: cars");
            });
  }

  @Test
  void aProbeThatTriesToWriteIsAPreflightErrorAndChangesNoByte() throws IOException {
    TestWorker worker = new TestWorker(fleet, withProbe(3, "DELETE FROM vehicle; SELECT 1;"));
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.commitIntoWalOnly(
        file, "INSERT INTO vehicle (id, vin, name) VALUES (9, 'VIN-Z', 'Zion')");
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false));

    assertThat(reasons(result))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.code()).isEqualTo("preflight-error");
              assertThat(reason.message()).startsWith("P3 (made up P3) could not run: ");
            });
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM vehicle")).isEqualTo(4);
  }

  @Test
  void onlyTheProbesOfTheVersionsTheCommandWouldApplyRun() {
    Catalogue catalogue = withProbe(3, "SELECT vin FROM cars;");
    catalogue.add(TestSets.script(GARAGE, 4, ScriptKind.PROBE, "SELECT 4 WHERE 0;"));
    TestWorker worker = new TestWorker(fleet, catalogue);
    DeviceId atTwo = DeviceId.of("rv-0002");
    Garage.deviceAt(worker, fleet, RV, 3);
    Garage.deviceAt(worker, fleet, atTwo, 2);

    assertThat(worker.safetyCheck.handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), false)))
        .isInstanceOf(SafetyCheckPassed.class);
    assertThat(
            reasons(
                worker.safetyCheck.handle(
                    Commands.safetyCheck(atTwo, GARAGE, VersionId.of(4), false))))
        .extracting(SafetyReason::code)
        .containsExactly("preflight-error");
  }

  @Test
  void probesStoppedAtTheDeadlineAreATransientReason() throws Exception {
    TestWorker worker =
        new TestWorker(
            fleet,
            withProbe(
                3,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    + " SELECT i FROM n WHERE i < 0;"));
    worker.catalogue.add(TestSets.script(GARAGE, 4, ScriptKind.PROBE, "SELECT 4 WHERE 0;"));
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);
    RunSafetyCheck command =
        Commands.safetyCheck(
            RV, GARAGE, VersionId.of(4), false, Instant.now().plus(Duration.ofMillis(500)));

    ExecutorService thread = Executors.newSingleThreadExecutor();
    SafetyCheckResult result;
    try {
      // Bounded, not timed: without the deadline the endless query would never return.
      result =
          CompletableFuture.supplyAsync(() -> worker.safetyCheck.handle(command), thread)
              .get(120, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }

    assertThat(reasons(result))
        .containsExactly(
            SafetyReason.transientReason(
                "preflight-timeout",
                "P3 (made up P3), P4 (made up P4) were stopped at the deadline "
                    + command.deadline()));
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
  }

  /** The garage set with its P{@code version} replaced by {@code sql}. */
  private static Catalogue withProbe(int version, String sql) {
    Catalogue catalogue = TestSets.garageCatalogue();
    catalogue.add(TestSets.script(GARAGE, version, ScriptKind.PROBE, sql));
    return catalogue;
  }

  private static void report(TestWorker worker, DeviceId device, DeviceConditions conditions) {
    worker.devices.accept(States.now(device, conditions));
  }

  private static List<SafetyReason> reasons(SafetyCheckResult result) {
    assertThat(result).isInstanceOf(SafetyCheckFailed.class);
    return ((SafetyCheckFailed) result).reasons();
  }
}
