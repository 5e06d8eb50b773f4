package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.devicedb.history.SchemaHistory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SchemaFingerprintTest {
  @Test
  void sameSchemaWrittenWithOtherWhitespaceAndOrderHasTheSameFingerprint() throws SQLException {
    SchemaFingerprint one =
        fingerprintOf("CREATE TABLE a (x INTEGER,  y TEXT)", "CREATE TABLE b (z)");
    SchemaFingerprint two =
        fingerprintOf("CREATE TABLE b (z)", "CREATE TABLE a (x INTEGER,\n    y TEXT)");

    assertThat(one.sha256()).isEqualTo(two.sha256()).hasSize(64);
  }

  @Test
  void flotillaBookkeepingAndSqliteInternalsAreLeftOut() throws SQLException {
    SchemaFingerprint plain = fingerprintOf("CREATE TABLE a (x TEXT PRIMARY KEY)");
    SchemaFingerprint withBookkeeping =
        fingerprintWithBookkeepingOf(
            "CREATE TABLE a (x TEXT PRIMARY KEY)",
            "CREATE INDEX flotilla_history_by_command ON flotilla_schema_history (command_id)");

    assertThat(withBookkeeping.sha256()).isEqualTo(plain.sha256());
    assertThat(plain.objects())
        .extracting(SchemaFingerprint.SchemaObject::name)
        .containsExactly("a");
  }

  @Test
  void migrationToolsHistoryTablesAndTheirIndexesAreLeftOut() throws SQLException {
    SchemaFingerprint plain = fingerprintOf("CREATE TABLE a (x TEXT PRIMARY KEY)");
    SchemaFingerprint withToolTables =
        fingerprintOf(
            "CREATE TABLE a (x TEXT PRIMARY KEY)",
            "CREATE TABLE \"Flyway_Schema_History\" (installed_rank INT, success BOOLEAN)",
            "CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success)",
            "CREATE TABLE schema_migrations (version uint64, dirty bool)",
            "CREATE UNIQUE INDEX version_unique ON schema_migrations (version)",
            "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT)",
            "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY)",
            "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY)");

    assertThat(withToolTables.sha256()).isEqualTo(plain.sha256());
  }

  @Test
  void aTableThatOnlyStartsLikeAToolsTableCounts() throws SQLException {
    SchemaFingerprint plain = fingerprintOf("CREATE TABLE a (x TEXT PRIMARY KEY)");
    SchemaFingerprint withLookalike =
        fingerprintOf(
            "CREATE TABLE a (x TEXT PRIMARY KEY)", "CREATE TABLE schema_migrations_log (y)");

    assertThat(withLookalike.matches(plain)).isFalse();
  }

  @Test
  void aChangedColumnChangesTheFingerprintAndIsNamedAsADifference() throws SQLException {
    SchemaFingerprint expected =
        fingerprintOf("CREATE TABLE a (x INTEGER)", "CREATE VIEW v AS SELECT 1");
    SchemaFingerprint actual = fingerprintOf("CREATE TABLE a (x TEXT)", "CREATE TABLE b (y)");

    assertThat(actual.matches(expected)).isFalse();
    assertThat(actual.differencesFrom(expected))
        .containsExactly(
            "different table a (different column x)", "missing view v", "unexpected table b");
  }

  @Test
  void aDifferentTableNamesTheColumnsMissingExtraOrChanged() throws SQLException {
    SchemaFingerprint expected =
        fingerprintOf(
            "CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL, isbn TEXT,"
                + " published INTEGER NOT NULL DEFAULT 0)");
    SchemaFingerprint actual =
        fingerprintOf(
            "CREATE TABLE \"book\" (\"id\" INTEGER PRIMARY KEY, notes TEXT, title TEXT NOT NULL,"
                + " published INTEGER)");

    assertThat(actual.differencesFrom(expected))
        .containsExactly(
            "different table book (missing column isbn; different column published;"
                + " unexpected column notes)");
  }

  @Test
  void aTableWithTheSameColumnsNamesTheKeysThatDiffer() throws SQLException {
    SchemaFingerprint expected =
        fingerprintOf(
            "CREATE TABLE p (id INTEGER PRIMARY KEY)",
            "CREATE TABLE a (x INTEGER REFERENCES p (id), y TEXT UNIQUE)");
    SchemaFingerprint actual =
        fingerprintOf(
            "CREATE TABLE p (id INTEGER PRIMARY KEY)", "CREATE TABLE a (x INTEGER, y TEXT)");

    assertThat(actual.differencesFrom(expected))
        .containsExactly(
            "different table a (its foreign keys differ; its unique constraints differ)");
  }

  @Test
  void aTableThatSqliteReadsAlikeIsOnlyWrittenOtherwiseOrDiffersInItsChecks() throws SQLException {
    SchemaFingerprint expected = fingerprintOf("CREATE TABLE a (x INTEGER, CHECK (x > 0))");
    SchemaFingerprint actual = fingerprintOf("CREATE TABLE \"a\" (x INTEGER)");

    assertThat(actual.differencesFrom(expected))
        .containsExactly(
            "different table a (the same columns and keys; written otherwise, or its CHECK"
                + " constraints differ)");
  }

  private static SchemaFingerprint fingerprintOf(String... statements) throws SQLException {
    return fingerprintOf(false, statements);
  }

  /** With Flotilla's own tables too, which every fingerprint leaves out. */
  private static SchemaFingerprint fingerprintWithBookkeepingOf(String... statements)
      throws SQLException {
    return fingerprintOf(true, statements);
  }

  private static SchemaFingerprint fingerprintOf(boolean bookkeeping, String... statements)
      throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement sql = db.createStatement()) {
      if (bookkeeping) {
        SchemaHistory.ensureTable(db);
        CommandLog.ensureTable(db);
      }
      for (String statement : statements) {
        sql.execute(statement);
      }
      return SchemaFingerprint.of(db);
    }
  }
}
