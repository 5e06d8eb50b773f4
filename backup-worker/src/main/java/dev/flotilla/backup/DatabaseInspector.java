package dev.flotilla.backup;

import dev.flotilla.devicedb.ForeignKeyCheck;
import dev.flotilla.devicedb.IntegrityChecks;
import dev.flotilla.devicedb.TableRows;
import dev.flotilla.devicedb.history.SchemaHistory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backup records of an open database and checks it by: its facts (version, the rows of every
 * table, Flotilla's included) and device-db's integrity and foreign-key checks, in the backup's
 * words.
 */
final class DatabaseInspector {
  private DatabaseInspector() {}

  static DatabaseFacts facts(Connection db) throws SQLException {
    // Every table but SQLite's own, Flotilla's bookkeeping included: a restore brings back all.
    return new DatabaseFacts(SchemaHistory.currentVersion(db), TableRows.ofEveryTable(db));
  }

  /**
   * Everything {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} report, in
   * words; empty for a sound database.
   */
  static List<String> problems(Connection db) throws SQLException {
    return problems(db, IntegrityChecks.integrityCheck(db));
  }

  /**
   * As {@link #problems}, for a page-for-page copy of a database: its structure by {@code PRAGMA
   * quick_check}, which reads every page, without matching every index against its table (a
   * property the copy shares with its source; see {@link CopyProof}).
   */
  static List<String> problemsOfPageCopy(Connection db) throws SQLException {
    return problems(db, IntegrityChecks.quickCheck(db));
  }

  private static List<String> problems(Connection db, List<String> structure) throws SQLException {
    List<String> problems = new ArrayList<>();
    for (String line : structure) {
      problems.add("integrity: " + line);
    }
    for (ForeignKeyCheck.Violation violation :
        ForeignKeyCheck.violations(db, IntegrityChecks.MAX_PROBLEMS)) {
      problems.add(
          "foreign key: row "
              + violation.rowid()
              + " of "
              + violation.table()
              + " points at a missing row of "
              + violation.parent());
    }
    return problems;
  }

  static String pragma(Connection db, String pragma) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
      return rows.next() ? rows.getString(1) : "";
    }
  }
}
