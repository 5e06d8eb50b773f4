package dev.flotilla.devicedb.foreign;

import java.math.BigInteger;
import java.sql.Connection;
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
 * Flyway's {@code flyway_schema_history}, as {@code JdbcTableSchemaHistory}, {@code SchemaHistory}
 * and {@code Database.getInsertStatement} read and write it on SQLite.
 *
 * <p>Applied: one row at the next {@code installed_rank}, type {@code SQL}, the version in Flyway's
 * form ({@code 1_1} stored {@code 1.1}), description and script cut as {@code AbbreviationUtils}
 * cuts them, {@link FlywayChecksum}, {@code execution_time} in milliseconds, {@code success} 1;
 * {@code installed_on} is left to the table's default, as Flyway's insert leaves it.
 *
 * <p>Reverted: Flyway Community has no undo and fails on a history row whose type it does not know
 * ({@code FlywayUnknownMigrationTypeException}), so it only ever reads a reverted migration as one
 * whose row is absent: the rows of that version are deleted. A history that already holds {@code
 * UNDO_*} rows belongs to an application running Flyway Teams' {@code undo}, which records an undo
 * as a row of its own: there the writer appends an {@code UNDO_SQL} row for the down script.
 */
final class FlywayHistoryTable implements ForeignHistoryTable {
  static final String TABLE = "flyway_schema_history";

  /**
   * The table as Flyway names it on SQLite: {@code Table.toString()} with the schema {@code main}.
   */
  private static final String QUALIFIED = "\"main\".\"" + TABLE + "\"";

  private static final String INSERT =
      "INSERT INTO "
          + QUALIFIED
          + " (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
          + " \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String SELECT =
      "SELECT \"installed_rank\",\"version\",\"description\",\"type\",\"script\",\"checksum\","
          + "\"installed_on\",\"installed_by\",\"execution_time\",\"success\" FROM "
          + QUALIFIED
          + " ORDER BY \"installed_rank\"";

  @Override
  public ForeignTool tool() {
    return ForeignTool.FLYWAY;
  }

  /**
   * Flyway's reading: rows in {@code installed_rank} order; a versioned row that succeeded is
   * applied, a later {@code DELETE} (repair) or {@code UNDO_*} row of the same version takes it
   * back; rows without a version (repeatable migrations, the schema marker) are not versions. The
   * current version is the highest applied in Flyway's version order, not the last run.
   */
  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    Map<List<BigInteger>, AppliedEntry> applied = new LinkedHashMap<>();
    List<String> anomalies = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(SELECT)) {
      while (rows.next()) {
        int rank = rows.getInt("installed_rank");
        String version = rows.getString("version");
        String type = rows.getString("type").toUpperCase(Locale.ROOT);
        boolean success = rows.getBoolean("success");
        if (version == null) {
          continue;
        }
        if (!FlywayVersion.valid(version)) {
          anomalies.add(
              "installed_rank " + rank + ": '" + version + "' is not a version Flyway can read");
          continue;
        }
        if (!success) {
          anomalies.add(
              "installed_rank "
                  + rank
                  + ": version "
                  + version
                  + " ("
                  + type
                  + ") failed (success = 0); Flyway refuses to migrate until it is repaired");
          continue;
        }
        List<BigInteger> key = FlywayVersion.parts(version);
        applied.remove(key);
        if (type.equals("DELETE") || type.startsWith("UNDO_") || type.equals("SCHEMA")) {
          continue;
        }
        long checksum = rows.getLong("checksum");
        Optional<String> checksumText =
            rows.wasNull() ? Optional.empty() : Optional.of(Long.toString(checksum));
        applied.put(
            key,
            new AppliedEntry(
                version,
                Optional.ofNullable(rows.getString("description")),
                checksumText,
                Optional.ofNullable(rows.getString("installed_on"))));
      }
    }
    List<AppliedEntry> entries = List.copyOf(applied.values());
    Optional<String> current = entries.stream().map(AppliedEntry::version).max(FlywayVersion.ORDER);
    return new ForeignHistory(ForeignTool.FLYWAY, entries, current, anomalies);
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    insert(db, up, "SQL");
  }

  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    if (usesUndo(db)) {
      insert(db, down, "UNDO_SQL");
      return;
    }
    List<BigInteger> reverted = FlywayVersion.parts(down.version());
    List<Integer> ranks = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT \"installed_rank\", \"version\", \"type\" FROM "
                    + QUALIFIED
                    + " WHERE \"version\" IS NOT NULL")) {
      while (rows.next()) {
        String version = rows.getString(2);
        boolean baseline = rows.getString(3).toUpperCase(Locale.ROOT).contains("BASELINE");
        if (!baseline
            && FlywayVersion.valid(version)
            && FlywayVersion.parts(version).equals(reverted)) {
          ranks.add(rows.getInt(1));
        }
      }
    }
    try (PreparedStatement delete =
        db.prepareStatement("DELETE FROM " + QUALIFIED + " WHERE \"installed_rank\" = ?")) {
      for (int rank : ranks) {
        delete.setInt(1, rank);
        delete.executeUpdate();
      }
    }
  }

  private static void insert(Connection db, ScriptRun run, String type) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement(INSERT)) {
      insert.setInt(1, nextRank(db));
      insert.setString(2, FlywayVersion.stored(run.version()));
      insert.setString(3, abbreviateDescription(run.description()));
      insert.setString(4, type);
      insert.setString(5, abbreviateScript(run.scriptName()));
      insert.setInt(6, FlywayChecksum.of(run.sql()));
      insert.setString(7, run.installedBy());
      insert.setInt(8, (int) Math.min(Integer.MAX_VALUE, run.executionTime().toMillis()));
      insert.setBoolean(9, true);
      insert.executeUpdate();
    }
  }

  /** {@code SchemaHistory.calculateInstalledRank}: one past the last row, 1 in an empty table. */
  private static int nextRank(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT coalesce(max(\"installed_rank\"), 0) + 1 FROM " + QUALIFIED)) {
      row.next();
      return row.getInt(1);
    }
  }

  private static boolean usesUndo(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM "
                    + QUALIFIED
                    + " WHERE upper(\"type\") LIKE 'UNDO\\_%' ESCAPE '\\')")) {
      row.next();
      return row.getBoolean(1);
    }
  }

  /** {@code AbbreviationUtils.abbreviateDescription}: at most 200 characters. */
  static String abbreviateDescription(String description) {
    return description.length() <= 200 ? description : description.substring(0, 197) + "...";
  }

  /** {@code AbbreviationUtils.abbreviateScript}: at most 1000 characters, cut at the front. */
  static String abbreviateScript(String script) {
    return script.length() <= 1000 ? script : "..." + script.substring(3, 1000);
  }
}
