package dev.flotilla.devicedb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's own checks of a database file and of its foreign keys, each answering the problems it
 * found, none for a sound file.
 */
public final class IntegrityChecks {
  /** Problems named per check: enough to see the damage, short enough for a reply. */
  public static final int MAX_PROBLEMS = 20;

  private IntegrityChecks() {}

  /** {@code PRAGMA quick_check}: the file's structure, fast enough for every safety check. */
  public static List<String> quickCheck(Connection db) throws SQLException {
    return problems(db, "PRAGMA quick_check(" + MAX_PROBLEMS + ")");
  }

  /** {@code PRAGMA integrity_check}, slower and thorough (indexes match their tables). */
  public static List<String> integrityCheck(Connection db) throws SQLException {
    return problems(db, "PRAGMA integrity_check(" + MAX_PROBLEMS + ")");
  }

  /**
   * {@code PRAGMA foreign_key_check}: the rows whose parent row is missing, grouped by table
   * ({@link ForeignKeyCheck#describe}).
   */
  public static List<String> foreignKeyProblems(Connection db) throws SQLException {
    return ForeignKeyCheck.describe(ForeignKeyCheck.violations(db, MAX_PROBLEMS));
  }

  private static List<String> problems(Connection db, String pragma) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(pragma)) {
      while (rows.next()) {
        lines.add(rows.getString(1));
      }
    }
    return lines.equals(List.of("ok")) ? List.of() : lines;
  }
}
