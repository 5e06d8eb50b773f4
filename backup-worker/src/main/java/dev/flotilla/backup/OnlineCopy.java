package dev.flotilla.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Copies a live database with {@code VACUUM INTO} while others may read and write it, and returns
 * the facts of exactly the state that was copied.
 *
 * <p>{@code VACUUM INTO} refuses to run inside a transaction, so the row counts cannot share its
 * read transaction. Instead they are taken just before it, and {@code PRAGMA data_version} (which
 * changes when any other connection commits) is read before the counts and after the copy: equal
 * values prove no commit fell in between, so counts and copy describe the same state.
 */
final class OnlineCopy {
  private static final int ATTEMPTS = 3;

  private OnlineCopy() {}

  static DatabaseFacts copy(Path source, Path target)
      throws SQLException, IOException, StepFailedException {
    try (Connection db = Sqlite.open(source)) {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        Files.deleteIfExists(target);
        long before = DatabaseInspector.dataVersion(db);
        DatabaseFacts facts = DatabaseInspector.facts(db);
        vacuumInto(db, target);
        if (DatabaseInspector.dataVersion(db) == before) {
          return facts;
        }
      }
      Files.deleteIfExists(target);
      throw StepFailedException.infrastructure(
          "device-busy: the database changed during each of " + ATTEMPTS + " copy attempts");
    }
  }

  private static void vacuumInto(Connection db, Path target) throws SQLException {
    try (PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, target.toString());
      vacuum.execute();
    }
  }
}
