package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.devkit.ApplicationWriter;
import dev.flotilla.migration.testing.Telemetry;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrating beside the device's application, which keeps writing: the migration waits for the
 * application's short transactions, holds the write lock only while its scripts run and reports how
 * long, and the application's writes wait and land; an application that holds its lock past the
 * rollout's wait gets a busy migration that changed nothing. Both journal modes.
 */
class LiveApplicationTest {
  private static final DeviceId DEVICE = DeviceId.of("logger-1");
  private static final String READING =
      "INSERT INTO reading (id, vehicle_id, recorded_at, celsius)"
          + " VALUES (1000000 + ?, 1, 1800000000, 21.5)";

  @TempDir Path fleet;

  @ParameterizedTest
  @ValueSource(strings = {"wal", "delete"})
  void theApplicationsWritesWaitForTheMigrationAndAllLand(String journalMode) throws Exception {
    TestWorker worker = new TestWorker(fleet, TestSets.telemetryCatalogue());
    Path file = Telemetry.deviceAtV1(worker, fleet, DEVICE, Telemetry.READINGS);
    DeviceFiles.execute(file, "PRAGMA journal_mode = " + journalMode);
    MigrateResult result;
    ApplicationWriter<Long> application =
        ApplicationWriter.start(file, READING, Duration.ofMillis(2), 1);
    try (application) {
      application.awaitCommits(20);
      result =
          worker.migrate.handle(
              Commands.migrateWaitingForLock(DEVICE, TestSets.TELEMETRY, VersionId.of(4), 10));
      application.awaitCommits(application.committed().size() + 20);
    }
    List<Long> written = application.committed();
    Duration longestWrite = application.longestWrite();

    assertThat(result).as("%s", result).isInstanceOf(MigrationsApplied.class);
    MigrationsApplied applied = (MigrationsApplied) result;
    assertThat(applied.lockWindowMillis())
        .isPositive()
        .isLessThanOrEqualTo(applied.durationMillis());
    // A write that fell in the window waited for it, about as long as the window.
    assertThat(longestWrite.toMillis()).isLessThan(applied.lockWindowMillis() + 1_000);
    assertThat(
            DeviceFiles.count(
                file,
                "SELECT count(DISTINCT id) FROM reading WHERE id > 1000000 AND id <= "
                    + (1000000 + written.get(written.size() - 1))))
        .isEqualTo(written.size());
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM reading WHERE id <= 1000000"))
        .isEqualTo(Telemetry.READINGS);
    assertThat(DeviceFiles.rows(file, "PRAGMA journal_mode")).containsExactly(List.of(journalMode));
  }

  /**
   * An operator's downgrade beside the running application: the undo scripts wait for its short
   * transactions and its writes wait for theirs; every row it wrote and every row before is there,
   * and the journal mode is the application's.
   */
  @ParameterizedTest
  @ValueSource(strings = {"wal", "delete"})
  void aDowngradeBesideTheWritingApplicationKeepsEveryRowAndItsJournalMode(String journalMode)
      throws Exception {
    TestWorker worker = new TestWorker(fleet, TestSets.telemetryCatalogue());
    Path file = Telemetry.deviceAtV1(worker, fleet, DEVICE, Telemetry.READINGS);
    assertThat(worker.migrate.handle(Commands.migrate(DEVICE, TestSets.TELEMETRY, VersionId.of(4))))
        .isInstanceOf(MigrationsApplied.class);
    DeviceFiles.execute(file, "PRAGMA journal_mode = " + journalMode);
    MigrateResult result;
    ApplicationWriter<Long> application =
        ApplicationWriter.start(file, READING, Duration.ofMillis(2), 1);
    try (application) {
      application.awaitCommits(20);
      result =
          worker.migrate.handle(
              Commands.migrateWaitingForLock(DEVICE, TestSets.TELEMETRY, VersionId.of(2), 10));
      application.awaitCommits(application.committed().size() + 20);
    }
    List<Long> written = application.committed();

    assertThat(result)
        .as("%s", result)
        .isInstanceOfSatisfying(
            MigrationsApplied.class,
            down ->
                assertThat(down.revertedVersions())
                    .containsExactly(VersionId.of(4), VersionId.of(3)));
    assertThat(
            DeviceFiles.count(
                file,
                "SELECT count(DISTINCT id) FROM reading WHERE id > 1000000 AND id <= "
                    + (1000000 + written.get(written.size() - 1))))
        .isEqualTo(written.size());
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM reading WHERE id <= 1000000"))
        .isEqualTo(Telemetry.READINGS);
    assertThat(DeviceFiles.rows(file, "PRAGMA journal_mode")).containsExactly(List.of(journalMode));
    assertThat(DeviceFiles.version(file)).isEqualTo(2);
  }

  @Test
  void anApplicationHoldingItsLockPastTheWaitGetsABusyMigrationThatChangedNothing()
      throws Exception {
    TestWorker worker = new TestWorker(fleet, TestSets.telemetryCatalogue());
    Path file = Telemetry.deviceAtV1(worker, fleet, DEVICE, 1_000);
    String before = DeviceFiles.dump(file);
    MigrateResult result;
    try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = application.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      statement.execute(
          "INSERT INTO reading (vehicle_id, recorded_at, celsius) VALUES (1, 1800000000, 20)");
      result =
          worker.migrate.handle(
              Commands.migrateWaitingForLock(DEVICE, TestSets.TELEMETRY, VersionId.of(2), 1));
      statement.execute("ROLLBACK");
    }

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failure().is(Failure.DATABASE_BUSY)).as("%s", failed).isTrue();
              assertThat(failed.versionNow()).isEqualTo(VersionId.of(1));
              assertThat(failed.restoreRequired()).isFalse();
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }
}
