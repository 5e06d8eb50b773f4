package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * goose's {@code goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT
 * NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))}, as the current
 * release's SQLite dialect ({@code internal/dialects/sqlite3.go}) and store ({@code
 * database/dialects.go}) write it.
 *
 * <p>Applied: {@code INSERT (version_id, is_applied) VALUES (?, true)}, {@code tstamp} the default.
 * Reverted: {@code DELETE WHERE version_id = ?}, as goose has done since v2.4.4; before that a down
 * inserted a row with {@code is_applied} false, which is why the history may still hold such rows.
 * goose creates the table with a version 0 row, never migrated down: it is not a migration, and a
 * history with only that row has no current version.
 */
final class GooseHistoryTable implements ForeignHistoryTable {
  static final String TABLE = "goose_db_version";

  @Override
  public ForeignTool tool() {
    return ForeignTool.GOOSE;
  }

  /**
   * goose's own rule ({@code EnsureDBVersion}): rows newest first by {@code id}, the latest row of
   * each version decides whether it is applied, the first applied one found is the current version.
   * goose's newer {@code Provider} reads differently, every row as applied and {@code
   * max(version_id)} as current; where the two readings disagree the history is flagged.
   */
  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    Deque<AppliedEntry> applied = new ArrayDeque<>();
    List<String> anomalies = new ArrayList<>();
    Set<Long> decided = new HashSet<>();
    Optional<String> current = Optional.empty();
    boolean zeroRow = false;
    long maxVersion = 0;
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version_id, is_applied, tstamp FROM " + TABLE + " ORDER BY id DESC")) {
      while (rows.next()) {
        long version = rows.getLong(1);
        boolean isApplied = rows.getBoolean(2);
        maxVersion = Math.max(maxVersion, version);
        if (version == 0) {
          zeroRow = true;
          continue;
        }
        if (!decided.add(version)) {
          continue;
        }
        if (!isApplied) {
          anomalies.add(
              "version "
                  + version
                  + " was rolled back by a row with is_applied = 0: goose's legacy functions read"
                  + " it as not applied, its Provider as applied");
          continue;
        }
        if (current.isEmpty()) {
          current = Optional.of(Long.toString(version));
        }
        applied.addFirst(
            new AppliedEntry(
                Long.toString(version),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(rows.getString(3))));
      }
    }
    if (!zeroRow) {
      anomalies.add("no version 0 row: goose's Provider refuses to migrate down without it");
    }
    String providerCurrent = Long.toString(maxVersion);
    if (!current.orElse("0").equals(providerCurrent)) {
      anomalies.add(
          "goose's legacy functions read version "
              + current.orElse("0")
              + " as current, its Provider (max version_id) "
              + providerCurrent);
    }
    return new ForeignHistory(ForeignTool.GOOSE, List.copyOf(applied), current, anomalies);
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO " + TABLE + " (version_id, is_applied) VALUES (?, ?)")) {
      insert.setLong(1, version(up));
      insert.setBoolean(2, true);
      insert.executeUpdate();
    }
  }

  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement delete =
        db.prepareStatement("DELETE FROM " + TABLE + " WHERE version_id=?")) {
      delete.setLong(1, version(down));
      delete.executeUpdate();
    }
  }

  private static long version(ScriptRun run) {
    long version = HistorySql.integerVersion(ForeignTool.GOOSE, run.version(), Long.MAX_VALUE);
    if (version == 0) {
      throw new IllegalArgumentException("goose's version 0 is its own marker, not a migration");
    }
    return version;
  }
}
