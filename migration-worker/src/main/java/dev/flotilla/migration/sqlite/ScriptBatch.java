package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.ForeignKeyCheck;
import dev.flotilla.devicedb.open.Deadline;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Applies an ordered list of scripts to one database, the way SQLite's documentation says schema
 * changes must be made: foreign keys off on the connection before the transaction begins (inside
 * one, {@code PRAGMA foreign_keys} does nothing, and a {@code DROP TABLE} of a parent would delete
 * its {@code ON DELETE CASCADE} children), the scripts, then {@code PRAGMA foreign_key_check} and
 * the row guard ({@link MigrationGuard}) before commit, and the connection's setting back
 * afterwards. Consecutive transactional scripts share one transaction, together with their
 * bookkeeping, so a device moves from one version to another at once or not at all. A script that
 * cannot run in a transaction runs alone, still with foreign keys off and judged by the same guard
 * after it, and its bookkeeping follows in a transaction of its own. The completion (the
 * command-log row, a final check) runs inside the last transaction, so it commits with the last
 * change.
 */
public final class ScriptBatch {
  /** Bookkeeping for one applied script, inside the transaction that applied it. */
  @FunctionalInterface
  public interface AfterScript {
    void record(Handle handle, MigrationScript script, long durationMillis) throws Exception;
  }

  /**
   * The last work of the batch, inside its last transaction; throwing rolls it back. {@code
   * lockWindowMillis} is how long the batch has held the database's write lock so far (every
   * transaction until its commit began, and every no-transaction script): the time the device's
   * application could not commit.
   */
  @FunctionalInterface
  public interface Completion<T> {
    T complete(Handle handle, long lockWindowMillis) throws Exception;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws Exception;
  }

  private ScriptBatch() {}

  /**
   * Applies {@code scripts} in order and returns what {@code completion} returns.
   *
   * @param rule which tables the scripts may leave with fewer rows
   * @throws ScriptFailedException when a script fails; its transaction is rolled back, earlier
   *     transactions (before a non-transactional script) stay committed
   * @throws GuardFailedException when scripts broke a foreign key or lost undeclared rows; their
   *     transaction is rolled back (a non-transactional script's changes stay: see {@link
   *     GuardFailedException#committed()})
   * @throws Exception when bookkeeping or completion fails; the last transaction is rolled back
   */
  public static <T> T apply(
      Handle handle,
      List<MigrationScript> scripts,
      Deadline deadline,
      RowLossRule rule,
      AfterScript afterScript,
      Completion<T> completion)
      throws Exception {
    boolean foreignKeysWereOn = foreignKeysOn(handle);
    try {
      return applySegments(handle, scripts, deadline, rule, afterScript, completion);
    } finally {
      // Outside any transaction again, so the setting takes effect.
      handle.execute("PRAGMA foreign_keys = " + (foreignKeysWereOn ? "ON" : "OFF"));
    }
  }

  private static <T> T applySegments(
      Handle handle,
      List<MigrationScript> scripts,
      Deadline deadline,
      RowLossRule rule,
      AfterScript afterScript,
      Completion<T> completion)
      throws Exception {
    List<List<MigrationScript>> segments = segments(scripts);
    LockWindow lock = new LockWindow();
    if (segments.isEmpty()) {
      return inTransaction(handle, lock, () -> completion.complete(handle, lock.heldMillis()));
    }
    Connection db = handle.getConnection();
    T result = null;
    for (int i = 0; i < segments.size(); i++) {
      List<MigrationScript> segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      // Again before every segment: a no-transaction script may have switched them on.
      handle.execute("PRAGMA foreign_keys = OFF");
      if (segment.get(0).transactional()) {
        try {
          result =
              inTransaction(
                  handle,
                  lock,
                  () -> {
                    MigrationGuard.Started guard = MigrationGuard.start(db, segment, rule);
                    for (MigrationScript script : segment) {
                      run(handle, script, deadline, afterScript);
                    }
                    guard.check(db, false);
                    return last ? completion.complete(handle, lock.heldMillis()) : null;
                  });
        } catch (GuardFailedException e) {
          throw explainOrphans(db, e);
        }
      } else {
        MigrationScript script = segment.get(0);
        MigrationGuard.Started guard = MigrationGuard.start(db, segment, rule);
        long started = System.nanoTime();
        ScriptExecutor.execute(db, script, deadline);
        long durationMillis = millisSince(started);
        // Outside a transaction each of its statements took the lock in turn: count it all.
        lock.add(durationMillis);
        guard.check(db, true);
        result =
            inTransaction(
                handle,
                lock,
                () -> {
                  afterScript.record(handle, script, durationMillis);
                  return last ? completion.complete(handle, lock.heldMillis()) : null;
                });
      }
    }
    return result;
  }

  /**
   * Rows that are still orphaned once the scripts were rolled back were orphaned before them: the
   * application's data already broke its foreign keys (SQLite does not enforce them unless asked).
   * Checked only after such a failure, so a migration that passes pays nothing for it.
   */
  private static GuardFailedException explainOrphans(Connection db, GuardFailedException e)
      throws SQLException {
    if (!e.brokeForeignKeys() || ForeignKeyCheck.violations(db, 1).isEmpty()) {
      return e;
    }
    return e.explained(
        "Some or all of those rows were orphaned before the migration: the database already"
            + " breaks its own foreign keys (run PRAGMA foreign_key_check on it), and a migration"
            + " cannot prove it kept rows whose parents are missing; repair them first");
  }

  private static boolean foreignKeysOn(Handle handle) {
    return handle.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one() == 1;
  }

  /** Runs of transactional scripts, and each non-transactional script on its own. */
  static List<List<MigrationScript>> segments(List<MigrationScript> scripts) {
    List<List<MigrationScript>> segments = new ArrayList<>();
    List<MigrationScript> run = new ArrayList<>();
    for (MigrationScript script : scripts) {
      if (script.transactional()) {
        run.add(script);
        continue;
      }
      if (!run.isEmpty()) {
        segments.add(List.copyOf(run));
        run.clear();
      }
      segments.add(List.of(script));
    }
    if (!run.isEmpty()) {
      segments.add(List.copyOf(run));
    }
    return segments;
  }

  private static void run(
      Handle handle, MigrationScript script, Deadline deadline, AfterScript afterScript)
      throws Exception {
    long started = System.nanoTime();
    ScriptExecutor.execute(handle.getConnection(), script, deadline);
    afterScript.record(handle, script, millisSince(started));
  }

  /**
   * Runs {@code work} in a transaction that takes the write lock as it begins (the connection's
   * transactions are IMMEDIATE), counting the time from then into {@code lock}.
   */
  private static <T> T inTransaction(Handle handle, LockWindow lock, Work<T> work)
      throws Exception {
    handle.begin();
    lock.taken();
    try {
      T result = work.run();
      handle.commit();
      return result;
    } catch (Exception | Error failure) {
      try {
        handle.rollback();
      } catch (RuntimeException rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
      }
      throw failure;
    } finally {
      lock.released();
    }
  }

  /** How long a batch held the write lock, over all its transactions. */
  private static final class LockWindow {
    private long heldNanos;
    private long takenAt = -1;

    void taken() {
      takenAt = System.nanoTime();
    }

    void released() {
      heldNanos += System.nanoTime() - takenAt;
      takenAt = -1;
    }

    void add(long millis) {
      heldNanos += millis * 1_000_000;
    }

    long heldMillis() {
      long current = takenAt < 0 ? 0 : System.nanoTime() - takenAt;
      return (heldNanos + current) / 1_000_000;
    }
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
