package dev.flotilla.migration.testing;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.foreign.ScriptRun;
import dev.flotilla.migration.catalogue.format.FolderReader;
import dev.flotilla.migration.catalogue.format.FolderScript;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The library schema of {@code src/test/resources/folders/<tool>}, and databases as each tool
 * leaves them: its up scripts applied with plain JDBC, as the tool runs them (in a transaction
 * unless the tool's marker says otherwise), and its history table written by device-db's {@link
 * dev.flotilla.devicedb.foreign.ForeignHistoryTable#recordApplied}, in the script's transaction.
 * The CREATE TABLE statements are the tools' own for SQLite (as device-db's tests quote them).
 */
public final class ToolDatabases {
  public static final MigrationSetId LIBRARY = MigrationSetId.of("library");

  private ToolDatabases() {}

  /** {@code folders/<folder>}, as laid out on disk. */
  public static Path folder(String folder) {
    try {
      return Path.of(ToolDatabases.class.getResource("/folders/" + folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The up scripts of a folder, in order. */
  public static List<FolderScript> ups(Path folder) {
    return FolderReader.read(folder).scriptsOf(ScriptKind.MIGRATE);
  }

  /** Every script of a folder as the catalogue holds it, in the set {@code library}. */
  public static Catalogue catalogue(Path folder) {
    return Catalogue.of(
        FolderReader.read(folder).scripts().stream().map(ToolDatabases::script).toList());
  }

  private static MigrationScript script(FolderScript script) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        LIBRARY,
        script.version(),
        script.kind(),
        script.description(),
        script.sql(),
        TestSets.sha256(script.sql()),
        script.transactional());
  }

  /** The tool's history table, empty, as the tool creates it before its first migration. */
  public static void createHistory(Path file, ForeignTool tool) {
    String create =
        switch (tool) {
          case FLYWAY ->
              "CREATE TABLE \"main\".\"flyway_schema_history\" (\n"
                  + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                  + "    \"version\" VARCHAR(50),\n"
                  + "    \"description\" VARCHAR(200) NOT NULL,\n"
                  + "    \"type\" VARCHAR(20) NOT NULL,\n"
                  + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                  + "    \"checksum\" INT,\n"
                  + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                  + "    \"installed_on\" TEXT NOT NULL DEFAULT"
                  + " (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                  + "    \"execution_time\" INT NOT NULL,\n"
                  + "    \"success\" BOOLEAN NOT NULL\n"
                  + ");\n"
                  + "CREATE INDEX \"main\".\"flyway_schema_history_s_idx\""
                  + " ON \"flyway_schema_history\" (\"success\");";
          case SQLX ->
              "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\n"
                  + "    version BIGINT PRIMARY KEY,\n"
                  + "    description TEXT NOT NULL,\n"
                  + "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                  + "    success BOOLEAN NOT NULL,\n"
                  + "    checksum BLOB NOT NULL,\n"
                  + "    execution_time BIGINT NOT NULL\n"
                  + ");";
          case DIESEL ->
              "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (\n"
                  + "       version VARCHAR(50) PRIMARY KEY NOT NULL,\n"
                  + "       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
                  + ");";
          case GOLANG_MIGRATE ->
              "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool);\n"
                  + "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations"
                  + " (version);";
          case DBMATE ->
              "create table if not exists \"schema_migrations\" (version varchar(128) primary"
                  + " key)";
          case GOOSE ->
              "CREATE TABLE goose_db_version (\n"
                  + "\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                  + "\t\tversion_id INTEGER NOT NULL,\n"
                  + "\t\tis_applied INTEGER NOT NULL,\n"
                  + "\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n"
                  + "\t);\n"
                  + "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1);";
          case USER_VERSION -> "";
        };
    try (Connection db = open(file);
        Statement statement = db.createStatement()) {
      if (!create.isEmpty()) {
        statement.executeUpdate(create);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A database {@code tool} migrated through the first {@code applied} up scripts of {@code
   * folder}: the tool's history table, then each script and its record.
   */
  public static Path migratedBy(Path file, ForeignTool tool, Path folder, int applied) {
    createHistory(file, tool);
    for (FolderScript up : ups(folder).subList(0, applied)) {
      run(file, up);
      record(file, tool, up);
    }
    return file;
  }

  /** Runs an up script as the tools do, without recording it anywhere. */
  public static void run(Path file, FolderScript up) {
    try (Connection db = open(file);
        Statement statement = db.createStatement()) {
      db.setAutoCommit(!up.transactional());
      statement.executeUpdate(up.sql());
      if (up.transactional()) {
        db.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(up.label() + ": " + e.getMessage(), e);
    }
  }

  /** Records {@code up} in the tool's history, as the tool does once it ran. */
  public static void record(Path file, ForeignTool tool, FolderScript up) {
    try (Connection db = open(file)) {
      db.setAutoCommit(false);
      tool.historyTable()
          .recordApplied(
              db,
              new ScriptRun(
                  up.version().toString(),
                  up.description(),
                  up.file(),
                  up.sql(),
                  Duration.ofMillis(5),
                  ""));
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}
