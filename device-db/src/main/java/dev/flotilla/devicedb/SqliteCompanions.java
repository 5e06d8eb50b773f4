package dev.flotilla.devicedb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files SQLite keeps beside a database: its write-ahead log ({@code -wal}), WAL index ({@code
 * -shm}) and rollback journal ({@code -journal}). Whoever moves, copies or deletes a database file
 * must treat them with it: SQLite replays a {@code -wal} or hot {@code -journal} into whatever file
 * carries the matching name.
 */
public final class SqliteCompanions {
  public static final String WAL = "-wal";
  public static final String SHM = "-shm";
  public static final String JOURNAL = "-journal";

  private static final List<String> SUFFIXES = List.of(WAL, SHM, JOURNAL);

  private SqliteCompanions() {}

  public static Path wal(Path database) {
    return withSuffix(database, WAL);
  }

  public static Path shm(Path database) {
    return withSuffix(database, SHM);
  }

  public static Path journal(Path database) {
    return withSuffix(database, JOURNAL);
  }

  /** The three companions of {@code database}, whether they exist or not. */
  public static List<Path> all(Path database) {
    return List.of(wal(database), shm(database), journal(database));
  }

  /** Each database followed by its companions, in a list the caller may add to. */
  public static List<Path> withCompanions(Path... databases) {
    List<Path> files = new ArrayList<>();
    for (Path database : databases) {
      files.add(database);
      files.addAll(all(database));
    }
    return files;
  }

  /** The database file name a companion's name belongs to; any other name as it is. */
  public static String databaseNameOf(String fileName) {
    for (String suffix : SUFFIXES) {
      if (fileName.endsWith(suffix)) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return fileName;
  }

  /** The companion of {@code database} with {@code suffix}, one of {@link #WAL} and the others. */
  public static Path withSuffix(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }
}
