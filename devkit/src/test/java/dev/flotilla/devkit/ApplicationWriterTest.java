package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationWriterTest {
  private static final String INSERT = "INSERT INTO reading (id) VALUES (?)";

  @TempDir Path dir;
  private Path database;

  @BeforeEach
  void aDeviceDatabase() throws SQLException {
    database = dir.resolve("rv-0001.db");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement sql = db.createStatement()) {
      sql.execute("PRAGMA journal_mode = WAL");
      sql.execute("CREATE TABLE reading (id INTEGER PRIMARY KEY)");
    }
  }

  @Test
  void everyKeyTheApplicationSawCommittedIsInTheDatabaseInOrder() throws Exception {
    List<Long> committed;
    try (ApplicationWriter<Long> writer =
        ApplicationWriter.start(database, INSERT, Duration.ofMillis(1), 100)) {
      writer.awaitCommits(20);
      writer.stop();
      committed = writer.committed();
      assertThat(writer.failedWrites()).isZero();
    }

    assertThat(committed).hasSizeGreaterThanOrEqualTo(20).startsWith(100L, 101L, 102L);
    assertThat(ids()).isEqualTo(committed);
  }

  @Test
  void aLockHeldPastTheBusyTimeoutFailsAWriteThatIsNotCommittedAndTheWritingGoesOn()
      throws Exception {
    ApplicationWriter<Long> writer =
        ApplicationWriter.start(database, INSERT, Duration.ofMillis(5), 1);
    writer.awaitCommits(5);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement sql = other.createStatement()) {
      sql.execute("BEGIN IMMEDIATE");
      // Holding the write lock past the application's busy timeout is the point.
      Thread.sleep(ApplicationWriter.BUSY_TIMEOUT_MILLIS + 700);
      sql.execute("COMMIT");
    }
    long afterTheLock = writer.writesAttempted() + 5;
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> writer.writesAttempted() >= afterTheLock);

    assertThatThrownBy(writer::close).isInstanceOf(IllegalStateException.class);
    assertThat(writer.failedWrites()).isPositive();
    assertThat(writer.firstFailure()).hasValueSatisfying(why -> assertThat(why).contains("BUSY"));
    assertThat(ids()).isEqualTo(writer.committed());
  }

  private List<Long> ids() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement sql = db.createStatement();
        ResultSet rows = sql.executeQuery("SELECT id FROM reading ORDER BY id")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }
}
