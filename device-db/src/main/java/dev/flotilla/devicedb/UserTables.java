package dev.flotilla.devicedb;

import dev.flotilla.devicedb.foreign.ForeignTool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The application's tables in a device database, the ones whose rows Flotilla guards: the ordinary
 * tables of the main schema, leaving out SQLite's own ({@code sqlite_%}), Flotilla's bookkeeping
 * ({@code flotilla_%}), the history tables of the migration tools {@link ForeignTool} names, views,
 * and virtual tables with their shadow tables (an FTS index's shadow tables change size with index
 * maintenance; the rows they index live in ordinary tables or in the virtual table's content, which
 * a migration that keeps the table keeps). The backup's counts and the migration's guard use this
 * one definition, so they compare like with like.
 */
public final class UserTables {
  private static final String NAMES =
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
          + " AND lower(name) NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
          + " AND lower(name) NOT LIKE 'flotilla\\_%' ESCAPE '\\'"
          + " AND lower(name) NOT IN ("
          + ForeignTool.historyTables().stream()
              .map(table -> "'" + table + "'")
              .collect(Collectors.joining(", "))
          + ")"
          + " ORDER BY name";

  private UserTables() {}

  public static List<String> names(Connection db) throws SQLException {
    return TableRows.names(db, NAMES);
  }

  /**
   * The rows of every application table, by name as the schema spells it, read in one statement (so
   * in one read snapshot, even outside a transaction).
   */
  public static SortedMap<String, Long> rowCounts(Connection db) throws SQLException {
    return TableRows.of(db, names(db));
  }
}
