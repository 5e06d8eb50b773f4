package dev.flotilla.backup;

import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.TableRows;
import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves a fresh page copy restorable before it is published: forced to disk, its SHA-256 taken,
 * and SQLite's checks run on the copy's own bytes, all at once (the sync waits on the disk; the
 * hash, the structure check and the foreign-key check each read the file on a thread of their own)
 * and all finished before the caller may rename it.
 *
 * <p>What the checks must prove, and why they are these. A restore puts these exact bytes back
 * (their SHA-256 checked first), so the copy is restorable when its bytes are a sound database
 * holding the device's rows. The copy is the source's snapshot page for page (SQLite's online
 * backup, nothing rebuilt), so what a copy can get wrong is a page: missing, torn, misplaced or
 * short. The copy's size must be its page count times its page size, and {@code PRAGMA quick_check}
 * reads every page of every b-tree, checking each page's structure, the b-trees' key order,
 * overflow chains, the free list, that no page is lost or used twice, and the rows' NOT NULL and
 * CHECK constraints. What {@code PRAGMA integrity_check} adds, that each index holds exactly its
 * table's rows, is a property of the content the copy shares with its source: the verify step
 * judges the migrated database by it. {@code PRAGMA foreign_key_check} keeps a database whose rows
 * already point at missing parents from being backed up as sound. The row counts and version are
 * read from the copy, in one statement, for the manifest.
 *
 * <p>The copy is opened {@link DeviceConnections#frozen immutable}: SQLite writes nothing, so the
 * bytes checked are the bytes hashed, and no throw-away second copy is needed to check it.
 */
final class CopyProof {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Threads for the sync and the hash; they wait on a disk or read a file, never hold a lock. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "backup-proof-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private CopyProof() {}

  /**
   * @param pages the pages the online copy wrote
   * @throws StepFailedException when the copy is short or fails a check
   */
  static ProvedCopy prove(Path copy, long pages)
      throws IOException, SQLException, StepFailedException {
    CompletableFuture<Long> sync = timed(() -> DurableFiles.fsync(copy));
    CompletableFuture<Timed<String>> hash = timed(() -> Sha256.of(copy));
    CompletableFuture<Timed<List<String>>> foreignKeys =
        timed(
            () -> {
              try (Connection db = mapped(copy)) {
                return DatabaseInspector.foreignKeyProblems(db);
              }
            });
    long started = System.nanoTime();
    Checked checked;
    try {
      checked = check(copy, pages);
    } finally {
      // Never return, or let the caller delete the copy, while a reader still has it open.
      CompletableFuture.allOf(sync, hash, foreignKeys).exceptionally(e -> null).join();
    }
    List<String> problems = new ArrayList<>(checked.structure());
    problems.addAll(join(foreignKeys).value());
    if (!problems.isEmpty()) {
      throw StepFailedException.business(
          "backup-unsound: the test restore failed its checks: " + String.join("; ", problems));
    }
    long checkNanos = Math.max(System.nanoTime() - started, join(foreignKeys).nanos());
    return new ProvedCopy(
        checked.sizeBytes(),
        join(hash).value(),
        checked.database(),
        checked.applicationRows(),
        join(sync),
        join(hash).nanos(),
        checkNanos);
  }

  private record Timed<T>(T value, long nanos) {}

  /** What the copy's structure check found, with the facts read from it when it is sound. */
  private record Checked(
      long sizeBytes,
      List<String> structure,
      DatabaseFacts database,
      SortedMap<String, Long> applicationRows) {}

  private static Checked check(Path copy, long pages)
      throws IOException, SQLException, StepFailedException {
    long size = Files.size(copy);
    try (Connection db = mapped(copy)) {
      long pageSize = Long.parseLong(DatabaseInspector.pragma(db, "page_size"));
      if (size != pages * pageSize) {
        throw StepFailedException.infrastructure(
            "copy-incomplete: the copy has "
                + size
                + " bytes, not the "
                + pages
                + " pages of "
                + pageSize
                + " bytes the online backup wrote");
      }
      List<String> structure = DatabaseInspector.quickCheckProblems(db);
      if (!structure.isEmpty()) {
        // An unsound file may not even be counted: the problems are the answer.
        return new Checked(size, structure, null, null);
      }
      DatabaseFacts facts = DatabaseInspector.facts(db);
      return new Checked(size, structure, facts, applicationRows(db, facts));
    }
  }

  /**
   * The copy, frozen, read through a memory map: SQLite then reads pages in place instead of
   * copying each into its cache, which makes the checks about a quarter faster on a large copy.
   * Only for the copy, a file of the worker's own that nothing else opens; a device's database is
   * never mapped (a file another process truncates, or an I/O error, under a map stops the worker).
   */
  private static Connection mapped(Path copy) throws IOException, SQLException {
    Connection db = DeviceConnections.frozen(copy);
    try (Statement statement = db.createStatement()) {
      statement.execute("PRAGMA mmap_size = " + Files.size(copy));
      return db;
    } catch (SQLException e) {
      db.close();
      throw e;
    }
  }

  /** The application's tables among those already counted; any other is counted now. */
  private static SortedMap<String, Long> applicationRows(Connection db, DatabaseFacts facts)
      throws SQLException {
    SortedMap<String, Long> rows = new TreeMap<>();
    List<String> uncounted = new ArrayList<>();
    for (String table : UserTables.names(db)) {
      Long counted = facts.rowCounts().get(table);
      if (counted == null) {
        uncounted.add(table);
      } else {
        rows.put(table, counted);
      }
    }
    rows.putAll(TableRows.of(db, uncounted));
    return rows;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws IOException, SQLException;
  }

  @FunctionalInterface
  private interface FileWork {
    void run() throws IOException;
  }

  private static CompletableFuture<Long> timed(FileWork work) {
    return CompletableFuture.supplyAsync(
        () -> {
          long started = System.nanoTime();
          try {
            work.run();
          } catch (IOException e) {
            throw new CompletionException(e);
          }
          return System.nanoTime() - started;
        },
        READERS);
  }

  private static <T> CompletableFuture<Timed<T>> timed(Work<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          long started = System.nanoTime();
          try {
            T value = work.run();
            return new Timed<>(value, System.nanoTime() - started);
          } catch (IOException | SQLException e) {
            throw new CompletionException(e);
          }
        },
        READERS);
  }

  private static <T> T join(CompletableFuture<T> future) throws IOException, SQLException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
  }
}
