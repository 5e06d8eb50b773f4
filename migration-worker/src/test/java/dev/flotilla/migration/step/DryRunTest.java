package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.DeviceFiles.DatabaseBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry runs of the sample set {@code coachiq} on devkit's demo fleet, checked byte for byte. */
class DryRunTest {
  private static final MigrationSetId COACHIQ = MigrationSetId.of(DemoFleet.MIGRATION_SET);
  private static final VersionId FROM = VersionId.of(DemoFleet.GENERATED_VERSION);
  private static final VersionId TO = VersionId.of(DemoFleet.LATEST_VERSION);

  /**
   * Tightens V4: one load reading per circuit and moment, which a double-reporting sensor breaks.
   */
  private static final String UNIQUE_LOAD_READINGS =
      "CREATE UNIQUE INDEX ux_circuit_loads_circuit_time ON circuit_loads (circuit_id, recorded_at);";

  private static final String SENSOR_REPORTED_TWICE =
      "INSERT INTO circuit_loads (circuit_id, recorded_at, amps)"
          + " SELECT circuit_id, recorded_at, amps FROM circuit_loads ORDER BY id LIMIT 1";

  @TempDir Path fleet;
  @TempDir Path sets;
  @TempDir Path data;

  private DeviceId device;
  private Path file;

  @BeforeEach
  void generateADevice() {
    device = DemoFleet.generate(fleet, 1, 5).get(0);
    file = DemoFleet.databaseOf(fleet, device);
  }

  @Test
  void aDryRunFromTwoToFiveRehearsesOnACopyAndLeavesTheDeviceByteIdentical() throws IOException {
    TestWorker worker = worker(sampleSet());
    DatabaseBytes before = DeviceFiles.bytes(file);
    long sizeBefore = Files.size(file);
    ApplyMigrations dryRun = Commands.dryRun(device, COACHIQ, TO);

    MigrateResult result = worker.migrate.handle(dryRun);

    MigrationRehearsed rehearsed = rehearsed(result);
    assertThat(rehearsed.commandId()).isEqualTo(dryRun.commandId());
    assertThat(rehearsed.causationId()).isEqualTo(dryRun.messageId());
    assertThat(rehearsed.fromVersion()).isEqualTo(FROM);
    assertThat(rehearsed.toVersion()).isEqualTo(TO);
    assertThat(rehearsed.durationMillis()).isNotNegative();
    assertThat(rehearsed.sizeBeforeBytes()).isEqualTo(sizeBefore);
    // V4 and V5 backfill new tables from the readings: the database grows.
    assertThat(rehearsed.sizeAfterBytes()).isGreaterThan(sizeBefore);
    // The backup, the WAL of the migration and the growth of the file.
    assertThat(rehearsed.diskNeededBytes())
        .isGreaterThan(sizeBefore + (rehearsed.sizeAfterBytes() - sizeBefore));
    assertUntouched(before);
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(FROM.asLong().orElseThrow());
    assertThat(DeviceFiles.rows(file, "SELECT name FROM sqlite_master WHERE name LIKE '%log'"))
        .containsExactly(List.of("event_log"));
    assertNoScratchLeft(worker);

    // The real migration ends no bigger than the rehearsal said (on a compact device, exactly).
    assertThat(worker.migrate.handle(Commands.migrate(device, COACHIQ, TO)))
        .isInstanceOf(MigrationsApplied.class);
    long sizeAfter = Files.size(file) + walSize();
    System.out.printf(
        "SIZES before=%d rehearsedAfter=%d realAfter=%d disk=%d ms=%d%n",
        sizeBefore,
        rehearsed.sizeAfterBytes(),
        sizeAfter,
        rehearsed.diskNeededBytes(),
        rehearsed.durationMillis());
    assertThat(sizeAfter).isBetween(sizeBefore + 1, rehearsed.sizeAfterBytes());
  }

  @Test
  void aDryRunOfASetWhoseV4FailsOnThisDevicesDataRepliesMigrationFailedAndTouchesNothing()
      throws IOException {
    TestWorker worker = worker(sampleSetWithV4Ending(UNIQUE_LOAD_READINGS));
    DeviceFiles.execute(file, SENSOR_REPORTED_TWICE);
    DatabaseBytes before = DeviceFiles.bytes(file);

    MigrateResult result = worker.migrate.handle(Commands.dryRun(device, COACHIQ, TO));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.versionNow()).isEqualTo(FROM);
              assertThat(failed.failedVersion()).isEqualTo(VersionId.of(4));
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .startsWith("dry run: V4 (battery monitor) of set coachiq failed")
                  .contains("UNIQUE constraint failed: circuit_loads.circuit_id");
            });
    assertUntouched(before);
    assertNoScratchLeft(worker);
  }

  @Test
  void aSafetyCheckThenADryRunLeaveTheDeviceByteIdentical() throws IOException {
    TestWorker worker = worker(sampleSet());
    DatabaseBytes before = DeviceFiles.bytes(file);

    assertThat(worker.safetyCheck.handle(Commands.safetyCheck(device, COACHIQ, TO, false)))
        .isInstanceOf(SafetyCheckPassed.class);
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    rehearsed(worker.migrate.handle(Commands.dryRun(device, COACHIQ, TO)));

    assertUntouched(before);
    assertNoScratchLeft(worker);
  }

  @Test
  void aRedeliveredDryRunRehearsesAgain() throws IOException {
    TestWorker worker = worker(sampleSet());
    DatabaseBytes before = DeviceFiles.bytes(file);
    ApplyMigrations dryRun = Commands.dryRun(device, COACHIQ, TO);

    MigrationRehearsed first = rehearsed(worker.migrate.handle(dryRun));
    assertUntouched(before);
    MigrationRehearsed second = rehearsed(worker.migrate.handle(dryRun));

    assertThat(second.messageId()).isNotEqualTo(first.messageId());
    assertThat(second.fromVersion()).isEqualTo(FROM);
    // The same answer but for the reply's own id and time and the time the rehearsal took.
    assertThat(second)
        .usingRecursiveComparison()
        .ignoringFields("messageId", "occurredAt", "durationMillis")
        .isEqualTo(first);
    assertUntouched(before);
    assertNoScratchLeft(worker);
  }

  @Test
  void aDryRunRehearsesWithTheCommitsStillInTheWalAndLeavesThemThere() throws IOException {
    TestWorker worker = worker(sampleSetWithV4Ending(UNIQUE_LOAD_READINGS));
    // The duplicate reading is only in the WAL: a copy of the main file alone would pass.
    DeviceFiles.commitIntoWalOnly(file, SENSOR_REPORTED_TWICE);
    DatabaseBytes before = DeviceFiles.bytes(file);
    assertThat(Files.size(DeviceFiles.walOf(file))).isPositive();

    MigrateResult result = worker.migrate.handle(Commands.dryRun(device, COACHIQ, TO));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> assertThat(failed.failure().reason()).contains("UNIQUE constraint failed"));
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    assertNoScratchLeft(worker);
  }

  @Test
  void aCopyThatFailsVerificationIsADryRunFailureNamingTheCheck() throws IOException {
    TestWorker worker = worker(sampleSet());
    DeviceFiles.execute(file, "CREATE TABLE notes (text TEXT)");
    DatabaseBytes before = DeviceFiles.bytes(file);

    MigrateResult result = worker.migrate.handle(Commands.dryRun(device, COACHIQ, TO));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.versionNow()).isEqualTo(FROM);
              assertThat(failed.failedVersion()).isNull();
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .isEqualTo(
                      "dry run: the copy migrated to V5 fails verification: the schema differs"
                          + " from coachiq V1..V5: unexpected table notes");
            });
    assertUntouched(before);
    assertNoScratchLeft(worker);
  }

  @Test
  void aDryRunThatCannotMakeItsCopyIsAnInfrastructureFailure() throws IOException {
    Path notAFolder = Files.writeString(data.resolve("occupied"), "a file, not a folder");
    TestWorker worker = new TestWorker(fleet, sampleSet(), notAFolder);
    DatabaseBytes before = DeviceFiles.bytes(file);

    MigrateResult result = worker.migrate.handle(Commands.dryRun(device, COACHIQ, TO));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.versionNow()).isEqualTo(FROM);
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
              assertThat(failed.failure().reason())
                  .startsWith("dry run: the database could not be copied to");
            });
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
  }

  @Test
  void aDryRunForADeviceWithoutDatabaseIsAnInfrastructureFailure() {
    TestWorker worker = worker(sampleSet());

    MigrateResult result =
        worker.migrate.handle(Commands.dryRun(DeviceId.of("rv-missing"), COACHIQ, TO));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
              assertThat(failed.failure().reason())
                  .startsWith("dry run: there is no database file");
            });
    assertThat(Files.exists(fleet.resolve("rv-missing.db"))).isFalse();
  }

  private TestWorker worker(Catalogue catalogue) {
    return new TestWorker(fleet, catalogue, data);
  }

  private Catalogue sampleSet() {
    return Catalogue.of(MigrationFolder.read(COACHIQ, DemoFleet.sampleMigrations(sets)));
  }

  private Catalogue sampleSetWithV4Ending(String sql) {
    Path folder = DemoFleet.sampleMigrations(sets);
    try {
      Files.writeString(
          folder.resolve("V4__battery_monitor.sql"), "\n" + sql + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Catalogue.of(MigrationFolder.read(COACHIQ, folder));
  }

  private static MigrationRehearsed rehearsed(MigrateResult result) {
    assertThat(result).as("%s", result).isInstanceOf(MigrationRehearsed.class);
    return (MigrationRehearsed) result;
  }

  /** Not a byte of the main file or the WAL's content changed; no WAL content appeared. */
  private void assertUntouched(DatabaseBytes before) throws IOException {
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    Path wal = DeviceFiles.walOf(file);
    assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("the WAL holds nothing").isTrue();
  }

  private long walSize() throws IOException {
    Path wal = DeviceFiles.walOf(file);
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  private static void assertNoScratchLeft(TestWorker worker) throws IOException {
    if (Files.exists(worker.rehearsalDir)) {
      try (Stream<Path> left = Files.list(worker.rehearsalDir)) {
        assertThat(left).isEmpty();
      }
    }
  }
}
