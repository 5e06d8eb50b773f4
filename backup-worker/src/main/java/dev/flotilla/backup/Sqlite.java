package dev.flotilla.backup;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** Opens connections to existing SQLite files; never creates one by accident. */
final class Sqlite {
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private Sqlite() {}

  static Connection open(Path file) throws SQLException, NoSuchFileException {
    return open(file, false);
  }

  /** A connection that cannot write the file (nor checkpoint its WAL). */
  static Connection openReadOnly(Path file) throws SQLException, NoSuchFileException {
    return open(file, true);
  }

  private static Connection open(Path file, boolean readOnly)
      throws SQLException, NoSuchFileException {
    if (!file.toFile().isFile()) {
      throw new NoSuchFileException(file.toString(), null, "no database file");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return config.createConnection("jdbc:sqlite:" + file);
  }
}
