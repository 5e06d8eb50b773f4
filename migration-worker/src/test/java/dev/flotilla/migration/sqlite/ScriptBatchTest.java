package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.open.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class ScriptBatchTest {
  @Test
  void groupsTransactionalScriptsAndIsolatesTheOthers() {
    List<MigrationScript> scripts =
        List.of(
            script(1, true), script(2, true), script(3, false), script(4, true), script(5, false));

    assertThat(ScriptBatch.segments(scripts))
        .extracting(segment -> segment.stream().map(MigrationScript::version).toList())
        .containsExactly(
            List.of(VersionId.of(1), VersionId.of(2)),
            List.of(VersionId.of(3)),
            List.of(VersionId.of(4)),
            List.of(VersionId.of(5)));
  }

  @Test
  void noScriptsMakeNoSegments() {
    assertThat(ScriptBatch.segments(List.of())).isEmpty();
  }

  @Test
  void theConnectionGetsItsForeignKeySettingBackWhateverItWas() throws Exception {
    for (boolean on : List.of(true, false)) {
      try (Handle handle = Jdbi.open("jdbc:sqlite::memory:")) {
        handle.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
        List<Integer> duringScripts = new ArrayList<>();

        ScriptBatch.apply(
            handle,
            List.of(script(1, true), script(2, false)),
            Deadline.none(Clock.systemUTC()),
            RowLossRule.DECLARED,
            (h, script, millis) -> duringScripts.add(foreignKeys(h)),
            (h, lockWindowMillis) -> null);

        assertThat(duringScripts).containsExactly(0, 0);
        assertThat(foreignKeys(handle)).isEqualTo(on ? 1 : 0);
      }
    }
  }

  @Test
  void aNoTransactionScriptThatSwitchesForeignKeysOnDoesNotLeaveThemOnForTheNext()
      throws Exception {
    try (Handle handle = Jdbi.open("jdbc:sqlite::memory:")) {
      handle.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
      handle.execute(
          "CREATE TABLE child (id INTEGER PRIMARY KEY,"
              + " parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)");
      handle.execute("INSERT INTO parent VALUES (1)");
      handle.execute("INSERT INTO child VALUES (1, 1)");
      MigrationScript switchesOn = sql(1, false, "PRAGMA foreign_keys = ON;");
      MigrationScript rebuild =
          sql(
              2,
              true,
              "CREATE TABLE new_parent (id INTEGER PRIMARY KEY, name TEXT);"
                  + " INSERT INTO new_parent (id) SELECT id FROM parent; DROP TABLE parent;"
                  + " ALTER TABLE new_parent RENAME TO parent;");

      ScriptBatch.apply(
          handle,
          List.of(switchesOn, rebuild),
          Deadline.none(Clock.systemUTC()),
          RowLossRule.DECLARED,
          (h, script, millis) -> {},
          (h, lockWindowMillis) -> null);

      assertThat(handle.createQuery("SELECT count(*) FROM child").mapTo(Integer.class).one())
          .isEqualTo(1);
    }
  }

  private static int foreignKeys(Handle handle) {
    return handle.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one();
  }

  private static MigrationScript sql(int version, boolean transactional, String sql) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        MigrationSetId.of("s"),
        VersionId.of(version),
        ScriptKind.MIGRATE,
        "",
        sql,
        "0".repeat(64),
        transactional);
  }

  private static MigrationScript script(int version, boolean transactional) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        MigrationSetId.of("s"),
        VersionId.of(version),
        ScriptKind.MIGRATE,
        "",
        "SELECT 1;",
        "0".repeat(64),
        transactional);
  }
}
