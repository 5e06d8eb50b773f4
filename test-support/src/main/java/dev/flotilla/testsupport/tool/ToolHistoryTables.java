package dev.flotilla.testsupport.tool;

import dev.flotilla.devicedb.foreign.ForeignTool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Each migration tool's history table as the tool itself defines it on SQLite: the statements it
 * runs the first time it migrates a database (device-db's writers leave creating it to the tool,
 * since an adopted database already has it), and which of its columns the clock fills. The
 * statements are copied from each tool's source, the same releases device-db's {@code
 * dev.flotilla.devicedb.foreign} package names.
 */
public final class ToolHistoryTables {
  private ToolHistoryTables() {}

  /** Flyway's {@code SQLiteDatabase.getRawCreateScript}, the schema {@code main}. */
  private static final List<String> FLYWAY =
      List.of(
          "CREATE TABLE \"main\".\"flyway_schema_history\" (\n"
              + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
              + "    \"version\" VARCHAR(50),\n"
              + "    \"description\" VARCHAR(200) NOT NULL,\n"
              + "    \"type\" VARCHAR(20) NOT NULL,\n"
              + "    \"script\" VARCHAR(1000) NOT NULL,\n"
              + "    \"checksum\" INT,\n"
              + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
              + "    \"installed_on\" TEXT NOT NULL"
              + " DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
              + "    \"execution_time\" INT NOT NULL,\n"
              + "    \"success\" BOOLEAN NOT NULL\n"
              + ")",
          "CREATE INDEX \"main\".\"flyway_schema_history_s_idx\" ON \"flyway_schema_history\""
              + " (\"success\")");

  /** sqlx's {@code ensure_migrations_table} in {@code sqlx-sqlite/src/migrate.rs}. */
  private static final List<String> SQLX =
      List.of(
          "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\n"
              + "    version BIGINT PRIMARY KEY,\n"
              + "    description TEXT NOT NULL,\n"
              + "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
              + "    success BOOLEAN NOT NULL,\n"
              + "    checksum BLOB NOT NULL,\n"
              + "    execution_time BIGINT NOT NULL\n"
              + ")");

  /** diesel's {@code diesel/src/migration/setup_migration_table.sql}. */
  private static final List<String> DIESEL =
      List.of(
          "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (\n"
              + "       version VARCHAR(50) PRIMARY KEY NOT NULL,\n"
              + "       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
              + ")");

  /** golang-migrate's {@code ensureVersionTable} in {@code database/sqlite3/sqlite3.go}. */
  private static final List<String> GOLANG_MIGRATE =
      List.of(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
          "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)");

  /** dbmate's {@code CreateMigrationsTable} in {@code pkg/driver/sqlite/sqlite.go}. */
  private static final List<String> DBMATE =
      List.of(
          "create table if not exists \"schema_migrations\" (version varchar(128) primary key)");

  /**
   * goose's {@code CreateTable} in {@code internal/dialects/sqlite3.go}, and the version 0 row its
   * {@code EnsureDBVersion} inserts with it, which goose never migrates down.
   */
  private static final List<String> GOOSE =
      List.of(
          "CREATE TABLE goose_db_version (\n"
              + "\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n"
              + "\t\tversion_id INTEGER NOT NULL,\n"
              + "\t\tis_applied INTEGER NOT NULL,\n"
              + "\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n"
              + "\t)",
          "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1)");

  /** The statements {@code tool} runs to make its history table in a database that has none. */
  public static List<String> creation(ForeignTool tool) {
    return switch (tool) {
      case FLYWAY -> FLYWAY;
      case SQLX -> SQLX;
      case DIESEL -> DIESEL;
      case GOLANG_MIGRATE -> GOLANG_MIGRATE;
      case DBMATE -> DBMATE;
      case GOOSE -> GOOSE;
      case USER_VERSION -> List.of();
    };
  }

  /** Makes {@code tool}'s history table unless the database has it already, as the tool does. */
  public static void ensure(Connection db, ForeignTool tool) throws SQLException {
    if (tool.table().isEmpty() || exists(db, tool.table().get())) {
      return;
    }
    try (Statement statement = db.createStatement()) {
      for (String sql : creation(tool)) {
        statement.execute(sql);
      }
    }
  }

  /** The columns {@code tool} leaves to the clock (a default timestamp, a measured duration). */
  public static Set<String> clockColumns(ForeignTool tool) {
    return switch (tool) {
      case FLYWAY -> Set.of("installed_on", "execution_time");
      case SQLX -> Set.of("installed_on", "execution_time");
      case DIESEL -> Set.of("run_on");
      case GOOSE -> Set.of("tstamp");
      case GOLANG_MIGRATE, DBMATE, USER_VERSION -> Set.of();
    };
  }

  /**
   * Every row of {@code tool}'s history in the order it was written, each column as text but the
   * ones the clock fills: what two databases share when the tool wrote the same history into both.
   * For {@code user_version}, the one value of the header.
   */
  public static List<List<String>> rowsWithoutClock(Connection db, ForeignTool tool)
      throws SQLException {
    String query =
        tool.table()
            .map(table -> "SELECT * FROM \"" + table + "\" ORDER BY rowid")
            .orElse("PRAGMA user_version");
    Set<String> clock = clockColumns(tool);
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          String name = result.getMetaData().getColumnName(column);
          if (!clock.contains(name)) {
            row.add(name + "=" + text(result, column));
          }
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static String text(ResultSet result, int column) throws SQLException {
    Object value = result.getObject(column);
    return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
  }

  private static boolean exists(Connection db, String table) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + table
                    + "'")) {
      return row.next() && row.getLong(1) > 0;
    }
  }
}
