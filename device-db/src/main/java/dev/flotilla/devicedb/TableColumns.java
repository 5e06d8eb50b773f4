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
 * The columns of two versions of one table, told apart by SQLite itself: each {@code CREATE TABLE}
 * is run in an empty in-memory database and read back with {@code pragma_table_info} (name, type,
 * {@code NOT NULL}, default, place in the primary key), so a difference in spacing, quoting or
 * order of constraints is not taken for a difference in columns.
 */
final class TableColumns {
  private TableColumns() {}

  /**
   * {@code (missing column vin; unexpected column plate; different column odometer_km)}, {@code
   * (the same columns; its constraints differ)}, or nothing when either table cannot be read so.
   */
  static String differences(
      SchemaFingerprint.SchemaObject actual, SchemaFingerprint.SchemaObject expected) {
    if (!"table".equals(actual.type())) {
      return "";
    }
    Optional<Map<String, String>> present = columns(actual);
    Optional<Map<String, String>> wanted = columns(expected);
    if (present.isEmpty() || wanted.isEmpty()) {
      return "";
    }
    List<String> differences = new ArrayList<>();
    wanted
        .get()
        .forEach(
            (column, shape) -> {
              String found = present.get().get(column);
              if (found == null) {
                differences.add("missing column " + column);
              } else if (!found.equals(shape)) {
                differences.add("different column " + column);
              }
            });
    present.get().keySet().stream()
        .filter(column -> !wanted.get().containsKey(column))
        .forEach(column -> differences.add("unexpected column " + column));
    if (differences.isEmpty()) {
      return " (the same columns; its constraints differ)";
    }
    return " (" + String.join("; ", differences) + ")";
  }

  /** Column name (lower case) to its shape, in order; empty when SQLite cannot build the table. */
  private static Optional<Map<String, String>> columns(SchemaFingerprint.SchemaObject table) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      try (Statement create = db.createStatement()) {
        create.execute(table.sql());
      }
      Map<String, String> columns = new LinkedHashMap<>();
      try (PreparedStatement query =
          db.prepareStatement(
              "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)")) {
        query.setString(1, table.name());
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            columns.put(
                rows.getString(1).toLowerCase(Locale.ROOT),
                rows.getString(2)
                    + '\t'
                    + rows.getInt(3)
                    + '\t'
                    + rows.getString(4)
                    + '\t'
                    + rows.getInt(5));
          }
        }
      }
      return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
    } catch (SQLException cannotBuild) {
      return Optional.empty();
    }
  }
}
