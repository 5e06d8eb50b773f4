package dev.flotilla.devicedb.open;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devicedb.SqliteFailures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection waiting for the write lock of the device's own application: the wait ends at the
 * command's deadline, however long the patience.
 */
class LockWaitTest {
  /** Far longer than the test is allowed to wait: a wait that lasted it would fail the test. */
  private static final Duration LONG_PATIENCE = Duration.ofMinutes(10);

  private static final long BOUND_SECONDS = 60;

  @TempDir Path dir;

  private Path file;
  private Connection application;
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

  @BeforeEach
  void theApplicationHoldsTheWriteLock() throws SQLException {
    file = dir.resolve("rv-0001.db");
    application = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement statement = application.createStatement()) {
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("CREATE TABLE t (x)");
      statement.execute("BEGIN IMMEDIATE");
      statement.execute("INSERT INTO t VALUES (1)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    executor.shutdownNow();
    application.close();
  }

  @Test
  void aWaitForAnotherConnectionsLockEndsWhenTheDeadlinePasses() throws Exception {
    Deadline soon = new Deadline(Instant.now().plus(Duration.ofMillis(300)), Clock.systemUTC());

    CompletableFuture<Optional<SQLException>> waiting = beginWriting(soon, LONG_PATIENCE);

    // Returns long before the patience would have run out.
    SQLException failure = waiting.get(BOUND_SECONDS, TimeUnit.SECONDS).orElseThrow();
    assertThat(SqliteFailures.isBusy(failure)).as("%s", failure).isTrue();
    assertThat(soon.passed()).isTrue();
  }

  @Test
  void withoutADeadlineTheWaitLastsThePatience() throws Exception {
    CompletableFuture<Optional<SQLException>> waiting =
        beginWriting(Deadline.none(Clock.systemUTC()), Duration.ofMillis(300));

    SQLException failure = waiting.get(BOUND_SECONDS, TimeUnit.SECONDS).orElseThrow();
    assertThat(SqliteFailures.isBusy(failure)).as("%s", failure).isTrue();
  }

  @Test
  void aLockReleasedDuringTheWaitIsTaken() throws Exception {
    CompletableFuture<Optional<SQLException>> waiting =
        beginWriting(
            new Deadline(Instant.now().plus(LONG_PATIENCE), Clock.systemUTC()), LONG_PATIENCE);
    executor.schedule(this::applicationCommits, 200, TimeUnit.MILLISECONDS);

    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void theWordsOfAWaitGivenUpAtTheDeadlineSaySo() throws Exception {
    Deadline soon = new Deadline(Instant.now().plus(Duration.ofMillis(100)), Clock.systemUTC());

    SQLException failure =
        beginWriting(soon, LONG_PATIENCE).get(BOUND_SECONDS, TimeUnit.SECONDS).orElseThrow();

    assertThat(LockWait.describe(failure, soon))
        .startsWith("the deadline " + soon.at() + " passed while another connection held")
        .contains(failure.getMessage());
  }

  /** Begins a write transaction on a step's connection: empty when it began, else the failure. */
  private CompletableFuture<Optional<SQLException>> beginWriting(
      Deadline deadline, Duration patience) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection ours = DeviceConnections.readWrite(file, deadline, patience)) {
            ours.setAutoCommit(false);
            ours.rollback();
            return Optional.empty();
          } catch (SQLException e) {
            return Optional.of(e);
          }
        },
        executor);
  }

  private void applicationCommits() {
    try (Statement statement = application.createStatement()) {
      statement.execute("COMMIT");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
