package dev.flotilla.cli.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devkit.ApplicationWriter;
import dev.flotilla.devkit.DemoFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated application on a real demo database, with a migration running beside it, and what
 * the reports say of the readings it committed.
 */
class WriterReportsTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");

  @TempDir Path work;
  private Path db;
  private long rowsBefore;

  @BeforeEach
  void generate() throws SQLException {
    DemoFleet.generate(work.resolve("fleet"), 1, 7);
    db = DemoFleet.databaseOf(work.resolve("fleet"), DEVICE);
    rowsBefore = readingRows();
  }

  @Test
  void theLoggerKeepsWritingThroughTheSampleMigrationsAndEveryCommittedReadingIsThereOnce()
      throws Exception {
    ApplicationWriters writers = start();
    awaitWrites(writers, 20);
    migrateToV5(300);
    awaitWrites(writers, writers.writesAttempted() + 20);

    WriterReport report = writers.stop().get(0);

    assertThat(report.version()).contains(VersionId.of(5));
    assertThat(report.failedWrites()).isZero();
    assertThat(report.rowsWritten()).isGreaterThan(20);
    assertThat(report.readingsIntact()).as("%s", report).isTrue();
    assertThat(readingRows()).isEqualTo(rowsBefore + report.rowsWritten());
    // The migration held the lock for 300 ms; the sensor waited for it and did not fail.
    assertThat(report.longestWrite()).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(200));
  }

  @Test
  void aLockHeldLongerThanTheBusyTimeoutFailsWritesThatAreNotCountedAsCommitted() throws Exception {
    ApplicationWriters writers = start();
    awaitWrites(writers, 5);
    migrateToV5(ApplicationWriter.BUSY_TIMEOUT_MILLIS + 700);
    awaitWrites(writers, writers.writesAttempted() + 5);

    WriterReport report = writers.stop().get(0);

    assertThat(report.failedWrites()).isGreaterThanOrEqualTo(1);
    assertThat(report.firstFailure()).hasValueSatisfying(why -> assertThat(why).contains("BUSY"));
    assertThat(report.readingsIntact()).as("%s", report).isTrue();
    assertThat(readingRows()).isEqualTo(rowsBefore + report.rowsWritten());
  }

  @Test
  void aLostReadingAndADuplicatedOneAreBothFound() throws Exception {
    ApplicationWriters writers = start();
    awaitWrites(writers, 10);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      // One transaction: a reading the application writes in between must not shift max(id).
      s.execute("BEGIN IMMEDIATE");
      s.executeUpdate(
          "INSERT INTO climate_readings (zone_id, recorded_at, temperature_c, humidity_pct)"
              + " SELECT zone_id, recorded_at, temperature_c, humidity_pct FROM climate_readings"
              + " WHERE id = (SELECT max(id) FROM climate_readings)");
      s.executeUpdate(
          "DELETE FROM climate_readings WHERE id = (SELECT max(id) - 2 FROM climate_readings)");
      s.execute("COMMIT");
    }
    awaitWrites(writers, writers.writesAttempted() + 5);

    WriterReport report = writers.stop().get(0);

    assertThat(report.missing()).isEqualTo(1);
    assertThat(report.duplicated()).isEqualTo(1);
    assertThat(report.unexpected()).isZero();
    assertThat(report.readingsIntact()).isFalse();
  }

  /**
   * Applies V3..V5 of the sample set as the migration worker does, in one transaction that takes
   * the write lock at its start, and holds the lock for at least {@code holdMillis}.
   */
  private void migrateToV5(long holdMillis) throws Exception {
    Path scripts = DemoFleet.sampleMigrations(work.resolve("migrations"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA foreign_keys = OFF");
      s.execute("BEGIN IMMEDIATE");
      long began = System.nanoTime();
      for (int version = 3; version <= 5; version++) {
        int v = version;
        try (var files = Files.list(scripts)) {
          Path script =
              files
                  .filter(f -> f.getFileName().toString().startsWith("V" + v + "__"))
                  .findFirst()
                  .orElseThrow();
          s.executeUpdate(Files.readString(script, StandardCharsets.UTF_8));
        }
        SchemaHistory.record(
            c, new AppliedMigration(VersionId.of(v), "test", "x", "2026-01-01T00:00:00Z", 0, null));
      }
      long left = holdMillis - (System.nanoTime() - began) / 1_000_000;
      if (left > 0) {
        // Holding the write lock this long is the point: the application's writes must wait.
        Thread.sleep(left);
      }
      s.execute("COMMIT");
    }
  }

  private long readingRows() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM climate_readings")) {
      return r.getLong(1);
    }
  }

  private ApplicationWriters start() throws SQLException {
    return ApplicationWriters.start(List.of(DEVICE), device -> db);
  }

  /** Waits until the sensor has tried {@code count} writes in all. */
  private static void awaitWrites(ApplicationWriters writers, long count) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> writers.writesAttempted() >= count);
  }
}
