package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the migration tools whose history is in a database: a table of the tool's default name
 * holding the columns the tool reads, or a non-zero {@code PRAGMA user_version}. golang-migrate and
 * dbmate share the name {@code schema_migrations}; golang-migrate's has a {@code dirty} column,
 * dbmate's only {@code version} (Rails' table has the same shape as dbmate's and is read alike).
 * Reads the schema only; works inside a transaction or outside.
 */
public final class ForeignToolDetector {
  private static final Set<String> FLYWAY_COLUMNS =
      Set.of(
          "installed_rank",
          "version",
          "description",
          "type",
          "script",
          "checksum",
          "installed_by",
          "installed_on",
          "execution_time",
          "success");
  private static final Set<String> DIESEL_COLUMNS = Set.of("version", "run_on");
  private static final Set<String> SQLX_COLUMNS =
      Set.of("version", "description", "installed_on", "success", "checksum", "execution_time");
  private static final Set<String> GOLANG_MIGRATE_COLUMNS = Set.of("version", "dirty");
  private static final Set<String> DBMATE_COLUMNS = Set.of("version");
  private static final Set<String> GOOSE_COLUMNS =
      Set.of("id", "version_id", "is_applied", "tstamp");

  private ForeignToolDetector() {}

  public static ForeignToolDetection detect(Connection db) throws SQLException {
    List<ForeignToolDetection.Found> found = new ArrayList<>();
    List<String> doubts = new ArrayList<>();
    byTable(db, ForeignTool.FLYWAY, FLYWAY_COLUMNS, found, doubts);
    byTable(db, ForeignTool.DIESEL, DIESEL_COLUMNS, found, doubts);
    byTable(db, ForeignTool.SQLX, SQLX_COLUMNS, found, doubts);
    schemaMigrations(db, found, doubts);
    byTable(db, ForeignTool.GOOSE, GOOSE_COLUMNS, found, doubts);
    int userVersion = UserVersionHistory.userVersion(db);
    if (userVersion != 0) {
      found.add(
          new ForeignToolDetection.Found(
              ForeignTool.USER_VERSION, "PRAGMA user_version = " + userVersion));
    }
    return new ForeignToolDetection(found, doubts);
  }

  /** The tool's table with at least the columns it reads (a later release may add more). */
  private static void byTable(
      Connection db,
      ForeignTool tool,
      Set<String> required,
      List<ForeignToolDetection.Found> found,
      List<String> doubts)
      throws SQLException {
    Optional<String> table = HistorySql.table(db, tool.table().orElseThrow());
    if (table.isEmpty()) {
      return;
    }
    Set<String> columns = HistorySql.columns(db, table.get());
    if (columns.containsAll(required)) {
      found.add(new ForeignToolDetection.Found(tool, describe(table.get(), columns)));
    } else {
      doubts.add(describe(table.get(), columns) + " lacks " + tool + "'s columns " + required);
    }
  }

  /** The one name two tools share, told apart by the exact columns. */
  private static void schemaMigrations(
      Connection db, List<ForeignToolDetection.Found> found, List<String> doubts)
      throws SQLException {
    Optional<String> table = HistorySql.table(db, GolangMigrateHistoryTable.TABLE);
    if (table.isEmpty()) {
      return;
    }
    Set<String> columns = HistorySql.columns(db, table.get());
    String evidence = describe(table.get(), columns);
    if (columns.equals(GOLANG_MIGRATE_COLUMNS)) {
      found.add(new ForeignToolDetection.Found(ForeignTool.GOLANG_MIGRATE, evidence));
    } else if (columns.equals(DBMATE_COLUMNS)) {
      found.add(new ForeignToolDetection.Found(ForeignTool.DBMATE, evidence));
    } else {
      doubts.add(evidence + " is neither golang-migrate's (version, dirty) nor dbmate's (version)");
    }
  }

  private static String describe(String table, Set<String> columns) {
    return "table " + table + " (" + String.join(", ", columns) + ")";
  }
}
