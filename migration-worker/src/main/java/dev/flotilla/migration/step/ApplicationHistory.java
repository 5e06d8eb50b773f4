package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.foreign.ForeignHistoryTable;
import dev.flotilla.devicedb.foreign.ForeignToolDetector;
import dev.flotilla.devicedb.foreign.ScriptRun;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.migration.sqlite.ScriptBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The history the application's own migration tool keeps in the database (Flyway's {@code
 * flyway_schema_history}, sqlx's {@code _sqlx_migrations}, …), kept saying what that tool would
 * have written had it run the same scripts. Applications that migrate themselves at startup read
 * it: a table left behind would make them run a version again, or refuse to start. Written in the
 * transaction that runs the script, so the two never disagree. A database with no tool's history,
 * or with two, is left as it is: there is no one tool to speak for.
 */
final class ApplicationHistory {
  private final Optional<ForeignHistoryTable> table;

  private ApplicationHistory(Optional<ForeignHistoryTable> table) {
    this.table = table;
  }

  /** The history of the one tool found in {@code db}, if one is. */
  static ApplicationHistory of(Connection db) throws SQLException {
    return new ApplicationHistory(
        ForeignToolDetector.detect(db).only().map(tool -> tool.historyTable()));
  }

  /** Records each applied migrate script as its tool records it, after Flotilla's own row. */
  ScriptBatch.AfterScript afterApply() {
    return (handle, script, durationMillis) -> {
      if (table.isPresent()) {
        table.get().recordApplied(handle.getConnection(), run(script, durationMillis));
      }
    };
  }

  /**
   * Records each undone version as its tool records a down migration; runs after Flotilla's own row
   * is gone, so the version Flotilla's history is left at is the version after.
   */
  ScriptBatch.AfterScript afterUndo() {
    return (handle, script, durationMillis) -> {
      if (table.isPresent()) {
        VersionId after = SchemaHistory.currentVersion(handle.getConnection());
        table
            .get()
            .recordReverted(
                handle.getConnection(),
                run(script, durationMillis),
                after.isZero() ? Optional.empty() : Optional.of(after.toString()));
      }
    };
  }

  private static ScriptRun run(MigrationScript script, long durationMillis) {
    return new ScriptRun(
        script.version().toString(),
        script.description(),
        scriptName(script),
        script.sql(),
        Duration.ofMillis(durationMillis),
        "");
  }

  /**
   * The file as the tool names it; for scripts pushed before files were recorded, the name
   * Flotilla's own Flyway-style layout gives it.
   */
  private static String scriptName(MigrationScript script) {
    if (!script.file().isEmpty()) {
      return script.file();
    }
    return script.kind().prefix()
        + script.version()
        + "__"
        + script.description().replace(' ', '_')
        + ".sql";
  }
}
