package dev.flotilla.devicedb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PRAGMA foreign_key_check}: the rows whose parent row is missing. Works whatever the
 * connection's {@code foreign_keys} setting, inside a transaction too, which is how a migration run
 * with foreign keys off proves it left none broken before it commits.
 */
public final class ForeignKeyCheck {
  /** Rows named per table in a description: enough to find them, short enough for an event. */
  private static final int ROWS_NAMED = 5;

  /** One row of a child table whose parent is missing; {@code rowid} is null in WITHOUT ROWID. */
  public record Violation(String table, Long rowid, String parent) {}

  private ForeignKeyCheck() {}

  /** At most {@code limit} violations, in SQLite's order. */
  public static List<Violation> violations(Connection db, int limit) throws SQLException {
    List<Violation> found = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
      while (found.size() < limit && rows.next()) {
        long rowid = rows.getLong("rowid");
        found.add(
            new Violation(
                rows.getString("table"), rows.wasNull() ? null : rowid, rows.getString("parent")));
      }
    }
    return found;
  }

  /**
   * Violations grouped by table: {@code messages rows 3, 4, 9 reference missing rows of
   * conversations}.
   */
  public static List<String> describe(List<Violation> violations) {
    Map<String, List<Violation>> byTable = new LinkedHashMap<>();
    for (Violation violation : violations) {
      byTable
          .computeIfAbsent(violation.table() + " → " + violation.parent(), key -> new ArrayList<>())
          .add(violation);
    }
    List<String> lines = new ArrayList<>();
    byTable.forEach(
        (key, rows) -> {
          Violation first = rows.get(0);
          List<String> ids =
              rows.stream()
                  .limit(ROWS_NAMED)
                  .map(v -> v.rowid() == null ? "?" : v.rowid().toString())
                  .toList();
          lines.add(
              first.table()
                  + " rows "
                  + String.join(", ", ids)
                  + (rows.size() > ROWS_NAMED ? " and " + (rows.size() - ROWS_NAMED) + " more" : "")
                  + " reference missing rows of "
                  + first.parent());
        });
    return lines;
  }
}
