package dev.flotilla.devkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A device's application at work, for tests of steps that must live beside it: on its own
 * connection, with the 5 s busy timeout a well-behaved application sets, it commits one row every
 * {@code pause} until closed, remembering the key of every row it saw committed. The statement is
 * the application's INSERT with one parameter, the row's key (1, 2, 3, …).
 */
public final class ApplicationWriter implements AutoCloseable {
  /** The busy timeout of the application's connection. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Path database;
  private final String insert;
  private final Duration pause;
  private final Thread thread;
  private final List<Long> committed = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private volatile long longestWriteNanos;

  private ApplicationWriter(Path database, String insert, Duration pause, long firstKey) {
    this.database = database;
    this.insert = insert;
    this.pause = pause;
    this.thread = new Thread(() -> write(firstKey), "application-writer-" + database.getFileName());
    thread.setDaemon(true);
  }

  /** Starts writing keys from {@code firstKey} up. */
  public static ApplicationWriter start(
      Path database, String insert, Duration pause, long firstKey) {
    ApplicationWriter writer = new ApplicationWriter(database, insert, pause, firstKey);
    writer.thread.start();
    return writer;
  }

  /** The keys of every row committed so far, in order. */
  public List<Long> committed() {
    synchronized (committed) {
      return List.copyOf(committed);
    }
  }

  /** The longest a single write took, waits for locks included. */
  public Duration longestWrite() {
    return Duration.ofNanos(longestWriteNanos);
  }

  /** Waits until {@code count} rows in all are committed (at most 30 s), woken by each commit. */
  public void awaitCommits(long count) throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    synchronized (committed) {
      while (committed.size() < count && failure.get() == null) {
        long left = giveUp - System.nanoTime();
        if (left <= 0) {
          break;
        }
        committed.wait(Math.max(1, left / 1_000_000));
      }
    }
    throwIfFailed();
  }

  private void write(long firstKey) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement setup = db.createStatement();
        PreparedStatement statement = db.prepareStatement(insert)) {
      setup.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      for (long key = firstKey; running; key++) {
        long started = System.nanoTime();
        statement.setLong(1, key);
        statement.executeUpdate();
        longestWriteNanos = Math.max(longestWriteNanos, System.nanoTime() - started);
        synchronized (committed) {
          committed.add(key);
          committed.notifyAll();
        }
        Thread.sleep(pause.toMillis());
      }
    } catch (SQLException | InterruptedException e) {
      failure.set(e);
      synchronized (committed) {
        committed.notifyAll();
      }
    }
  }

  private void throwIfFailed() {
    if (failure.get() != null) {
      throw new IllegalStateException("the application failed to write", failure.get());
    }
  }

  /** Stops writing; throws if a write failed (a lock held past the application's timeout). */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the application", e);
    }
    throwIfFailed();
  }
}
