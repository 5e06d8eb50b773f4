package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application at work on a demo fleet's database. */
class ApplicationWriterTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final long FIRST_KEY = 1_000_000;
  private static final String INSERT =
      "INSERT INTO climate_readings (id, zone_id, recorded_at, temperature_c, humidity_pct)"
          + " VALUES (?, 1, '2026-06-01T12:00:00Z', 21.5, 45)";

  @TempDir Path fleet;
  private Path database;

  @BeforeEach
  void aDemoDevice() {
    DemoFleet.generate(fleet, 1, 7);
    database = DemoFleet.databaseOf(fleet, RV);
  }

  @Test
  void everyKeyTheApplicationSawCommittedIsInTheDatabaseInOrder() throws Exception {
    List<Long> committed;
    try (ApplicationWriter<Long> writer =
        ApplicationWriter.start(database, INSERT, Duration.ofMillis(1), FIRST_KEY)) {
      writer.awaitCommits(20);
      writer.stop();
      committed = writer.committed();
      assertThat(writer.failedWrites()).isZero();
    }

    assertThat(committed)
        .hasSizeGreaterThanOrEqualTo(20)
        .startsWith(FIRST_KEY, FIRST_KEY + 1, FIRST_KEY + 2);
    assertThat(keysWritten()).isEqualTo(committed);
  }

  @Test
  void aLockHeldPastTheBusyTimeoutFailsAWriteThatIsNotCommittedAndTheWritingGoesOn()
      throws Exception {
    ApplicationWriter<Long> writer =
        ApplicationWriter.start(database, INSERT, Duration.ofMillis(5), FIRST_KEY);
    writer.awaitCommits(5);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement sql = other.createStatement()) {
      sql.execute("BEGIN IMMEDIATE");
      // Held until the application's busy timeout has run out on a write: that is the point.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> writer.failedWrites() > 0);
      sql.execute("COMMIT");
    }
    long afterTheLock = writer.writesAttempted() + 5;
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> writer.writesAttempted() >= afterTheLock);

    assertThatThrownBy(writer::close).isInstanceOf(IllegalStateException.class);
    assertThat(writer.failedWrites()).isPositive();
    assertThat(writer.firstFailure()).hasValueSatisfying(why -> assertThat(why).contains("BUSY"));
    assertThat(keysWritten()).isEqualTo(writer.committed());
  }

  @Test
  void theClimateSensorsReadingsAreEachThereOnceKeyedByTheirTime() throws Exception {
    ClimateSensor sensor = ClimateSensor.of(RV, database);
    List<String> committed;
    try (ApplicationWriter<String> writer =
        ApplicationWriter.start(database, sensor, Duration.ofMillis(1))) {
      writer.awaitCommits(10);
      writer.stop();
      committed = writer.committed();
    }

    try (Connection db = DeviceConnections.readOnly(database)) {
      Map<String, Integer> present = sensor.present(db);
      assertThat(present).hasSize(committed.size()).containsOnlyKeys(committed);
      assertThat(present.values()).containsOnly(1);
    }
  }

  private List<Long> keysWritten() throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement sql = db.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT id FROM climate_readings WHERE id >= " + FIRST_KEY + " ORDER BY id")) {
      while (rows.next()) {
        keys.add(rows.getLong(1));
      }
    }
    return keys;
  }
}
