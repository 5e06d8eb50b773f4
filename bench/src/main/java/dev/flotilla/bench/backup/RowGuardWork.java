package dev.flotilla.bench.backup;

import dev.flotilla.devicedb.ForeignKeyCheck;
import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.guard.RowGuard;
import dev.flotilla.devicedb.guard.RowLossAllowance;
import dev.flotilla.devicedb.guard.TableLoss;
import dev.flotilla.devicedb.guard.TableRenames;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The migrate step's guards, their work alone, as the migration worker's {@code MigrationGuard}
 * does it: the row guard counts every application table before the scripts ({@link
 * UserTables#rowCounts}), counts again after them and judges the two ({@link RowGuard#losses}); the
 * foreign-key guard runs {@code PRAGMA foreign_key_check} after them. Each is timed on a connection
 * already open, so only the guard's queries and judgement are counted.
 */
final class RowGuardWork {
  /** As many violations as the migration's guard asks for. */
  private static final int VIOLATIONS_SHOWN = 50;

  private final TableRenames renames;

  /**
   * @param scripts the SQL of the versions applied, for the renames the guard follows
   */
  RowGuardWork(List<String> scripts) {
    this.renames = TableRenames.in(scripts);
  }

  /** The counts before the scripts, and how long taking them took. */
  record Before(Map<String, Long> counts, long nanos) {}

  /** What the guards found after the scripts, and how long each took. */
  record After(
      List<TableLoss> losses, Map<String, Long> counts, long rowNanos, long foreignNanos) {}

  Before before(Path database) throws SQLException {
    try (Connection db = DeviceConnections.readOnly(database)) {
      long started = System.nanoTime();
      UserTables.names(db);
      Map<String, Long> counts = UserTables.rowCounts(db);
      return new Before(counts, System.nanoTime() - started);
    }
  }

  After after(Path database, Before before) throws SQLException {
    try (Connection db = DeviceConnections.readOnly(database)) {
      long started = System.nanoTime();
      ForeignKeyCheck.violations(db, VIOLATIONS_SHOWN);
      long checked = System.nanoTime();
      Map<String, Long> counts = UserTables.rowCounts(db);
      List<TableLoss> losses =
          RowGuard.losses(before.counts(), counts, RowLossAllowance.NONE, renames);
      return new After(losses, counts, System.nanoTime() - checked, checked - started);
    }
  }
}
