package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyCheckResult;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe P5 of the sample set {@code coachiq}, before V5 sums usage per day: readings whose time
 * is no date. Every device of the demo fleet passes it; a device with such a reading does not.
 */
class DemoFleetProbeTest {
  private static final MigrationSetId COACHIQ = MigrationSetId.of(DemoFleet.MIGRATION_SET);

  /** What {@code flotilla demo} generates unless told otherwise. */
  private static final int DEMO_DEVICES = 50;

  private static final long DEMO_SEED = 42;

  @TempDir Path fleet;
  @TempDir Path sets;

  @Test
  void everyDeviceOfTheDemoFleetPassesTheProbe() throws IOException {
    TestWorker worker = new TestWorker(fleet, sampleSet());
    List<DeviceId> devices = DemoFleet.generate(fleet, DEMO_DEVICES, DEMO_SEED);

    for (DeviceId device : devices) {
      assertThat(
              worker.safetyCheck.handle(
                  Commands.safetyCheck(
                      device, COACHIQ, VersionId.of(DemoFleet.LATEST_VERSION), false)))
          .as("%s", device)
          .isInstanceOf(SafetyCheckPassed.class);
    }
    assertThat(
            worker.catalogue.probes(
                COACHIQ, VersionId.of(DemoFleet.GENERATED_VERSION), VersionId.of(5)))
        .hasSize(1);
  }

  @Test
  void readingsWhoseTimeIsNoDateStopTheRolloutBeforeV5LosesThem() throws IOException {
    TestWorker worker = new TestWorker(fleet, sampleSet());
    DeviceId device = DemoFleet.generate(fleet, 1, DEMO_SEED).get(0);
    Path file = DemoFleet.databaseOf(fleet, device);
    DeviceFiles.execute(
        file,
        "UPDATE tank_levels SET recorded_at = 'yesterday noon' WHERE id = 7",
        "UPDATE circuit_loads SET recorded_at = '31/10/2026 08:00' WHERE id = 3");

    SafetyCheckResult result =
        worker.safetyCheck.handle(Commands.safetyCheck(device, COACHIQ, VersionId.of(5), false));

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckFailed.class,
            failed ->
                assertThat(failed.reasons())
                    .containsExactly(
                        SafetyReason.permanent(
                            "preflight-failed",
                            "P5 (add usage snapshots) returned 2 rows:"
                                + " (source=tank_levels, id=7, recorded_at=yesterday noon);"
                                + " (source=circuit_loads, id=3, recorded_at=31/10/2026 08:00)")));
    // What the probe spares the device: V5 applies, and its own check fails on the lost day.
    assertThat(worker.migrate.handle(Commands.migrate(device, COACHIQ, VersionId.of(5))))
        .isInstanceOf(MigrationsApplied.class);
    assertThat(worker.verify.handle(Commands.verify(device, COACHIQ, VersionId.of(5))))
        .isInstanceOfSatisfying(
            VerificationFailed.class,
            failed -> assertThat(failed.problems()).anyMatch(p -> p.startsWith("C5 ")));
  }

  /** The sample set as devkit ships it, the probe P5 included. */
  private Catalogue sampleSet() throws IOException {
    Path folder = DemoFleet.sampleMigrations(sets);
    return Catalogue.of(MigrationFolder.read(COACHIQ, folder));
  }
}
