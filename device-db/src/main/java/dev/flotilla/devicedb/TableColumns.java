package dev.flotilla.devicedb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two versions of one table told apart by SQLite itself: each {@code CREATE TABLE} is run in an
 * empty in-memory database and read back ({@code pragma_table_info}: name, type, {@code NOT NULL},
 * default, place in the primary key; {@code pragma_foreign_key_list}; the unique constraints of
 * {@code pragma_index_list}), so a difference in spacing, quoting or order is not taken for a
 * difference in columns. What SQLite does not describe (a {@code CHECK}) is only seen in the text.
 */
final class TableColumns {
  private TableColumns() {}

  /** What SQLite says of a table. */
  private record Shape(
      Map<String, String> columns, List<String> foreignKeys, List<String> uniques) {}

  /**
   * {@code (missing column vin; unexpected column plate; different column odometer_km)}, {@code
   * (its foreign keys differ)}, {@code (the same columns and keys; written otherwise, or its CHECK
   * constraints differ)}, or nothing when either table cannot be read so.
   */
  static String differences(
      SchemaFingerprint.SchemaObject actual, SchemaFingerprint.SchemaObject expected) {
    if (!"table".equals(actual.type())) {
      return "";
    }
    Optional<Shape> present = shape(actual);
    Optional<Shape> wanted = shape(expected);
    if (present.isEmpty() || wanted.isEmpty()) {
      return "";
    }
    List<String> differences = columnDifferences(present.get().columns(), wanted.get().columns());
    if (!present.get().foreignKeys().equals(wanted.get().foreignKeys())) {
      differences.add("its foreign keys differ");
    }
    if (!present.get().uniques().equals(wanted.get().uniques())) {
      differences.add("its unique constraints differ");
    }
    if (differences.isEmpty()) {
      return " (the same columns and keys; written otherwise, or its CHECK constraints differ)";
    }
    return " (" + String.join("; ", differences) + ")";
  }

  private static List<String> columnDifferences(
      Map<String, String> present, Map<String, String> wanted) {
    List<String> differences = new ArrayList<>();
    wanted.forEach(
        (column, shape) -> {
          String found = present.get(column);
          if (found == null) {
            differences.add("missing column " + column);
          } else if (!found.equals(shape)) {
            differences.add("different column " + column);
          }
        });
    present.keySet().stream()
        .filter(column -> !wanted.containsKey(column))
        .forEach(column -> differences.add("unexpected column " + column));
    return differences;
  }

  /** The table as SQLite reads it; empty when SQLite cannot build it alone (a virtual table). */
  private static Optional<Shape> shape(SchemaFingerprint.SchemaObject table) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      try (Statement create = db.createStatement()) {
        create.execute(table.sql());
      }
      Map<String, String> columns = new LinkedHashMap<>();
      for (List<String> row :
          rows(
              db,
              "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)",
              table)) {
        columns.put(row.get(0).toLowerCase(Locale.ROOT), String.join("\t", row.subList(1, 5)));
      }
      if (columns.isEmpty()) {
        return Optional.empty();
      }
      List<String> foreignKeys = new ArrayList<>();
      for (List<String> row :
          rows(
              db,
              "SELECT \"from\", \"table\", \"to\", on_update, on_delete, \"match\""
                  + " FROM pragma_foreign_key_list(?)",
              table)) {
        foreignKeys.add(String.join("\t", row).toLowerCase(Locale.ROOT));
      }
      foreignKeys.sort(String::compareTo);
      List<String> uniques = new ArrayList<>();
      for (List<String> row :
          rows(
              db,
              "SELECT group_concat(lower(ii.name), ',') FROM pragma_index_list(?) il,"
                  + " pragma_index_info(il.name) ii WHERE il.\"unique\" AND il.origin <> 'c'"
                  + " GROUP BY il.name",
              table)) {
        uniques.add(row.get(0));
      }
      uniques.sort(String::compareTo);
      return Optional.of(new Shape(columns, foreignKeys, uniques));
    } catch (SQLException cannotBuild) {
      return Optional.empty();
    }
  }

  private static List<List<String>> rows(
      Connection db, String query, SchemaFingerprint.SchemaObject table) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement statement = db.prepareStatement(query)) {
      statement.setString(1, table.name());
      try (ResultSet result = statement.executeQuery()) {
        int width = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= width; i++) {
            row.add(String.valueOf(result.getString(i)));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
