package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.States;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrate step looks at the device's own report again just before it begins. */
class LateStateChangeTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final MigrationSetId GARAGE = TestSets.GARAGE;

  @TempDir Path fleet;

  private TestWorker worker() {
    return new TestWorker(fleet, TestSets.garageCatalogue());
  }

  @Test
  void aDeviceThatStartsDrivingAfterItsSafetyCheckPassedIsLeftUntouched() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    worker.devices.accept(States.now(RV, DeviceConditions.IDLE));
    assertThat(
            worker
                .safetyCheck
                .handle(Commands.safetyCheck(RV, GARAGE, VersionId.of(4), true))
                .succeeded())
        .isTrue();
    String before = DeviceFiles.dump(file);
    int catchUpsBefore = worker.stateCatchUps.get();

    worker.devices.accept(States.now(RV, States.DRIVING));
    MigrateResult result = worker.migrate.handle(Commands.migrate(RV, GARAGE, VersionId.of(4)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failure().is(Failure.UNSAFE_DEVICE_STATE)).isTrue();
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
              assertThat(failed.failure().reason()).contains("vehicle-moving");
              assertThat(failed.versionNow()).isEqualTo(VersionId.of(2));
              assertThat(failed.failedVersion()).isNull();
              assertThat(failed.restoreRequired()).isFalse();
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
    assertThat(worker.stateCatchUps)
        .as("caught up with the reports first")
        .hasValue(catchUpsBefore + 1);
  }

  @Test
  void aParkedReportThatGrewTooOldSinceTheSafetyCheckIsUnknownStateAndLeavesTheDeviceUntouched() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    worker.devices.accept(
        States.observedAt(RV, DeviceConditions.IDLE, Instant.now().minusSeconds(90)));
    String before = DeviceFiles.dump(file);

    MigrateResult result =
        worker.migrate.handle(Commands.migrateWithStateAge(RV, GARAGE, VersionId.of(4), 60));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failure().is(Failure.UNSAFE_DEVICE_STATE)).isTrue();
              assertThat(failed.failure().reason()).contains("stale-device-state");
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void aDeviceStillParkedIsMigrated() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);
    worker.devices.accept(States.now(RV, DeviceConditions.IDLE));

    assertThat(worker.migrate.handle(Commands.migrate(RV, GARAGE, VersionId.of(4))))
        .isInstanceOf(MigrationsApplied.class);
  }

  @Test
  void aDeviceThatNeverReportsItsStateIsMigratedAsItsSafetyCheckAllowed() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);

    assertThat(worker.migrate.handle(Commands.migrate(RV, GARAGE, VersionId.of(4))))
        .isInstanceOf(MigrationsApplied.class);
  }

  @Test
  void aRedeliveredMigrationThatAlreadyAppliedRepliesAsRecordedWhateverTheDeviceSaysNow() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);
    worker.devices.accept(States.now(RV, DeviceConditions.IDLE));
    ApplyMigrations command = Commands.migrate(RV, GARAGE, VersionId.of(4));
    MigrateResult first = worker.migrate.handle(command);

    worker.devices.accept(States.now(RV, States.DRIVING));

    assertThat(worker.migrate.handle(command)).isEqualTo(first);
  }

  @Test
  void aDryRunTouchesNothingSoItRehearsesWhileTheDeviceDrives() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 2);
    worker.devices.accept(States.now(RV, States.DRIVING));

    assertThat(worker.migrate.handle(Commands.dryRun(RV, GARAGE, VersionId.of(4))))
        .isInstanceOf(MigrationRehearsed.class);
  }
}
