package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.ProgressHandler;

/**
 * Runs the whole text of one script, every statement of it, on a connection, in whatever
 * transaction the caller has (or none). A runaway statement is interrupted once the deadline
 * passes: SQLite calls the progress handler every few thousand virtual-machine instructions and
 * stops the statement with SQLITE_INTERRUPT when it answers non-zero.
 */
public final class ScriptExecutor {
  private static final int INSTRUCTIONS_BETWEEN_DEADLINE_CHECKS = 10_000;

  private ScriptExecutor() {}

  public static void execute(Connection connection, MigrationScript script, Deadline deadline)
      throws ScriptFailedException {
    try {
      ProgressHandler.setHandler(
          connection, INSTRUCTIONS_BETWEEN_DEADLINE_CHECKS, new StopAtDeadline(deadline));
      try (Statement statement = connection.createStatement()) {
        // sqlite-jdbc hands a parameterless update to sqlite3_exec, which runs every statement.
        statement.executeUpdate(script.sql());
      } finally {
        // Cleared before anyone rolls back: a rollback must never be interrupted.
        ProgressHandler.clearHandler(connection);
      }
    } catch (SQLException e) {
      throw new ScriptFailedException(script, e, deadline);
    }
  }

  private static final class StopAtDeadline extends ProgressHandler {
    private final Deadline deadline;

    StopAtDeadline(Deadline deadline) {
      this.deadline = deadline;
    }

    @Override
    protected int progress() {
      return deadline.passed() ? 1 : 0;
    }
  }
}
