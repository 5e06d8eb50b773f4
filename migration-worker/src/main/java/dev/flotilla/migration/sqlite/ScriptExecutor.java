package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeadlineInterrupt;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs the whole text of one script, every statement of it, on a connection, in whatever
 * transaction the caller has (or none). A script is not started once the deadline has passed (a
 * short one would otherwise finish before SQLite first asks the progress handler), and a runaway
 * statement is interrupted when the deadline passes (see {@link DeadlineInterrupt}).
 */
public final class ScriptExecutor {
  private ScriptExecutor() {}

  public static void execute(Connection connection, MigrationScript script, Deadline deadline)
      throws ScriptFailedException {
    try {
      if (deadline.passed()) {
        throw new SQLiteException(
            "the deadline passed before the script started", SQLiteErrorCode.SQLITE_INTERRUPT);
      }
      DeadlineInterrupt.install(connection, deadline);
      try (Statement statement = connection.createStatement()) {
        // sqlite-jdbc hands a parameterless update to sqlite3_exec, which runs every statement.
        statement.executeUpdate(script.sql());
      } finally {
        // Removed before anyone rolls back: a rollback must never be interrupted.
        DeadlineInterrupt.remove(connection);
      }
    } catch (SQLException e) {
      throw new ScriptFailedException(script, e, deadline);
    }
  }
}
