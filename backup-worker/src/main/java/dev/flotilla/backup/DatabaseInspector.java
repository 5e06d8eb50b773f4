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
    List<String> problems = structureProblems(IntegrityChecks.integrityCheck(db));
    problems.addAll(foreignKeyProblems(db));
    return problems;
  }

  /**
   * The structure of a page-for-page copy of a database, by {@code PRAGMA quick_check}, which reads
   * every page, without matching every index against its table (a property the copy shares with its
   * source; see {@link CopyProof}); in words, empty for a sound file.
   */
  static List<String> quickCheckProblems(Connection db) throws SQLException {
    return structureProblems(IntegrityChecks.quickCheck(db));
  }

  /** Every row {@code PRAGMA foreign_key_check} reports, in words. */
  static List<String> foreignKeyProblems(Connection db) throws SQLException {
    List<String> problems = new ArrayList<>();
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

  private static List<String> structureProblems(List<String> lines) {
    List<String> problems = new ArrayList<>();
    for (String line : lines) {
      problems.add("integrity: " + line);
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
