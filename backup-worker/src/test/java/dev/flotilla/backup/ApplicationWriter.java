package dev.flotilla.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A device's application at work: a reading committed every millisecond or so on its own
 * connection, with the 5 s busy timeout a well-behaved application sets, until closed.
 */
final class ApplicationWriter implements AutoCloseable {
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running = true;

  private ApplicationWriter(Path database) {
    thread = new Thread(() -> write(database), "application-writer");
    thread.setDaemon(true);
  }

  static ApplicationWriter start(Path database) {
    ApplicationWriter writer = new ApplicationWriter(database);
    writer.thread.start();
    return writer;
  }

  long commits() {
    return commits.get();
  }

  void awaitCommits(long count) throws InterruptedException {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
    while (commits.get() < count && failure.get() == null && Instant.now().isBefore(giveUp)) {
      Thread.sleep(5);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the application failed to write", failure.get());
    }
  }

  private void write(Path database) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement setup = db.createStatement()) {
      setup.execute("PRAGMA busy_timeout = 5000");
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO tank_reading (coach_id, tank, level, read_at)"
                  + " VALUES (1, 'fresh', ?, strftime('%Y-%m-%dT%H:%M:%fZ'))")) {
        while (running) {
          insert.setDouble(1, commits.get() % 100);
          insert.executeUpdate();
          commits.incrementAndGet();
          Thread.sleep(1);
        }
      }
    } catch (SQLException | InterruptedException e) {
      failure.set(e);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the application", e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the application failed to write", failure.get());
    }
  }
}
