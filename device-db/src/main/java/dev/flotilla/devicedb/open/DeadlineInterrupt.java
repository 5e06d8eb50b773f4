package dev.flotilla.devicedb.open;

import dev.flotilla.devicedb.SqliteFailures;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.ProgressHandler;

/**
 * Stops whatever a connection runs once a deadline passes: SQLite calls the progress handler every
 * few thousand virtual-machine instructions (and along an integrity check) and ends the statement
 * with SQLITE_INTERRUPT when it answers non-zero. The handler belongs to the one connection, so
 * statements on other connections, on other threads, keep their own deadlines.
 */
public final class DeadlineInterrupt {
  private static final int INSTRUCTIONS_BETWEEN_CHECKS = 10_000;

  private DeadlineInterrupt() {}

  public static void install(Connection connection, Deadline deadline) throws SQLException {
    ProgressHandler.setHandler(
        connection, INSTRUCTIONS_BETWEEN_CHECKS, new StopAtDeadline(deadline));
  }

  /** Whether {@code failure} is SQLite stopping the work because the deadline passed. */
  public static boolean stoppedAtDeadline(Throwable failure, Deadline deadline) {
    return deadline.passed() && SqliteFailures.isInterrupt(failure);
  }

  /** Before a rollback, which must never be interrupted. */
  public static void remove(Connection connection) throws SQLException {
    ProgressHandler.clearHandler(connection);
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
