package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Databases as each tool leaves them: the tool's own CREATE TABLE statements for SQLite, copied
 * from its source (named at each method), and the rows it writes for the same three application
 * migrations, with literal values. The checksums in those rows were computed outside this code base
 * from the tools' algorithms: Flyway's with Python's {@code zlib.crc32} over the script's lines
 * joined without line endings (BOM dropped), cast to a signed 32-bit int; sqlx's with Python's
 * {@code hashlib.sha384} over the script's UTF-8 bytes. A writer's row is right when it equals
 * these.
 */
final class ForeignFixtures {
  /** The application's migrations: 1 creates users, 2 adds a column, 3 creates orders. */
  static final String CREATE_USERS =
      "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL\n);\n";

  static final String ADD_EMAIL = "ALTER TABLE users ADD COLUMN email TEXT;\n";
  static final String CREATE_ORDERS =
      "CREATE TABLE orders (\n"
          + "  id INTEGER PRIMARY KEY,\n"
          + "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
          + "  total_cents INTEGER NOT NULL\n"
          + ");\n"
          + "CREATE INDEX orders_user ON orders(user_id);\n";

  /** Migration 3's down script. */
  static final String DROP_ORDERS = "DROP INDEX orders_user;\nDROP TABLE orders;\n";

  static final List<String> SCRIPTS = List.of(CREATE_USERS, ADD_EMAIL, CREATE_ORDERS);

  /** Flyway's checksums of the scripts above (Python zlib.crc32, as said in the class comment). */
  static final int FLYWAY_CREATE_USERS = -1938017103;

  static final int FLYWAY_ADD_EMAIL = 273465196;
  static final int FLYWAY_CREATE_ORDERS = -2139352414;
  static final int FLYWAY_DROP_ORDERS = -932483541;

  /** sqlx's checksums of the scripts above (Python hashlib.sha384). */
  static final String SQLX_CREATE_USERS =
      "244b20a2a5fa9abf01dc1e6031b043cdc23197a3d3c59927265371bbce93580be3458db15e699ff9fd57bbfb7df46245";

  static final String SQLX_ADD_EMAIL =
      "4b886657d12acaaa416c4a98503159bf15307b40bb65b2e1bdb93af3cb247a13b1b75e7332fa1936326b787e2d686f1c";
  static final String SQLX_CREATE_ORDERS =
      "d5ee59c56c9b8fcd82623b45ea7f9be02be8f2edd9bce43babb9713fca5af2f09ecd6e315ca65d5b0b6f83680d5b74b0";

  private ForeignFixtures() {}

  static Connection memory() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite::memory:");
  }

  static void exec(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  /** The application's tables after its first {@code applied} migrations. */
  static void applicationSchema(Connection db, int applied) throws SQLException {
    for (String script : SCRIPTS.subList(0, applied)) {
      exec(db, script);
    }
    if (applied > 0) {
      exec(db, "INSERT INTO users (id, name) VALUES (1, 'Ada'), (2, 'Grace')");
    }
  }

  /** Every row of a query, each column by {@link ResultSet#getObject}, for whole-row compares. */
  static List<List<Object>> rows(Connection db, String query) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = result.getObject(i);
          row.add(
              value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Runs {@code script} and records it with {@code history}, in one committed transaction. */
  static void migrateAndRecord(Connection db, ForeignHistoryTable history, ScriptRun up)
      throws SQLException {
    db.setAutoCommit(false);
    exec(db, up.sql());
    history.recordApplied(db, up);
    db.commit();
    db.setAutoCommit(true);
  }

  /** Runs {@code down} and records the revert with {@code history}, in one transaction. */
  static void revertAndRecord(
      Connection db, ForeignHistoryTable history, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    db.setAutoCommit(false);
    exec(db, down.sql());
    history.recordReverted(db, down, versionAfter);
    db.commit();
    db.setAutoCommit(true);
  }

  static ScriptRun run(
      String version, String description, String scriptName, String sql, long millis) {
    return new ScriptRun(version, description, scriptName, sql, Duration.ofMillis(millis), "");
  }

  // ---- Flyway ----------------------------------------------------------------------------------

  /**
   * {@code SQLiteDatabase.getRawCreateScript(table, false)} with the table {@code
   * "main"."flyway_schema_history"}.
   */
  static final String FLYWAY_CREATE =
      "CREATE TABLE \"main\".\"flyway_schema_history\" (\n"
          + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
          + "    \"version\" VARCHAR(50),\n"
          + "    \"description\" VARCHAR(200) NOT NULL,\n"
          + "    \"type\" VARCHAR(20) NOT NULL,\n"
          + "    \"script\" VARCHAR(1000) NOT NULL,\n"
          + "    \"checksum\" INT,\n"
          + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
          + "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
          + "    \"execution_time\" INT NOT NULL,\n"
          + "    \"success\" BOOLEAN NOT NULL\n"
          + ");\n"
          + "CREATE INDEX \"main\".\"flyway_schema_history_s_idx\" ON \"flyway_schema_history\""
          + " (\"success\");";

  /** The rows Flyway wrote for V1__create_users.sql, V1_1__add_email.sql, V2__create_orders.sql. */
  static final List<String> FLYWAY_ROWS =
      List.of(
          "(1, '1', 'create users', 'SQL', 'V1__create_users.sql', "
              + FLYWAY_CREATE_USERS
              + ", '', '2024-05-01 09:30:12.345', 7, 1)",
          "(2, '1.1', 'add email', 'SQL', 'V1_1__add_email.sql', "
              + FLYWAY_ADD_EMAIL
              + ", '', '2024-05-01 09:30:12.360', 3, 1)",
          "(3, '2', 'create orders', 'SQL', 'V2__create_orders.sql', "
              + FLYWAY_CREATE_ORDERS
              + ", '', '2024-05-01 09:30:12.371', 12, 1)");

  static final List<ScriptRun> FLYWAY_RUNS =
      List.of(
          run("1", "create users", "V1__create_users.sql", CREATE_USERS, 7),
          run("1_1", "add email", "V1_1__add_email.sql", ADD_EMAIL, 3),
          run("2", "create orders", "V2__create_orders.sql", CREATE_ORDERS, 12));

  /** A database Flyway migrated through its first {@code applied} migrations. */
  static void flyway(Connection db, int applied) throws SQLException {
    applicationSchema(db, applied);
    exec(db, FLYWAY_CREATE);
    insertFlyway(db, FLYWAY_ROWS.subList(0, applied));
  }

  static void insertFlyway(Connection db, List<String> rows) throws SQLException {
    if (!rows.isEmpty()) {
      exec(
          db,
          "INSERT INTO \"main\".\"flyway_schema_history\" (\"installed_rank\", \"version\","
              + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
              + " \"installed_on\", \"execution_time\", \"success\") VALUES "
              + String.join(", ", rows));
    }
  }

  /** The columns Flyway's validate compares, and the rest but {@code installed_on}. */
  static final String FLYWAY_COMPARED =
      "SELECT installed_rank, version, description, type, script, checksum, installed_by,"
          + " execution_time, success FROM flyway_schema_history ORDER BY installed_rank";

  // ---- sqlx
  // --------------------------------------------------------------------------------------

  /**
   * {@code ensure_migrations_table} in sqlx-sqlite/src/migrate.rs, table {@code _sqlx_migrations}.
   */
  static final String SQLX_CREATE =
      "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\n"
          + "    version BIGINT PRIMARY KEY,\n"
          + "    description TEXT NOT NULL,\n"
          + "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
          + "    success BOOLEAN NOT NULL,\n"
          + "    checksum BLOB NOT NULL,\n"
          + "    execution_time BIGINT NOT NULL\n"
          + ");";

  /**
   * The rows sqlx wrote for 20240101000000_create_users.sql, 20240102000000_add_email.sql and
   * 20240103000000_create_orders.up.sql (with its .down.sql).
   */
  static final List<String> SQLX_ROWS =
      List.of(
          "(20240101000000, 'create users', '2024-05-01 09:30:12', 1, X'"
              + SQLX_CREATE_USERS
              + "', 7000000)",
          "(20240102000000, 'add email', '2024-05-01 09:30:12', 1, X'"
              + SQLX_ADD_EMAIL
              + "', 3000000)",
          "(20240103000000, 'create orders', '2024-05-01 09:30:12', 1, X'"
              + SQLX_CREATE_ORDERS
              + "', 12000000)");

  static final List<ScriptRun> SQLX_RUNS =
      List.of(
          run("20240101000000", "create users", "20240101000000_create_users.sql", CREATE_USERS, 7),
          run("20240102000000", "add email", "20240102000000_add_email.sql", ADD_EMAIL, 3),
          run(
              "20240103000000",
              "create orders",
              "20240103000000_create_orders.up.sql",
              CREATE_ORDERS,
              12));

  static void sqlx(Connection db, int applied) throws SQLException {
    applicationSchema(db, applied);
    exec(db, SQLX_CREATE);
    if (applied > 0) {
      exec(
          db,
          "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum,"
              + " execution_time) VALUES "
              + String.join(", ", SQLX_ROWS.subList(0, applied)));
    }
  }

  static final String SQLX_COMPARED =
      "SELECT version, description, success, checksum, execution_time FROM _sqlx_migrations"
          + " ORDER BY version";

  // ---- Diesel
  // ------------------------------------------------------------------------------------

  /** diesel/src/migration/setup_migration_table.sql. */
  static final String DIESEL_CREATE =
      "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (\n"
          + "       version VARCHAR(50) PRIMARY KEY NOT NULL,\n"
          + "       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
          + ");";

  /** Directories 2024-01-01-000000_create_users, 2024-01-02-000000_add_email, ... */
  static final List<String> DIESEL_VERSIONS =
      List.of("20240101000000", "20240102000000", "20240103000000");

  static void diesel(Connection db, int applied) throws SQLException {
    applicationSchema(db, applied);
    exec(db, DIESEL_CREATE);
    for (String version : DIESEL_VERSIONS.subList(0, applied)) {
      exec(
          db,
          "INSERT INTO __diesel_schema_migrations (version, run_on) VALUES ('"
              + version
              + "', '2024-05-01 09:30:12')");
    }
  }

  // ---- golang-migrate
  // ----------------------------------------------------------------------------

  /** {@code ensureVersionTable} in database/sqlite3/sqlite3.go, table {@code schema_migrations}. */
  static final String GOLANG_MIGRATE_CREATE =
      "\n\tCREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool);\n"
          + "  CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version);\n  ";

  /** Files 000001_create_users.up.sql ... 000003_create_orders.up.sql: versions 1 to 3. */
  static void golangMigrate(Connection db, int applied, boolean dirty) throws SQLException {
    applicationSchema(db, applied);
    exec(db, GOLANG_MIGRATE_CREATE);
    if (applied > 0) {
      exec(
          db,
          "INSERT INTO schema_migrations (version, dirty) VALUES ("
              + applied
              + ", "
              + (dirty ? 1 : 0)
              + ")");
    }
  }

  // ---- dbmate
  // ------------------------------------------------------------------------------------

  /** {@code CreateMigrationsTable} in pkg/driver/sqlite/sqlite.go. */
  static final String DBMATE_CREATE =
      "create table if not exists \"schema_migrations\" (version varchar(128) primary key)";

  static final List<String> DBMATE_VERSIONS =
      List.of("20240101000000", "20240102000000", "20240103000000");

  static void dbmate(Connection db, int applied) throws SQLException {
    applicationSchema(db, applied);
    exec(db, DBMATE_CREATE);
    for (String version : DBMATE_VERSIONS.subList(0, applied)) {
      exec(db, "insert into \"schema_migrations\" (version) values ('" + version + "')");
    }
  }

  // ---- goose
  // -------------------------------------------------------------------------------------

  /** {@code CreateTable} in internal/dialects/sqlite3.go, table {@code goose_db_version}. */
  static final String GOOSE_CREATE =
      "CREATE TABLE goose_db_version (\n"
          + "\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n"
          + "\t\tversion_id INTEGER NOT NULL,\n"
          + "\t\tis_applied INTEGER NOT NULL,\n"
          + "\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n"
          + "\t)";

  static final List<Long> GOOSE_VERSIONS =
      List.of(20240101000000L, 20240102000000L, 20240103000000L);

  /** The table goose creates (with its version 0 row), then {@code applied} migrations up. */
  static void goose(Connection db, int applied) throws SQLException {
    applicationSchema(db, applied);
    exec(db, GOOSE_CREATE);
    insertGoose(db, 0, true);
    for (long version : GOOSE_VERSIONS.subList(0, applied)) {
      insertGoose(db, version, true);
    }
  }

  static void insertGoose(Connection db, long version, boolean isApplied) throws SQLException {
    exec(
        db,
        "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES ("
            + version
            + ", "
            + (isApplied ? 1 : 0)
            + ", '2024-05-01 09:30:12')");
  }

  static final String GOOSE_COMPARED =
      "SELECT id, version_id, is_applied FROM goose_db_version ORDER BY id";

  // ---- user_version
  // ------------------------------------------------------------------------------

  /** A hand-rolled migrator that counts applied migrations in the header, as rusqlite_migration. */
  static void userVersion(Connection db, int applied) throws SQLException {
    applicationSchema(db, applied);
    exec(db, "PRAGMA user_version = " + applied);
  }

  // ---- every tool
  // ----------------------------------------------------------------------------------

  /** A database {@code tool} migrated through the first {@code applied} migrations. */
  static void migratedBy(ForeignTool tool, Connection db, int applied) throws SQLException {
    switch (tool) {
      case FLYWAY -> flyway(db, applied);
      case SQLX -> sqlx(db, applied);
      case DIESEL -> diesel(db, applied);
      case GOLANG_MIGRATE -> golangMigrate(db, applied, false);
      case DBMATE -> dbmate(db, applied);
      case GOOSE -> goose(db, applied);
      case USER_VERSION -> userVersion(db, applied);
    }
  }

  /** Migration 3 (create orders) as {@code tool} names it. */
  static ScriptRun createOrders(ForeignTool tool) {
    return switch (tool) {
      case FLYWAY -> FLYWAY_RUNS.get(2);
      case SQLX -> SQLX_RUNS.get(2);
      case DIESEL ->
          run(
              "20240103000000",
              "create_orders",
              "2024-01-03-000000_create_orders/up.sql",
              CREATE_ORDERS,
              12);
      case GOLANG_MIGRATE ->
          run("3", "create_orders", "000003_create_orders.up.sql", CREATE_ORDERS, 12);
      case DBMATE, GOOSE ->
          run(
              "20240103000000",
              "create_orders",
              "20240103000000_create_orders.sql",
              CREATE_ORDERS,
              12);
      case USER_VERSION -> run("3", "create orders", "3", CREATE_ORDERS, 12);
    };
  }

  /** The version each tool stores for migration 2 (add email). */
  static String addEmailVersion(ForeignTool tool) {
    return switch (tool) {
      case FLYWAY -> "1.1";
      case GOLANG_MIGRATE, USER_VERSION -> "2";
      case SQLX, DIESEL, DBMATE, GOOSE -> "20240102000000";
    };
  }
}
