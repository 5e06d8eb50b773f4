package dev.flotilla.migration.sqlite;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The {@code flotilla_schema_history} table inside a device database: which versions are applied. A
 * device's current version is the highest one, 0 when the table is absent or empty.
 */
public final class SchemaHistory {
  static final String CREATE_TABLE =
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
  public static void ensureTable(Handle handle) {
    handle.execute(CREATE_TABLE);
  }

  public static int currentVersion(Handle handle) {
    if (!tableExists(handle, "flotilla_schema_history")) {
      return 0;
    }
    return handle
        .createQuery("SELECT coalesce(max(version), 0) FROM flotilla_schema_history")
        .mapTo(Integer.class)
        .one();
  }

  /** Every applied version, lowest first. */
  public static List<AppliedMigration> applied(Handle handle) {
    if (!tableExists(handle, "flotilla_schema_history")) {
      return List.of();
    }
    return handle
        .createQuery(
            "SELECT version, description, checksum, applied_at, duration_ms, command_id"
                + " FROM flotilla_schema_history ORDER BY version")
        .map(
            (row, context) ->
                new AppliedMigration(
                    row.getInt("version"),
                    row.getString("description"),
                    row.getString("checksum"),
                    row.getString("applied_at"),
                    row.getLong("duration_ms"),
                    row.getString("command_id")))
        .list();
  }

  public static void record(Handle handle, AppliedMigration applied) {
    ensureTable(handle);
    handle
        .createUpdate(
            "INSERT INTO flotilla_schema_history"
                + " (version, description, checksum, applied_at, duration_ms, command_id)"
                + " VALUES (:version, :description, :checksum, :appliedAt, :durationMillis,"
                + " :commandId)")
        .bindMethods(applied)
        .execute();
  }

  public static void remove(Handle handle, int version) {
    handle
        .createUpdate("DELETE FROM flotilla_schema_history WHERE version = :version")
        .bind("version", version)
        .execute();
  }

  static boolean tableExists(Handle handle, String table) {
    return handle
            .createQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :name")
            .bind("name", table)
            .mapTo(Integer.class)
            .one()
        > 0;
  }
}
