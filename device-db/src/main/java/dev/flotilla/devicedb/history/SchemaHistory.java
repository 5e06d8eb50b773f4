package dev.flotilla.devicedb.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code flotilla_schema_history} table inside a device database: which versions are applied. A
 * device's current version is the highest one, 0 when the table is absent or empty. Its one
 * definition: existing fleets have this table on disk, so its columns never change meaning.
 */
public final class SchemaHistory {
  public static final String TABLE = "flotilla_schema_history";

  private static final String CREATE_TABLE =
      """
      CREATE TABLE IF NOT EXISTS flotilla_schema_history (
        version     INTEGER PRIMARY KEY,
        description TEXT    NOT NULL,
        checksum    TEXT    NOT NULL,
        applied_at  TEXT    NOT NULL,
        duration_ms INTEGER NOT NULL,
        command_id  TEXT
      )""";

  private SchemaHistory() {}

  /** Creates the table if needed: call inside the transaction that writes the first row. */
  public static void ensureTable(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(CREATE_TABLE);
    }
  }

  public static int currentVersion(Connection db) throws SQLException {
    if (!tableExists(db, TABLE)) {
      return 0;
    }
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + TABLE)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Every applied version, lowest first. */
  public static List<AppliedMigration> applied(Connection db) throws SQLException {
    if (!tableExists(db, TABLE)) {
      return List.of();
    }
    List<AppliedMigration> applied = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, description, checksum, applied_at, duration_ms, command_id"
                    + " FROM flotilla_schema_history ORDER BY version")) {
      while (rows.next()) {
        applied.add(
            new AppliedMigration(
                rows.getInt("version"),
                rows.getString("description"),
                rows.getString("checksum"),
                rows.getString("applied_at"),
                rows.getLong("duration_ms"),
                rows.getString("command_id")));
      }
    }
    return applied;
  }

  /** Records an applied version, creating the table first if needed. */
  public static void record(Connection db, AppliedMigration applied) throws SQLException {
    ensureTable(db);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO flotilla_schema_history"
                + " (version, description, checksum, applied_at, duration_ms, command_id)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setInt(1, applied.version());
      insert.setString(2, applied.description());
      insert.setString(3, applied.checksum());
      insert.setString(4, applied.appliedAt());
      insert.setLong(5, applied.durationMillis());
      insert.setString(6, applied.commandId());
      insert.executeUpdate();
    }
  }

  /** Forgets an applied version: its undo script ran. */
  public static void remove(Connection db, int version) throws SQLException {
    try (PreparedStatement delete =
        db.prepareStatement("DELETE FROM flotilla_schema_history WHERE version = ?")) {
      delete.setInt(1, version);
      delete.executeUpdate();
    }
  }

  static boolean tableExists(Connection db, String table) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
