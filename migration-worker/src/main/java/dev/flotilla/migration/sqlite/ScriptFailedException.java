package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.open.Deadline;
import java.sql.SQLException;

/** One migration script failed on a database; the message names the script and SQLite's words. */
public final class ScriptFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient MigrationScript script;
  private final boolean stoppedAtDeadline;

  ScriptFailedException(MigrationScript script, SQLException cause, Deadline deadline) {
    super(describe(script, cause, deadline), cause);
    this.script = script;
    this.stoppedAtDeadline = deadline.passed() && SqliteFailures.isInterrupt(cause);
  }

  public MigrationScript script() {
    return script;
  }

  /** True when the script did not fail by itself but was interrupted as the deadline passed. */
  public boolean stoppedAtDeadline() {
    return stoppedAtDeadline;
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }

  public static String label(MigrationScript script) {
    return script.kind().prefix()
        + script.version()
        + (script.description().isEmpty() ? "" : " (" + script.description() + ")");
  }

  private static String describe(MigrationScript script, SQLException cause, Deadline deadline) {
    if (deadline.passed() && SqliteFailures.isInterrupt(cause)) {
      return label(script)
          + " of set "
          + script.migrationSet()
          + " was stopped at the deadline "
          + deadline.at();
    }
    return label(script) + " of set " + script.migrationSet() + " failed: " + cause.getMessage();
  }
}
