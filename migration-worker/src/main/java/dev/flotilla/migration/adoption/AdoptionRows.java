package dev.flotilla.migration.adoption;

import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Flotilla's history of an adopted database: a row for every version of the chain up to the adopted
 * one, as if Flotilla had applied them, with the catalogue script's SHA-256 (so the drift check
 * holds the database to the catalogue from then on), its description, and the id of the command
 * that adopted it. No time was spent applying them here: the duration is 0.
 */
public final class AdoptionRows {
  private AdoptionRows() {}

  /** Writes the rows in the caller's transaction, creating the table if needed. */
  public static void write(Connection db, MigrationChain adopted, String commandId, Instant at)
      throws SQLException {
    for (MigrationScript script : adopted.scripts()) {
      SchemaHistory.record(
          db,
          new AppliedMigration(
              script.version(),
              script.description(),
              script.sha256(),
              at.toString(),
              0,
              commandId));
    }
  }
}
