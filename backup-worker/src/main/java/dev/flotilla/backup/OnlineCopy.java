package dev.flotilla.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Copies a live database with {@code VACUUM INTO} while its application reads and writes it. The
 * statement reads one snapshot in one read transaction, so the copy is consistent whatever commits
 * meanwhile; everything recorded about the backup is then read from the copy itself, never from the
 * live file, which may already have moved on. (In rollback-journal mode the application's commits
 * wait while the copy reads, as they would for any reader; in WAL mode they do not.)
 */
final class OnlineCopy {
  private OnlineCopy() {}

  /**
   * Writes the copy to {@code target} (replaced if present).
   *
   * @return the journal mode the application chose for the database ({@code wal}, {@code delete},
   *     …), to restore it in
   */
  static String copy(Path source, Path target) throws SQLException, IOException {
    try (Connection db = Sqlite.open(source)) {
      String journalMode = DatabaseInspector.pragma(db, "journal_mode");
      Files.deleteIfExists(target);
      try (PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
        vacuum.setString(1, target.toString());
        vacuum.execute();
      }
      return journalMode;
    }
  }
}
