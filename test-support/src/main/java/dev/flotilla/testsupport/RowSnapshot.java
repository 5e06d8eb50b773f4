package dev.flotilla.testsupport;

import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.foreign.ForeignTool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every row of every application table of a database, by primary key, taken before a migration so
 * that afterwards a test can say "every row kept": each row is still there under its key, with the
 * same value in every column it had (columns a migration added are not compared; a column that is
 * gone, or a table, counts as lost). The application's tables are device-db's {@link UserTables}
 * without the migration tools' history tables, which a migration is meant to change.
 *
 * <p>A table's key is its primary key; a table that declares none is compared as a bag of whole
 * rows (its {@code rowid}s may change on {@code VACUUM}). Values compare as SQLite stores them:
 * integers as integers whatever their width in Java, blobs by their bytes.
 */
public final class RowSnapshot {
  private static final int SHOWN = 20;
  private static final Set<String> TOOL_TABLES =
      Arrays.stream(ForeignTool.values())
          .flatMap(tool -> tool.table().stream())
          .collect(Collectors.toUnmodifiableSet());

  /** One table's rows as read, and the columns of its primary key (none: rowid alone). */
  private record Table(List<String> key, List<Map<String, Object>> rows) {
    /** The rows by their key; a table without one by the whole row and which copy of it. */
    Map<List<Object>, Map<String, Object>> byKey(Set<String> columns) {
      Map<List<Object>, Map<String, Object>> byKey = new LinkedHashMap<>();
      for (Map<String, Object> row : rows) {
        List<Object> values = new ArrayList<>();
        if (key.isEmpty()) {
          // No key of its own (a rowid may change on VACUUM): the row's values, and which copy.
          columns.forEach(column -> values.add(row.getOrDefault(column, "(column gone)")));
          values.add(0L);
          while (byKey.containsKey(values)) {
            values.set(values.size() - 1, (long) values.get(values.size() - 1) + 1);
          }
        } else {
          key.forEach(column -> values.add(row.get(column)));
        }
        byKey.put(new ArrayList<>(values), row);
      }
      return byKey;
    }

    Set<String> columns() {
      return rows.isEmpty() ? Set.of() : rows.get(0).keySet();
    }
  }

  private final Map<String, Table> tables;

  private RowSnapshot(Map<String, Table> tables) {
    this.tables = tables;
  }

  public static RowSnapshot of(Path file) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      Map<String, Table> tables = new TreeMap<>();
      for (String table : applicationTables(db)) {
        tables.put(table, new Table(primaryKey(db, table), rows(db, table)));
      }
      return new RowSnapshot(tables);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the rows of " + file, e);
    }
  }

  /** The application's tables in the snapshot, each with its number of rows. */
  public Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    tables.forEach((table, rows) -> counts.put(table, rows.rows().size()));
    return counts;
  }

  /**
   * What of this snapshot {@code after} no longer has: tables and columns gone, rows missing by
   * key, values changed. Empty when every row was kept. The first few rows are named, then how many
   * more there are.
   */
  public List<String> lostOrChangedIn(Path after) {
    RowSnapshot now = of(after);
    List<String> problems = new ArrayList<>();
    for (var table : tables.entrySet()) {
      Table mine = table.getValue();
      Table theirs = now.tables.get(table.getKey());
      if (theirs == null) {
        problems.add(
            "table " + table.getKey() + " is gone with its " + mine.rows().size() + " rows");
        continue;
      }
      Map<List<Object>, Map<String, Object>> afterByKey = theirs.byKey(mine.columns());
      List<String> ofTable = new ArrayList<>();
      for (var row : mine.byKey(mine.columns()).entrySet()) {
        lostOrChanged(
                row.getKey(), row.getValue(), Optional.ofNullable(afterByKey.get(row.getKey())))
            .ifPresent(ofTable::add);
      }
      ofTable.stream()
          .limit(SHOWN)
          .forEach(problem -> problems.add("table " + table.getKey() + ": " + problem));
      if (ofTable.size() > SHOWN) {
        problems.add(
            "table " + table.getKey() + ": and " + (ofTable.size() - SHOWN) + " rows more");
      }
    }
    return problems;
  }

  private static Optional<String> lostOrChanged(
      List<Object> key, Map<String, Object> before, Optional<Map<String, Object>> after) {
    if (after.isEmpty()) {
      return Optional.of("row " + key + " is gone: it was " + before);
    }
    Map<String, Object> changed = new LinkedHashMap<>();
    for (var column : before.entrySet()) {
      if (!after.get().containsKey(column.getKey())) {
        changed.put(column.getKey(), "(column gone)");
      } else if (!Objects.equals(column.getValue(), after.get().get(column.getKey()))) {
        changed.put(column.getKey(), after.get().get(column.getKey()));
      }
    }
    return changed.isEmpty()
        ? Optional.empty()
        : Optional.of("row " + key + " was " + before + ", now has " + changed);
  }

  private static List<String> applicationTables(Connection db) throws SQLException {
    return UserTables.names(db).stream().filter(table -> !TOOL_TABLES.contains(table)).toList();
  }

  private static List<Map<String, Object>> rows(Connection db, String table) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + quoted(table))) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          row.put(meta.getColumnName(column), value(result.getObject(column)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The primary key's columns in key order, empty for a table keyed by its rowid alone. */
  private static List<String> primaryKey(Connection db, String table) throws SQLException {
    List<String> key = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet columns =
            statement.executeQuery(
                "SELECT name FROM pragma_table_info('"
                    + table.replace("'", "''")
                    + "') WHERE pk > 0 ORDER BY pk")) {
      while (columns.next()) {
        key.add(columns.getString(1));
      }
    }
    return key;
  }

  /** A value as SQLite holds it: integers as longs, blobs as hex, text and reals as they are. */
  private static Object value(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof byte[] bytes) {
      return "x'" + HexFormat.of().formatHex(bytes) + "'";
    }
    return value;
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
