package dev.flotilla.backup;

import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a prepared database file in the place of a device's live database so that a crash at any
 * instant leaves a complete database under the live name: the old one or the new one, never a mix.
 *
 * <p>The danger is the write-ahead log. SQLite replays {@code <db>-wal} into whatever file carries
 * the matching name, and nothing in a WAL ties it to one database file, so an old WAL beside the
 * new file would be mixed into it. Hence the order:
 *
 * <ol>
 *   <li>Checkpoint the live database ({@code wal_checkpoint(TRUNCATE)}): every committed
 *       transaction is now in the main file and the WAL is empty. A non-empty WAL or rollback
 *       journal after that means another connection is writing: refuse, having changed nothing.
 *   <li>Keep the live file under a second name (a hard link; a copy where links are impossible), so
 *       the live name never stops pointing at a complete database.
 *   <li>Delete the empty WAL and the WAL index ({@code -shm}, derived data, rebuilt on open). A
 *       crash now leaves the old database alone, complete, since its WAL held nothing.
 *   <li>Rename the new file over the live name in one step, and force the directory.
 * </ol>
 *
 * A live database too damaged to checkpoint (an unreadable header) cannot have its WAL folded in;
 * that WAL is then moved beside the kept copy with the matching suffix, preserving it with the data
 * it belongs to, before the rename. The device must be idle during a swap (the saga only restores a
 * device it holds); a writer that appears anyway is detected by step 1.
 */
final class LiveDatabaseSwap {
  /**
   * A swap done but not yet final: the previous database is still kept.
   *
   * @param kept the previous database under its pre-restore name; empty when there was none
   * @param keptCompanions a damaged previous database's non-empty WAL or journal, moved beside it
   */
  record Swap(Path live, Optional<Path> kept, List<Path> keptCompanions) {}

  private LiveDatabaseSwap() {}

  /** Waits for the application's lock as every step does, never past {@code deadline}. */
  static Swap replace(Path live, Path replacement, Path keptName, Deadline deadline)
      throws IOException, SQLException, StepFailedException {
    Optional<Path> kept = Optional.empty();
    if (Files.exists(live)) {
      if (checkpoint(live, deadline)) {
        requireNoPendingWrites(live);
      }
      DurableFiles.linkOrCopy(live, keptName);
      kept = Optional.of(keptName);
    }
    List<Path> keptCompanions = new ArrayList<>();
    for (String suffix : List.of(SqliteCompanions.WAL, SqliteCompanions.JOURNAL)) {
      Path companion = SqliteCompanions.withSuffix(live, suffix);
      if (Files.exists(companion) && Files.size(companion) > 0) {
        Path keptCompanion = SqliteCompanions.withSuffix(keptName, suffix);
        Files.move(companion, keptCompanion, StandardCopyOption.ATOMIC_MOVE);
        keptCompanions.add(keptCompanion);
      } else {
        Files.deleteIfExists(companion);
      }
    }
    Files.deleteIfExists(SqliteCompanions.shm(live));
    DurableFiles.fsyncDirectory(live.getParent());
    DurableFiles.moveAtomically(replacement, live);
    return new Swap(live, kept, List.copyOf(keptCompanions));
  }

  /** The new database verified: the previous one is no longer needed. */
  static void commit(Swap swap) throws IOException {
    List<Path> files = new ArrayList<>(swap.keptCompanions());
    swap.kept().ifPresent(files::add);
    DurableFiles.deleteAll(files);
  }

  /**
   * The new database failed verification: the previous one goes back under the live name (or, when
   * there was none, the new one is moved to {@code aside}).
   */
  static void putBack(Swap swap, Path aside) throws IOException {
    // Whatever sits beside the new file belongs to it; the old file must not meet it.
    DurableFiles.deleteAll(SqliteCompanions.all(swap.live()));
    if (swap.kept().isEmpty()) {
      DurableFiles.moveAtomically(swap.live(), aside);
      return;
    }
    DurableFiles.moveAtomically(swap.kept().get(), swap.live());
    for (Path keptCompanion : swap.keptCompanions()) {
      String suffix =
          keptCompanion.getFileName().toString().endsWith(SqliteCompanions.WAL)
              ? SqliteCompanions.WAL
              : SqliteCompanions.JOURNAL;
      DurableFiles.moveAtomically(keptCompanion, SqliteCompanions.withSuffix(swap.live(), suffix));
    }
  }

  /**
   * Folds the WAL into the main file. Returns false when the database is too damaged to be read, so
   * its WAL cannot be folded in; throws when the database is busy.
   */
  private static boolean checkpoint(Path live, Deadline deadline)
      throws SQLException, StepFailedException {
    try (Connection db = DeviceConnections.readWrite(live, deadline, DeviceConnections.LOCK_WAIT);
        Statement statement = db.createStatement()) {
      // Reading the schema first makes SQLite roll back a hot journal left by a crashed writer.
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
        rows.next();
      }
      try (ResultSet rows = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
        if (rows.next() && rows.getInt(1) != 0) {
          throw StepFailedException.infrastructure(
              "device-busy: another connection kept " + live + " from being checkpointed");
        }
      }
      return true;
    } catch (SQLException e) {
      if (SqliteFailures.isCorruption(e)) {
        return false;
      }
      throw e;
    }
  }

  private static void requireNoPendingWrites(Path live) throws IOException, StepFailedException {
    for (Path log : List.of(SqliteCompanions.wal(live), SqliteCompanions.journal(live))) {
      long size = DurableFiles.sizeOrZero(log);
      if (size > 0) {
        throw StepFailedException.infrastructure(
            "device-busy: "
                + log
                + " holds "
                + size
                + " bytes after the checkpoint; another connection is writing");
      }
    }
  }
}
