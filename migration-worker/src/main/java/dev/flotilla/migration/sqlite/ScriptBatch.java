package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Applies an ordered list of scripts to one database. Consecutive transactional scripts share one
 * transaction, together with their bookkeeping, so a device moves from one version to another at
 * once or not at all. A script that cannot run in a transaction runs alone, and its bookkeeping
 * follows at once in a transaction of its own. The completion (the command-log row, a final check)
 * runs inside the last transaction, so it commits with the last change.
 */
public final class ScriptBatch {
  /** Bookkeeping for one applied script, inside the transaction that applied it. */
  @FunctionalInterface
  public interface AfterScript {
    void record(Handle handle, MigrationScript script, long durationMillis) throws Exception;
  }

  /** The last work of the batch; throwing rolls back the last transaction. */
  @FunctionalInterface
  public interface Completion<T> {
    T complete(Handle handle) throws Exception;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws Exception;
  }

  private ScriptBatch() {}

  /**
   * Applies {@code scripts} in order and returns what {@code completion} returns.
   *
   * @throws ScriptFailedException when a script fails; its transaction is rolled back, earlier
   *     transactions (before a non-transactional script) stay committed
   * @throws Exception when bookkeeping or completion fails; the last transaction is rolled back
   */
  public static <T> T apply(
      Handle handle,
      List<MigrationScript> scripts,
      Deadline deadline,
      AfterScript afterScript,
      Completion<T> completion)
      throws Exception {
    List<List<MigrationScript>> segments = segments(scripts);
    if (segments.isEmpty()) {
      return inTransaction(handle, () -> completion.complete(handle));
    }
    T result = null;
    for (int i = 0; i < segments.size(); i++) {
      List<MigrationScript> segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment.get(0).transactional()) {
        result =
            inTransaction(
                handle,
                () -> {
                  for (MigrationScript script : segment) {
                    run(handle, script, deadline, afterScript);
                  }
                  return last ? completion.complete(handle) : null;
                });
      } else {
        MigrationScript script = segment.get(0);
        long started = System.nanoTime();
        ScriptExecutor.execute(handle.getConnection(), script, deadline);
        long durationMillis = millisSince(started);
        // The script may have switched foreign keys off for a table rebuild.
        handle.execute("PRAGMA foreign_keys = ON");
        result =
            inTransaction(
                handle,
                () -> {
                  afterScript.record(handle, script, durationMillis);
                  return last ? completion.complete(handle) : null;
                });
      }
    }
    return result;
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

  private static <T> T inTransaction(Handle handle, Work<T> work) throws Exception {
    handle.begin();
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
    }
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
