package dev.flotilla.devicedb.history;

import dev.flotilla.contracts.catalogue.VersionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code flotilla_schema_history} table inside a device database: which versions are applied. A
 * device's current version is the highest one, zero when the table is absent or empty. Its one
 * definition: existing fleets have this table on disk, so its columns never change meaning.
 *
 * <p>{@code version} is the table's {@code INTEGER PRIMARY KEY}, so it holds whole numbers only.
 * Versions such as {@code 1.1} are written in {@code version_id} (added to tables made before it
 * existed), with a negative number in {@code version} that only keeps rows apart; {@code
 * version_id} holds every version as its folder writes it. Reading takes {@code version_id} when
 * present, else {@code version}.
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
        command_id  TEXT,
        version_id  TEXT
      )""";

  private static final String VERSION_ID = "version_id";

  private SchemaHistory() {}

  /**
   * Creates the table if needed, or gives one made before {@code version_id} existed that column:
   * call inside the transaction that writes the first row.
   */
  public static void ensureTable(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(CREATE_TABLE);
      if (!hasVersionId(db)) {
        statement.execute("ALTER TABLE flotilla_schema_history ADD COLUMN version_id TEXT");
      }
    }
  }

  /** Whether the table exists: a database Flotilla has never migrated has none. */
  public static boolean exists(Connection db) throws SQLException {
    return tableExists(db, TABLE);
  }

  public static VersionId currentVersion(Connection db) throws SQLException {
    return applied(db).stream()
        .map(AppliedMigration::version)
        .max(Comparator.naturalOrder())
        .orElse(VersionId.ZERO);
  }

  /** Every applied version, lowest first. */
  public static List<AppliedMigration> applied(Connection db) throws SQLException {
    if (!tableExists(db, TABLE)) {
      return List.of();
    }
    String versionId = hasVersionId(db) ? VERSION_ID : "NULL";
    List<AppliedMigration> applied = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, "
                    + versionId
                    + " AS version_id, description, checksum, applied_at, duration_ms, command_id"
                    + " FROM flotilla_schema_history")) {
      while (rows.next()) {
        String written = rows.getString("version_id");
        applied.add(
            new AppliedMigration(
                written != null ? VersionId.parse(written) : VersionId.of(rows.getLong("version")),
                rows.getString("description"),
                rows.getString("checksum"),
                rows.getString("applied_at"),
                rows.getLong("duration_ms"),
                rows.getString("command_id")));
      }
    }
    applied.sort(Comparator.comparing(AppliedMigration::version));
    return applied;
  }

  /** Records an applied version, creating the table first if needed. */
  public static void record(Connection db, AppliedMigration applied) throws SQLException {
    ensureTable(db);
    long key = applied.version().asLong().orElse(nextKeyBelowZero(db));
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO flotilla_schema_history (version, description, checksum, applied_at,"
                + " duration_ms, command_id, version_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, key);
      insert.setString(2, applied.description());
      insert.setString(3, applied.checksum());
      insert.setString(4, applied.appliedAt());
      insert.setLong(5, applied.durationMillis());
      insert.setString(6, applied.commandId());
      insert.setString(7, applied.version().toString());
      insert.executeUpdate();
    }
  }

  /** A key for a version that is no whole number: below every key in use and below zero. */
  private static long nextKeyBelowZero(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT min(coalesce(min(version), 0), 0) - 1 FROM flotilla_schema_history")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Forgets an applied version: its undo script ran. */
  public static void remove(Connection db, VersionId version) throws SQLException {
    if (!tableExists(db, TABLE)) {
      return;
    }
    // Numerically equal versions are one version, however each row spells it.
    List<Long> keys = new ArrayList<>();
    String versionId = hasVersionId(db) ? VERSION_ID : "NULL";
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, " + versionId + " FROM flotilla_schema_history")) {
      while (rows.next()) {
        String written = rows.getString(2);
        VersionId stored =
            written != null ? VersionId.parse(written) : VersionId.of(rows.getLong(1));
        if (stored.equals(version)) {
          keys.add(rows.getLong(1));
        }
      }
    }
    try (PreparedStatement delete =
        db.prepareStatement("DELETE FROM flotilla_schema_history WHERE version = ?")) {
      for (long key : keys) {
        delete.setLong(1, key);
        delete.executeUpdate();
      }
    }
  }

  private static boolean hasVersionId(Connection db) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT 1 FROM pragma_table_info('flotilla_schema_history') WHERE name = ?")) {
      query.setString(1, VERSION_ID);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
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
