package dev.flotilla.devicedb.foreign;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A migration tool an application may already use on its database, named by the table (or pragma)
 * where it keeps what it applied. Table names are each tool's defaults; an application that
 * configured another name is not recognised.
 */
public enum ForeignTool {
  FLYWAY("flyway_schema_history"),
  DIESEL("__diesel_schema_migrations"),
  SQLX("_sqlx_migrations"),
  /** golang-migrate's {@code schema_migrations (version, dirty)}: one row, the current version. */
  GOLANG_MIGRATE("schema_migrations"),
  /** dbmate's {@code schema_migrations (version)}: one row per applied version. */
  DBMATE("schema_migrations"),
  GOOSE("goose_db_version"),
  /** {@code PRAGMA user_version}, kept by hand-rolled migrations (Android, rusqlite_migration). */
  USER_VERSION(null);

  private final String table;

  ForeignTool(String table) {
    this.table = table;
  }

  /** The tool's history table; empty for {@link #USER_VERSION}, which keeps a header field. */
  public Optional<String> table() {
    return Optional.ofNullable(table);
  }

  /** Reads and writes this tool's history the way the tool itself does. */
  public ForeignHistoryTable historyTable() {
    return switch (this) {
      case FLYWAY -> new FlywayHistoryTable();
      case DIESEL -> new DieselHistoryTable();
      case SQLX -> new SqlxHistoryTable();
      case GOLANG_MIGRATE -> new GolangMigrateHistoryTable();
      case DBMATE -> new DbmateHistoryTable();
      case GOOSE -> new GooseHistoryTable();
      case USER_VERSION -> new UserVersionHistory();
    };
  }

  /**
   * Every tool's history table, in lower case: bookkeeping, not the application's data, so left out
   * of schema fingerprints and row counts alike.
   */
  public static List<String> historyTables() {
    return Arrays.stream(values())
        .flatMap(tool -> tool.table().stream())
        .map(table -> table.toLowerCase(Locale.ROOT))
        .distinct()
        .toList();
  }
}
