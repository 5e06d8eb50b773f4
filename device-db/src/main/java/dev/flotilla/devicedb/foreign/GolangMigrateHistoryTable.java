package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * golang-migrate's {@code schema_migrations (version uint64, dirty bool)}, as its {@code sqlite3}
 * and {@code sqlite} drivers' {@code SetVersion} and {@code Version} write and read it: the table
 * holds one row, the current version. Every change deletes all rows and inserts {@code (version,
 * dirty)}; no row at all means no migration applied. The tool marks the row dirty before running a
 * script and clean after: written in one transaction with the script, only the clean row is ever
 * seen. Versions are the file names' leading integers ({@code 000003_add_orders.up.sql} is 3).
 */
final class GolangMigrateHistoryTable implements ForeignHistoryTable {
  static final String TABLE = "schema_migrations";

  @Override
  public ForeignTool tool() {
    return ForeignTool.GOLANG_MIGRATE;
  }

  /**
   * {@code SELECT version, dirty ... LIMIT 1}, as the tool reads it; a dirty row is a migration
   * that failed half way, which golang-migrate refuses to go past until forced.
   */
  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    List<String> versions = new ArrayList<>();
    List<String> anomalies = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, dirty FROM " + TABLE)) {
      while (rows.next()) {
        String version = rows.getString(1);
        versions.add(version);
        if (rows.getBoolean(2)) {
          anomalies.add(
              "version "
                  + version
                  + " is dirty: its migration failed part way and golang-migrate refuses to"
                  + " migrate until forced");
        }
      }
    }
    if (versions.size() > 1) {
      anomalies.add(
          "the table holds "
              + versions.size()
              + " rows "
              + versions
              + " where golang-migrate keeps one; it reads whichever SQLite returns first");
    }
    Optional<String> current = versions.stream().findFirst();
    List<AppliedEntry> applied = current.stream().map(AppliedEntry::version).toList();
    return new ForeignHistory(ForeignTool.GOLANG_MIGRATE, applied, current, anomalies);
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    setVersion(db, Optional.of(version(up.version())));
  }

  /** The version after is what the table holds; no version after empties it. */
  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    setVersion(db, versionAfter.map(GolangMigrateHistoryTable::version));
  }

  /**
   * {@code SetVersion(version, false)}, without the transaction it opens: the caller's holds it.
   */
  private static void setVersion(Connection db, Optional<Long> version) throws SQLException {
    try (Statement delete = db.createStatement()) {
      delete.executeUpdate("DELETE FROM " + TABLE);
    }
    if (version.isPresent()) {
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO " + TABLE + " (version, dirty) VALUES (?, ?)")) {
        insert.setLong(1, version.get());
        insert.setBoolean(2, false);
        insert.executeUpdate();
      }
    }
  }

  private static long version(String version) {
    return HistorySql.integerVersion(ForeignTool.GOLANG_MIGRATE, version, Long.MAX_VALUE);
  }
}
