package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample set {@code coachiq} on devkit's demo fleet: real schemas with real rows. */
class DemoFleetMigrationTest {
  private static final MigrationSetId COACHIQ = MigrationSetId.of(DemoFleet.MIGRATION_SET);

  @TempDir Path fleet;
  @TempDir Path sets;

  private TestWorker worker;
  private List<DeviceId> devices;

  @BeforeEach
  void generateTheFleet() {
    devices = DemoFleet.generate(fleet, 2, 7);
    Catalogue catalogue =
        Catalogue.of(MigrationFolder.read(COACHIQ, DemoFleet.sampleMigrations(sets)));
    worker = new TestWorker(fleet, catalogue);
  }

  @Test
  void aDemoDeviceMigratesToTheLatestVersionVerifiesAndRollsBackToWhereItWas() {
    DeviceId device = devices.get(0);
    Path file = DemoFleet.databaseOf(fleet, device);
    String before = DeviceFiles.dumpWithout(file, "flotilla_command_log");
    int latest = DemoFleet.LATEST_VERSION;
    int generated = DemoFleet.GENERATED_VERSION;

    assertThat(
            worker.safetyCheck.handle(
                Commands.safetyCheck(device, COACHIQ, VersionId.of(latest), false)))
        .isInstanceOfSatisfying(
            SafetyCheckPassed.class,
            passed -> assertThat(passed.currentVersion()).isEqualTo(VersionId.of(generated)));
    assertThat(worker.migrate.handle(Commands.migrate(device, COACHIQ, VersionId.of(latest))))
        .isInstanceOfSatisfying(
            MigrationsApplied.class,
            applied ->
                assertThat(applied.appliedVersions())
                    .containsExactly(VersionId.of(3), VersionId.of(4), VersionId.of(5)));
    assertThat(worker.verify.handle(Commands.verify(device, COACHIQ, VersionId.of(latest))))
        .isInstanceOf(VerificationPassed.class);
    assertThat(worker.rollback.handle(Commands.rollback(device, COACHIQ, VersionId.of(generated))))
        .isInstanceOf(RolledBack.class);
    assertThat(worker.verify.handle(Commands.verify(device, COACHIQ, VersionId.of(generated))))
        .isInstanceOf(VerificationPassed.class);
    assertThat(DeviceFiles.dumpWithout(file, "flotilla_command_log")).isEqualTo(before);
  }

  @Test
  void aCorruptedDemoDeviceIsRefusedByTheSafetyCheck() {
    DeviceId device = devices.get(1);
    DemoFleet.corrupt(DemoFleet.databaseOf(fleet, device));

    assertThat(
            worker.safetyCheck.handle(
                Commands.safetyCheck(device, COACHIQ, VersionId.of(5), false)))
        .isInstanceOfSatisfying(
            SafetyCheckFailed.class,
            failed ->
                assertThat(failed.reasons())
                    .extracting(SafetyReason::code)
                    .containsExactly("corrupt-database"));
  }
}
