package dev.flotilla.devicedb;

import dev.flotilla.devicedb.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows of tables of a device database, counted in one statement, so in one read snapshot even
 * outside a transaction.
 */
public final class TableRows {
  private static final String EVERY_TABLE =
      "SELECT name FROM sqlite_schema WHERE type = 'table'"
          + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

  private TableRows() {}

  /**
   * Every table of the main schema but SQLite's own: Flotilla's bookkeeping, virtual tables and
   * their shadow tables included, all that a copy of the file carries. What a backup records and a
   * restore is checked against ({@link UserTables} are the application's alone).
   */
  public static SortedMap<String, Long> ofEveryTable(Connection db) throws SQLException {
    return of(db, names(db, EVERY_TABLE));
  }

  /** The rows of {@code tables} of the main schema, by name as given. */
  public static SortedMap<String, Long> of(Connection db, List<String> tables) throws SQLException {
    SortedMap<String, Long> counts = new TreeMap<>();
    if (tables.isEmpty()) {
      return Collections.unmodifiableSortedMap(counts);
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      parts.add("SELECT " + i + ", count(*) FROM main." + Identifiers.quoted(tables.get(i)));
    }
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", parts))) {
      while (rows.next()) {
        counts.put(tables.get(rows.getInt(1)), rows.getLong(2));
      }
    }
    return Collections.unmodifiableSortedMap(counts);
  }

  /** The first column of every row {@code query} returns. */
  static List<String> names(Connection db, String query) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
