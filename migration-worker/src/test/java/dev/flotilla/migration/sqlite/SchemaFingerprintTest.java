package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class SchemaFingerprintTest {
  @Test
  void sameSchemaWrittenWithOtherWhitespaceAndOrderHasTheSameFingerprint() {
    SchemaFingerprint one =
        fingerprintOf("CREATE TABLE a (x INTEGER,  y TEXT)", "CREATE TABLE b (z)");
    SchemaFingerprint two =
        fingerprintOf("CREATE TABLE b (z)", "CREATE TABLE a (x INTEGER,\n    y TEXT)");

    assertThat(one.sha256()).isEqualTo(two.sha256()).hasSize(64);
  }

  @Test
  void flotillaBookkeepingAndSqliteInternalsAreLeftOut() {
    SchemaFingerprint plain = fingerprintOf("CREATE TABLE a (x TEXT PRIMARY KEY)");
    SchemaFingerprint withBookkeeping =
        fingerprintOf(
            "CREATE TABLE a (x TEXT PRIMARY KEY)",
            SchemaHistory.CREATE_TABLE,
            CommandLog.CREATE_TABLE,
            "CREATE INDEX flotilla_history_by_command ON flotilla_schema_history (command_id)");

    assertThat(withBookkeeping.sha256()).isEqualTo(plain.sha256());
    assertThat(plain.objects())
        .extracting(SchemaFingerprint.SchemaObject::name)
        .containsExactly("a");
  }

  @Test
  void aChangedColumnChangesTheFingerprintAndIsNamedAsADifference() {
    SchemaFingerprint expected =
        fingerprintOf("CREATE TABLE a (x INTEGER)", "CREATE VIEW v AS SELECT 1");
    SchemaFingerprint actual = fingerprintOf("CREATE TABLE a (x TEXT)", "CREATE TABLE b (y)");

    assertThat(actual.matches(expected)).isFalse();
    assertThat(actual.differencesFrom(expected))
        .containsExactly("different table a", "missing view v", "unexpected table b");
  }

  private static SchemaFingerprint fingerprintOf(String... statements) {
    try (Handle handle = Jdbi.open("jdbc:sqlite::memory:")) {
      for (String statement : statements) {
        handle.execute(statement);
      }
      return SchemaFingerprint.of(handle);
    }
  }
}
