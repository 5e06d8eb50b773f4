package dev.flotilla.devicedb.open;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.devicedb.SqliteFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceConnectionsTest {
  @TempDir Path dir;

  private Path file;

  @BeforeEach
  void aDeviceDatabaseInWalMode() throws SQLException {
    file = dir.resolve("rv-0001.db");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = db.createStatement()) {
      sql.execute("PRAGMA journal_mode = WAL");
      sql.execute("CREATE TABLE t (x)");
    }
  }

  @Test
  void aMissingDeviceFileIsAnErrorNeverAnEmptyDatabase() {
    Path missing = dir.resolve("rv-0002.db");

    assertThatThrownBy(() -> DeviceConnections.readWrite(missing).close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DeviceConnections.readOnly(missing).close())
        .isInstanceOf(SQLException.class);
    assertThat(missing).doesNotExist();
  }

  @Test
  void aReadOnlyConnectionCannotWrite() throws SQLException {
    try (Connection db = DeviceConnections.readOnly(file);
        Statement sql = db.createStatement()) {
      assertThatThrownBy(() -> sql.execute("INSERT INTO t VALUES (1)"))
          .satisfies(e -> assertThat(SqliteFailures.isReadOnly(e)).isTrue());
    }
  }

  @Test
  void aReadWriteConnectionIsDurableEnforcesForeignKeysAndKeepsTheJournalMode()
      throws SQLException {
    try (Connection db = DeviceConnections.readWrite(file)) {
      assertThat(pragma(db, "synchronous")).isEqualTo("2");
      assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
      assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void theLockProbeSeesTheApplicationsWriteLockAndWritesNothing() throws Exception {
    long sizeBefore = Files.size(file);
    assertThat(DeviceConnections.writeLockFree(file)).isTrue();
    try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = application.createStatement()) {
      sql.execute("BEGIN IMMEDIATE");
      assertThat(DeviceConnections.writeLockFree(file)).isFalse();
      sql.execute("ROLLBACK");
    }
    assertThat(Files.size(file)).isEqualTo(sizeBefore);
  }

  @Test
  void aCopyHoldsWhatWasCommittedEvenWhileItWasStillInTheWal() throws SQLException {
    try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = application.createStatement()) {
      sql.execute("INSERT INTO t VALUES (1), (2)");
      Path copy = dir.resolve("copy.db");

      DeviceConnections.copy(file, copy, Deadline.none(Clock.systemUTC()), Duration.ofSeconds(1));

      try (Connection db = DeviceConnections.readOnly(copy)) {
        assertThat(pragma(db, "SELECT count(*) FROM t")).isEqualTo("2");
      }
    }
  }

  @Test
  void aPageCopyHoldsWhatWasCommittedEvenWhileItWasStillInTheWalAndSaysItsPages() throws Exception {
    try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = application.createStatement()) {
      sql.execute("INSERT INTO t VALUES (1), (2)");
      Path copy = dir.resolve("copy.db");

      long pages =
          DeviceConnections.pageCopy(
              file, copy, Deadline.none(Clock.systemUTC()), Duration.ofSeconds(1));

      try (Connection db = DeviceConnections.frozen(copy)) {
        assertThat(pragma(db, "SELECT count(*) FROM t")).isEqualTo("2");
        assertThat(pages * Long.parseLong(pragma(db, "page_size"))).isEqualTo(Files.size(copy));
      }
      // The file format bytes of the header say WAL (2), as the source's do.
      byte[] header = Files.readAllBytes(copy);
      assertThat(new byte[] {header[18], header[19]}).containsExactly(2, 2);
    }
  }

  @Test
  void aPageCopyThatCannotReadTheSourceFailsInsteadOfLeavingAnEmptyCopy() throws Exception {
    Path rollback = dir.resolve("rv-0003.db");
    try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + rollback);
        Statement sql = application.createStatement()) {
      sql.execute("CREATE TABLE t (x)");
      sql.execute("INSERT INTO t VALUES (1)");
      sql.execute("BEGIN EXCLUSIVE");
      sql.execute("INSERT INTO t VALUES (2)");

      assertThatThrownBy(
              () ->
                  DeviceConnections.pageCopy(
                      rollback,
                      dir.resolve("copy.db"),
                      Deadline.none(Clock.systemUTC()),
                      Duration.ofMillis(200)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("did not complete");
      sql.execute("ROLLBACK");
    }
  }

  @Test
  void aFrozenConnectionReadsAWalDatabaseWithoutMakingAFileBesideIt() throws Exception {
    Path copy = dir.resolve("copy.db");
    DeviceConnections.pageCopy(file, copy, Deadline.none(Clock.systemUTC()), Duration.ofSeconds(1));
    byte[] before = Files.readAllBytes(copy);

    try (Connection db = DeviceConnections.frozen(copy)) {
      assertThat(pragma(db, "quick_check")).isEqualTo("ok");
      assertThatThrownBy(() -> db.createStatement().execute("INSERT INTO t VALUES (3)"))
          .isInstanceOf(SQLException.class);
    }

    assertThat(Files.readAllBytes(copy)).isEqualTo(before);
    try (var beside = Files.list(dir)) {
      assertThat(beside.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("copy.db-"));
    }
  }

  @Test
  void aStepsReadOnlyConnectionStopsWhatStillRunsAtTheDeadline() throws SQLException {
    Deadline passed = new Deadline(Instant.now().minusSeconds(1), Clock.systemUTC());
    try (Connection db = DeviceConnections.readOnly(file, passed);
        Statement sql = db.createStatement()) {
      assertThatThrownBy(
              () ->
                  sql.executeQuery(
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                          + " SELECT count(*) FROM n"))
          .satisfies(e -> assertThat(DeadlineInterrupt.stoppedAtDeadline(e, passed)).isTrue());
    }
  }

  @Test
  void provisioningCreatesTheFile() throws SQLException {
    Path fresh = dir.resolve("rv-0009.db");

    try (Connection db = DeviceConnections.create(fresh)) {
      assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
    }
    assertThat(fresh).exists();
  }

  private static String pragma(Connection db, String query) throws SQLException {
    String sql = query.startsWith("SELECT") ? query : "PRAGMA " + query;
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
