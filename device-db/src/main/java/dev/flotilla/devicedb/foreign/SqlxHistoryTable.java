package dev.flotilla.devicedb.foreign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * sqlx's {@code _sqlx_migrations}, as {@code sqlx-sqlite/src/migrate.rs} reads and writes it.
 *
 * <p>Applied: {@code INSERT (version, description, success, checksum, execution_time) VALUES (?, ?,
 * TRUE, ?, ?)} with the checksum the SHA-384 of the script's text ({@code
 * sqlx-core/src/migrate/migration.rs}) and {@code installed_on} left to its {@code
 * CURRENT_TIMESTAMP} default. sqlx inserts {@code execution_time} -1 inside the migration's
 * transaction and sets the elapsed nanoseconds just after commit; written in one transaction here,
 * the row gets the nanoseconds at once, the state sqlx leaves behind.
 *
 * <p>Reverted: {@code DELETE WHERE version = ?}.
 */
final class SqlxHistoryTable implements ForeignHistoryTable {
  static final String TABLE = "_sqlx_migrations";

  @Override
  public ForeignTool tool() {
    return ForeignTool.SQLX;
  }

  /**
   * sqlx's {@code list_applied_migrations} order (by version); a row with {@code success} false is
   * what sqlx calls dirty and refuses to migrate past.
   */
  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    List<AppliedEntry> applied = new ArrayList<>();
    List<String> anomalies = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, description, installed_on, success, checksum FROM "
                    + TABLE
                    + " ORDER BY version")) {
      while (rows.next()) {
        String version = rows.getString("version");
        if (!rows.getBoolean("success")) {
          anomalies.add(
              "version " + version + " is dirty (success = false); sqlx refuses to migrate");
          continue;
        }
        byte[] checksum = rows.getBytes("checksum");
        applied.add(
            new AppliedEntry(
                version,
                Optional.ofNullable(rows.getString("description")),
                Optional.ofNullable(checksum).map(HexFormat.of()::formatHex),
                Optional.ofNullable(rows.getString("installed_on"))));
      }
    }
    Optional<String> current =
        applied.isEmpty()
            ? Optional.empty()
            : Optional.of(applied.get(applied.size() - 1).version());
    return new ForeignHistory(ForeignTool.SQLX, applied, current, anomalies);
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " ( version, description, success, checksum, execution_time )"
                + " VALUES ( ?1, ?2, TRUE, ?3, ?4 )")) {
      insert.setLong(1, version(up));
      insert.setString(2, up.description());
      insert.setBytes(3, checksum(up.sql()));
      insert.setLong(4, up.executionTime().toNanos());
      insert.executeUpdate();
    }
  }

  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement delete =
        db.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?1")) {
      delete.setLong(1, version(down));
      delete.executeUpdate();
    }
  }

  /** sqlx's {@code checksum(sql)}: the SHA-384 of the script's UTF-8 text, all of it. */
  static byte[] checksum(String sql) {
    try {
      return MessageDigest.getInstance("SHA-384").digest(sql.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException everyJavaHasIt) {
      throw new IllegalStateException(everyJavaHasIt);
    }
  }

  private static long version(ScriptRun run) {
    return HistorySql.integerVersion(ForeignTool.SQLX, run.version(), Long.MAX_VALUE);
  }
}
