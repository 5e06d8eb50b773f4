package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Diesel's {@code __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on
 * TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)}, as {@code
 * diesel_migrations/src/migration_harness.rs} reads and writes it: applied inserts the version
 * alone ({@code run_on} is the default), reverted deletes it. The version is the migration
 * directory's name up to its first {@code _} with the dashes removed ({@code
 * 2024-01-31-120000_create_users} is {@code 20240131120000}); the caller passes it so.
 */
final class DieselHistoryTable implements ForeignHistoryTable {
  static final String TABLE = "__diesel_schema_migrations";

  @Override
  public ForeignTool tool() {
    return ForeignTool.DIESEL;
  }

  /** Diesel orders versions as text; the current one is the greatest. */
  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    List<AppliedEntry> applied = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version, run_on FROM " + TABLE + " ORDER BY version")) {
      while (rows.next()) {
        applied.add(
            new AppliedEntry(
                rows.getString(1),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(rows.getString(2))));
      }
    }
    Optional<String> current =
        applied.isEmpty()
            ? Optional.empty()
            : Optional.of(applied.get(applied.size() - 1).version());
    return new ForeignHistory(ForeignTool.DIESEL, applied, current, List.of());
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO " + TABLE + " (version) VALUES (?)")) {
      insert.setString(1, up.version());
      insert.executeUpdate();
    }
  }

  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement delete =
        db.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?")) {
      delete.setString(1, down.version());
      delete.executeUpdate();
    }
  }
}
