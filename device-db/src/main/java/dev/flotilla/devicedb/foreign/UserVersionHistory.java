package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code PRAGMA user_version}, the integer in the database header that hand-rolled migrations keep
 * (Android's {@code SQLiteOpenHelper}, rusqlite_migration, which counts applied migrations): 0
 * means none. Applied sets it to the version; reverted to the version after, or 0. Setting it
 * inside a transaction is part of that transaction, like any other write to the header page.
 */
final class UserVersionHistory implements ForeignHistoryTable {
  @Override
  public ForeignTool tool() {
    return ForeignTool.USER_VERSION;
  }

  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    int version = userVersion(db);
    if (version == 0) {
      return new ForeignHistory(ForeignTool.USER_VERSION, List.of(), Optional.empty(), List.of());
    }
    String text = Integer.toString(version);
    List<String> anomalies =
        version < 0 ? List.of("user_version is negative (" + version + ")") : List.of();
    return new ForeignHistory(
        ForeignTool.USER_VERSION,
        List.of(AppliedEntry.version(text)),
        Optional.of(text),
        anomalies);
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    setUserVersion(db, version(up.version()));
  }

  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    setUserVersion(db, versionAfter.map(UserVersionHistory::version).orElse(0));
  }

  static int userVersion(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA user_version")) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  /** A pragma takes no bound parameter: the value is an int, so formatting it is safe. */
  private static void setUserVersion(Connection db, int version) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute("PRAGMA user_version = " + version);
    }
  }

  private static int version(String version) {
    return (int) HistorySql.integerVersion(ForeignTool.USER_VERSION, version, Integer.MAX_VALUE);
  }
}
