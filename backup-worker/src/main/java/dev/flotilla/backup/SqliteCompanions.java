package dev.flotilla.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files SQLite keeps beside a database: its write-ahead log, WAL index and rollback journal.
 */
final class SqliteCompanions {
  static final String WAL = "-wal";
  static final String SHM = "-shm";
  static final String JOURNAL = "-journal";

  private SqliteCompanions() {}

  static Path wal(Path database) {
    return withSuffix(database, WAL);
  }

  static Path shm(Path database) {
    return withSuffix(database, SHM);
  }

  static Path journal(Path database) {
    return withSuffix(database, JOURNAL);
  }

  static List<Path> all(Path database) {
    return List.of(wal(database), shm(database), journal(database));
  }

  /** Each database followed by its companions, in a list the caller may add to. */
  static List<Path> withCompanions(Path... databases) {
    List<Path> files = new ArrayList<>();
    for (Path database : databases) {
      files.add(database);
      files.addAll(all(database));
    }
    return files;
  }

  /** The database file name a companion's name belongs to; any other name as it is. */
  static String databaseNameOf(String fileName) {
    for (String suffix : List.of(WAL, SHM, JOURNAL)) {
      if (fileName.endsWith(suffix)) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return fileName;
  }

  static Path withSuffix(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }
}
