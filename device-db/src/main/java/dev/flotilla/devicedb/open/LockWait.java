package dev.flotilla.devicedb.open;

import dev.flotilla.devicedb.SqliteFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.BusyHandler;

/**
 * How a connection waits for a lock that another connection holds: like SQLite's {@code
 * busy_timeout} it retries with short sleeps for up to a patience, but it also gives up
 * (SQLITE_BUSY) as soon as the command's deadline passes. SQLite neither calls the progress handler
 * nor honours {@code sqlite3_interrupt} while it waits for a lock, so without this a command
 * blocked by the device's own application would overrun its deadline by the whole busy timeout, and
 * could still begin its work after the deadline.
 */
public final class LockWait extends BusyHandler {
  private static final long LONGEST_SLEEP_MILLIS = 25;

  private final Deadline deadline;
  private final Duration patience;
  private long waitStartedNanos;

  private LockWait(Deadline deadline, Duration patience) {
    this.deadline = deadline;
    this.patience = patience;
  }

  /**
   * Replaces the connection's busy timeout by a wait bounded by {@code patience} and the deadline.
   */
  public static void install(Connection connection, Deadline deadline, Duration patience)
      throws SQLException {
    BusyHandler.setHandler(connection, new LockWait(deadline, patience));
  }

  /**
   * SQLite's words for {@code failure} ({@link SqliteFailures#describe}), saying why when the work
   * gave up waiting for a lock because the deadline passed.
   */
  public static String describe(Throwable failure, Deadline deadline) {
    if (SqliteFailures.isBusy(failure) && deadline.passed()) {
      return "the deadline "
          + deadline.at()
          + " passed while another connection held the database's lock: "
          + SqliteFailures.describe(failure);
    }
    return SqliteFailures.describe(failure);
  }

  /**
   * Called by SQLite each time the lock is found taken, {@code previousCalls} counting the earlier
   * calls of this wait; answers 0 to give up with SQLITE_BUSY, non-zero to try again.
   */
  @Override
  protected int callback(int previousCalls) {
    if (previousCalls == 0) {
      waitStartedNanos = System.nanoTime();
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - waitStartedNanos);
    Duration left = min(patience.minus(waited), deadline.remaining());
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    // 1, 2, 4, 8, 16, then 25 ms: quick to notice a short lock, cheap over a long one.
    long backoffMillis = Math.min(1L << Math.min(previousCalls, 5), LONGEST_SLEEP_MILLIS);
    long sleepMillis = Math.max(1, Math.min(backoffMillis, left.toMillis()));
    try {
      Thread.sleep(sleepMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    return 1;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
