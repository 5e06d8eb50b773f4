package dev.flotilla.devkit;

import dev.flotilla.devicedb.open.DeviceConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's application at work beside Flotilla, for the demo and for tests of steps that must
 * live with it: on a connection and a thread of its own it commits one row every {@code interval},
 * one autocommit INSERT each, until stopped, remembering the key of every row SQLite committed. It
 * behaves as a well-written application does: the journal mode the file has, a 5 s busy timeout,
 * foreign keys on, never creating the file. A write still waiting for the lock after the busy
 * timeout fails with SQLITE_BUSY; the writer counts it and goes on with the next row, as a data
 * logger would, and the row is not counted as committed.
 *
 * @param <K> what tells the rows apart: their key, or the time they were recorded
 */
public final class ApplicationWriter<K> implements AutoCloseable {
  /** The busy timeout of the application's connection: how long a write waits for the lock. */
  public static final int BUSY_TIMEOUT_MILLIS = (int) DeviceConnections.LOCK_WAIT.toMillis();

  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final Duration AWAIT_LIMIT = Duration.ofSeconds(30);

  /** What the application writes: its INSERT, and the values of its {@code n}-th row (1, 2, …). */
  public interface Rows<K> {
    String insert();

    /** Binds the values of row {@code n} to {@code insert} and answers the row's key. */
    K bind(PreparedStatement insert, long n) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationWriter.class);

  private final Path database;
  private final Rows<K> rows;
  private final Duration interval;
  private final Thread thread;
  private final AtomicLong attempts = new AtomicLong();
  private volatile boolean stopping;
  private volatile long longestWriteNanos;
  private Connection connection;
  private PreparedStatement insert;

  // Guarded by committed, whose monitor also wakes those waiting for commits.
  private final List<K> committed = new ArrayList<>();
  private long failedWrites;
  private Exception firstFailure;

  private ApplicationWriter(Path database, Rows<K> rows, Duration interval) {
    this.database = database;
    this.rows = rows;
    this.interval = interval;
    this.thread = new Thread(this::run, "application-writer-" + database.getFileName());
    thread.setDaemon(true);
  }

  /** Starts writing {@code rows}, one every {@code interval}, on a thread of its own. */
  public static <K> ApplicationWriter<K> start(Path database, Rows<K> rows, Duration interval)
      throws SQLException {
    ApplicationWriter<K> writer = new ApplicationWriter<>(database, rows, interval);
    writer.open();
    return writer;
  }

  /**
   * Starts writing with {@code insert}, the application's INSERT with one parameter, the row's key:
   * {@code firstKey}, then one more each row.
   */
  public static ApplicationWriter<Long> start(
      Path database, String insert, Duration interval, long firstKey) throws SQLException {
    return start(database, keyed(insert, firstKey), interval);
  }

  private void open() throws SQLException {
    connection = DeviceConnections.readWrite(database);
    try {
      insert = connection.prepareStatement(rows.insert());
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    thread.start();
  }

  /** The keys of every row committed so far, in order. */
  public List<K> committed() {
    synchronized (committed) {
      return List.copyOf(committed);
    }
  }

  /** How many rows the application has tried to write so far, committed or not. */
  public long writesAttempted() {
    return attempts.get();
  }

  /** The longest a single write took, its wait for the lock included. */
  public Duration longestWrite() {
    return Duration.ofNanos(longestWriteNanos);
  }

  /** The writes that failed (SQLITE_BUSY once the busy timeout passed, or worse). */
  public long failedWrites() {
    synchronized (committed) {
      return failedWrites;
    }
  }

  /** The message of the first failed write. */
  public Optional<String> firstFailure() {
    synchronized (committed) {
      return Optional.ofNullable(firstFailure).map(Exception::getMessage);
    }
  }

  /**
   * Waits until {@code count} rows in all are committed (at most 30 s), woken by each commit.
   *
   * @throws IllegalStateException once a write failed
   */
  public void awaitCommits(long count) throws InterruptedException {
    long giveUp = System.nanoTime() + AWAIT_LIMIT.toNanos();
    synchronized (committed) {
      while (committed.size() < count && firstFailure == null) {
        long left = giveUp - System.nanoTime();
        if (left <= 0) {
          break;
        }
        committed.wait(Math.max(1, left / 1_000_000));
      }
    }
    throwIfFailed();
  }

  /** Lets the current write finish and ends the writing, without waiting for it. */
  public void requestStop() {
    stopping = true;
  }

  /** Stops writing and waits until the application has closed its connection. */
  public void stop() throws InterruptedException {
    requestStop();
    thread.join(STOP_WAIT.toMillis());
    if (thread.isAlive()) {
      throw new IllegalStateException(
          "the application writing " + database + " did not stop within " + STOP_WAIT);
    }
  }

  /** Stops writing; throws if a write failed (a lock held past the application's timeout). */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the application", e);
    }
    throwIfFailed();
  }

  private void run() {
    long intervalNanos = interval.toNanos();
    long next = System.nanoTime();
    try {
      for (long n = 1; !stopping; n++) {
        write(n);
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        } else {
          // Behind after a wait for the lock: carry on from now, no burst of catch-up writes.
          next = System.nanoTime();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeConnection();
    }
  }

  private void write(long n) {
    long began = System.nanoTime();
    try {
      K key = rows.bind(insert, n);
      insert.executeUpdate();
      synchronized (committed) {
        committed.add(key);
        committed.notifyAll();
      }
    } catch (SQLException | RuntimeException e) {
      synchronized (committed) {
        failedWrites++;
        if (firstFailure == null) {
          firstFailure = e;
        }
        committed.notifyAll();
      }
    } finally {
      longestWriteNanos = Math.max(longestWriteNanos, System.nanoTime() - began);
      attempts.incrementAndGet();
    }
  }

  private void closeConnection() {
    try {
      insert.close();
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the connection of the application writing {} failed", database, e);
    }
  }

  private void throwIfFailed() {
    synchronized (committed) {
      if (firstFailure != null) {
        throw new IllegalStateException("the application failed to write", firstFailure);
      }
    }
  }

  private static Rows<Long> keyed(String insert, long firstKey) {
    return new Rows<>() {
      @Override
      public String insert() {
        return insert;
      }

      @Override
      public Long bind(PreparedStatement statement, long n) throws SQLException {
        long key = firstKey + n - 1;
        statement.setLong(1, key);
        return key;
      }
    };
  }
}
