package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One tool's history: what it says is applied, and the rows it writes when a migration is applied
 * or reverted, statement for statement as the tool's own code writes them, so the application that
 * migrates itself at startup from this history finds exactly what the tool would have left.
 *
 * <p>The writers run inside the caller's open transaction on {@code db}, the one that applies or
 * reverts the script, so the script and its record commit or roll back together; they never commit
 * nor begin a transaction, and refuse a connection in auto-commit.
 */
public sealed interface ForeignHistoryTable
    permits FlywayHistoryTable,
        DieselHistoryTable,
        SqlxHistoryTable,
        GolangMigrateHistoryTable,
        DbmateHistoryTable,
        GooseHistoryTable,
        UserVersionHistory {

  ForeignTool tool();

  /** What the tool says is applied; the table must exist (see {@link ForeignToolDetector}). */
  ForeignHistory read(Connection db) throws SQLException;

  /** Records {@code up} as applied, as the tool does after running it. */
  void recordApplied(Connection db, ScriptRun up) throws SQLException;

  /**
   * Records that {@code down} reverted the migration of {@code down.version()}, as the tool does
   * after running a down script.
   *
   * @param versionAfter the version the database is at once it is reverted, empty when no migration
   *     remains applied: the tools that keep only a current version (golang-migrate, {@code
   *     user_version}) write it; the others ignore it
   */
  void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException;
}
