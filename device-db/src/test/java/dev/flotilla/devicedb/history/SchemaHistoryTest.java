package dev.flotilla.devicedb.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryTest {
  @TempDir Path dir;

  @Test
  void aDatabaseWithoutTheTableIsAtVersionZeroWithNothingApplied() throws SQLException {
    try (Connection db = open()) {
      assertThat(SchemaHistory.currentVersion(db)).isEqualTo(VersionId.ZERO);
      assertThat(SchemaHistory.applied(db)).isEmpty();
    }
  }

  @Test
  void recordedVersionsReadBackLowestFirstAndTheHighestIsCurrent() throws SQLException {
    AppliedMigration v2 =
        new AppliedMigration(
            VersionId.of(2), "add odometer", "bb", "2026-01-01T00:00:01Z", 3, "r-1/d/migrate/1");
    AppliedMigration v1 =
        new AppliedMigration(VersionId.of(1), "baseline", "aa", "2026-01-01T00:00:00Z", 5, null);
    try (Connection db = open()) {
      SchemaHistory.record(db, v2);
      SchemaHistory.record(db, v1);

      assertThat(SchemaHistory.applied(db)).containsExactly(v1, v2);
      assertThat(SchemaHistory.currentVersion(db)).isEqualTo(VersionId.of(2));

      SchemaHistory.remove(db, VersionId.of(2));

      assertThat(SchemaHistory.applied(db)).containsExactly(v1);
      assertThat(SchemaHistory.currentVersion(db)).isEqualTo(VersionId.of(1));
    }
  }

  @Test
  void versionsThatAreNoWholeNumbersAreKeptAsWrittenAndOrderedNumerically() throws SQLException {
    try (Connection db = open()) {
      for (String version : List.of("1", "1.10", "1.2", "20240605131359", "001.3")) {
        SchemaHistory.record(
            db,
            new AppliedMigration(
                VersionId.parse(version), "v" + version, "aa", "2026-01-01T00:00:00Z", 1, null));
      }

      assertThat(SchemaHistory.applied(db))
          .extracting(applied -> applied.version().toString())
          .containsExactly("1", "1.2", "001.3", "1.10", "20240605131359");
      assertThat(SchemaHistory.currentVersion(db)).hasToString("20240605131359");

      SchemaHistory.remove(db, VersionId.parse("1.3"));
      SchemaHistory.remove(db, VersionId.parse("20240605131359"));

      assertThat(SchemaHistory.applied(db))
          .extracting(applied -> applied.version().toString())
          .containsExactly("1", "1.2", "1.10");
      assertThat(SchemaHistory.currentVersion(db)).hasToString("1.10");
    }
  }

  @Test
  void aTableMadeBeforeVersionIdsExistedIsReadAndGetsTheColumnWhenWritten() throws SQLException {
    try (Connection db = open();
        Statement statement = db.createStatement()) {
      statement.execute(
          "CREATE TABLE flotilla_schema_history (version INTEGER PRIMARY KEY, description TEXT"
              + " NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, duration_ms INTEGER"
              + " NOT NULL, command_id TEXT)");
      statement.execute(
          "INSERT INTO flotilla_schema_history VALUES (1, 'baseline', 'aa', '2026', 1, NULL)");

      assertThat(SchemaHistory.currentVersion(db)).isEqualTo(VersionId.of(1));

      SchemaHistory.record(
          db, new AppliedMigration(VersionId.parse("1.1"), "x", "bb", "2026", 1, null));

      assertThat(SchemaHistory.applied(db))
          .extracting(applied -> applied.version().toString())
          .containsExactly("1", "1.1");
    }
  }

  /** Existing fleets have the table on disk: its columns are a contract. */
  @Test
  void theTableHasTheColumnsEveryFleetAlreadyHas() throws SQLException {
    try (Connection db = open()) {
      SchemaHistory.ensureTable(db);
      SchemaHistory.ensureTable(db);

      assertThat(columns(db, SchemaHistory.TABLE))
          .containsExactly(
              "version INTEGER pk",
              "description TEXT notnull",
              "checksum TEXT notnull",
              "applied_at TEXT notnull",
              "duration_ms INTEGER notnull",
              "command_id TEXT",
              "version_id TEXT");
      CommandLog.ensureTable(db);
      assertThat(columns(db, CommandLog.TABLE))
          .containsExactly(
              "command_id TEXT pk",
              "step TEXT notnull",
              "reply TEXT notnull",
              "recorded_at TEXT notnull");
    }
  }

  @Test
  void aScriptsChecksumIsTheLowerCaseSha256OfItsBytesAsTheyAre() {
    // As sha256sum prints it for the file.
    assertThat(ScriptChecksum.of("SELECT 1;\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
    assertThat(ScriptChecksum.of("SELECT 1;\r\n".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
  }

  private Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("device.db"));
  }

  private static List<String> columns(Connection db, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rows.next()) {
        columns.add(
            rows.getString("name")
                + " "
                + rows.getString("type")
                + (rows.getInt("pk") > 0 ? " pk" : "")
                + (rows.getInt("notnull") > 0 ? " notnull" : ""));
      }
    }
    return columns;
  }
}
