package dev.flotilla.devicedb;

import dev.flotilla.devicedb.foreign.ForeignTool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a database's schema is, as one SHA-256: over the tables, indexes, views and triggers of
 * {@code sqlite_master} (type, name, table, SQL in its {@link CanonicalSql canonical} spelling),
 * sorted, leaving out SQLite's own {@code sqlite_%} objects, Flotilla's {@code flotilla_%}
 * bookkeeping and the history tables of the migration tools {@link ForeignTool} names (with their
 * indexes): a database another tool migrated has the schema of the same chain applied by Flotilla,
 * which writes no such table. Two databases with equal fingerprints have the same schema whatever
 * their data.
 */
public record SchemaFingerprint(String sha256, List<SchemaObject> objects) {
  /** One schema object, normalised. */
  public record SchemaObject(String type, String name, String table, String sql) {
    String line() {
      return type + '\t' + name + '\t' + table + '\t' + sql;
    }

    String label() {
      return type + " " + name;
    }
  }

  /** The objects of the fingerprint: neither SQLite's, nor Flotilla's, nor a migration tool's. */
  private static final String QUERY =
      "SELECT type, name, tbl_name, sql FROM sqlite_master"
          + " WHERE lower(substr(name, 1, 7)) <> 'sqlite_'"
          + " AND lower(substr(name, 1, 9)) <> 'flotilla_'"
          + " AND lower(substr(tbl_name, 1, 9)) <> 'flotilla_'"
          + " AND lower(tbl_name) NOT IN ("
          + ForeignTool.historyTables().stream()
              .map(table -> "'" + table + "'")
              .collect(Collectors.joining(", "))
          + ")";

  private static final Comparator<SchemaObject> ORDER =
      Comparator.comparing(SchemaObject::type).thenComparing(SchemaObject::name);

  public SchemaFingerprint {
    objects = List.copyOf(objects);
  }

  public static SchemaFingerprint of(Connection db) throws SQLException {
    List<SchemaObject> objects = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        objects.add(
            new SchemaObject(
                rows.getString("type"),
                rows.getString("name"),
                rows.getString("tbl_name"),
                normalize(rows.getString("sql"))));
      }
    }
    return of(objects);
  }

  static SchemaFingerprint of(List<SchemaObject> objects) {
    List<SchemaObject> sorted = new ArrayList<>(objects);
    sorted.sort(ORDER);
    String text = sorted.stream().map(SchemaObject::line).collect(Collectors.joining("\n"));
    return new SchemaFingerprint(Sha256.of(text), sorted);
  }

  public boolean matches(SchemaFingerprint other) {
    return sha256.equals(other.sha256);
  }

  /**
   * How this schema differs from {@code expected}, one line per object: {@code missing index
   * vehicle_vin}, {@code unexpected table notes}, {@code different table vehicle (missing column
   * vin; unexpected column plate; different column odometer_km)}. A table whose columns are the
   * same but whose constraints are not says so; one SQLite cannot describe alone (a virtual table)
   * is only named.
   */
  public List<String> differencesFrom(SchemaFingerprint expected) {
    Map<String, SchemaObject> actual = byLabel(objects);
    Map<String, SchemaObject> wanted = byLabel(expected.objects);
    List<String> differences = new ArrayList<>();
    wanted.forEach(
        (label, object) -> {
          SchemaObject present = actual.get(label);
          if (present == null) {
            differences.add("missing " + label);
          } else if (!present.equals(object)) {
            differences.add("different " + label + TableColumns.differences(present, object));
          }
        });
    actual.keySet().stream()
        .filter(label -> !wanted.containsKey(label))
        .forEach(label -> differences.add("unexpected " + label));
    return differences;
  }

  /** The first 12 hex digits, enough for people to tell fingerprints apart. */
  public String shortForm() {
    return sha256.substring(0, 12);
  }

  private static Map<String, SchemaObject> byLabel(List<SchemaObject> objects) {
    return objects.stream()
        .collect(
            Collectors.toMap(
                SchemaObject::label,
                Function.identity(),
                (first, second) -> first,
                LinkedHashMap::new));
  }

  static String normalize(String sql) {
    return CanonicalSql.of(sql);
  }
}
