package dev.flotilla.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads facts from an open SQLite database and runs its own consistency checks. */
final class DatabaseInspector {
  private static final int MAX_INTEGRITY_PROBLEMS = 20;

  private DatabaseInspector() {}

  static DatabaseFacts facts(Connection db) throws SQLException {
    return new DatabaseFacts(schemaVersion(db), rowCounts(db));
  }

  /** The highest applied version in {@code flotilla_schema_history}; 0 when the table is absent. */
  static int schemaVersion(Connection db) throws SQLException {
    if (!tableExists(db, "flotilla_schema_history")) {
      return 0;
    }
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT coalesce(max(version), 0) FROM flotilla_schema_history")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  static SortedMap<String, Long> rowCounts(Connection db) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    SortedMap<String, Long> counts = new TreeMap<>();
    for (String table : tables) {
      try (Statement statement = db.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + quoted(table))) {
        rows.next();
        counts.put(table, rows.getLong(1));
      }
    }
    return counts;
  }

  /**
   * Everything {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} report, in
   * words; empty for a sound database.
   */
  static List<String> problems(Connection db) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery("PRAGMA integrity_check(" + MAX_INTEGRITY_PROBLEMS + ")")) {
      while (rows.next()) {
        String line = rows.getString(1);
        if (!"ok".equals(line)) {
          problems.add("integrity: " + line);
        }
      }
    }
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
      while (rows.next()) {
        problems.add(
            "foreign key: row "
                + rows.getString("rowid")
                + " of "
                + rows.getString("table")
                + " points at a missing row of "
                + rows.getString("parent"));
      }
    }
    return problems;
  }

  static String pragma(Connection db, String pragma) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
      return rows.next() ? rows.getString(1) : "";
    }
  }

  private static boolean tableExists(Connection db, String table) throws SQLException {
    try (PreparedStatement statement =
        db.prepareStatement("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
