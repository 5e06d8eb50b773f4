package dev.flotilla.devicedb;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The owner, group and permissions of a device database, which every file Flotilla writes at the
 * device's place must get too: the application runs as its own user and the workers often as
 * another (root in a container), and a restored database or a {@code -wal} owned by the workers'
 * user, with its default mode, is one the application can no longer open or write. Numeric ids, so
 * an owner needs no entry in the workers' {@code /etc/passwd}.
 */
public record FileOwnership(int uid, int gid, Set<PosixFilePermission> mode) {
  public FileOwnership {
    mode = Set.copyOf(mode);
  }

  /** The ownership of {@code file}, a link followed; empty where the file system has none. */
  public static Optional<FileOwnership> of(Path file) throws IOException {
    try {
      return Optional.of(
          new FileOwnership(
              (Integer) Files.getAttribute(file, "unix:uid"),
              (Integer) Files.getAttribute(file, "unix:gid"),
              Files.getPosixFilePermissions(file)));
    } catch (UnsupportedOperationException | IllegalArgumentException notPosix) {
      return Optional.empty();
    }
  }

  /**
   * Gives {@code file} this group, mode and owner, changing only what differs. A worker that is in
   * the group but not the owner cannot give away a file it created; when the group may read and
   * write, that is enough for the application, and the file keeps the worker as its owner.
   */
  public void applyTo(Path file) throws IOException {
    if ((Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS) != gid) {
      Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
    if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
      Files.setPosixFilePermissions(file, mode);
    }
    if ((Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) {
      try {
        Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      } catch (FileSystemException notPermitted) {
        if (!groupCanReadAndWrite()) {
          throw notPermitted;
        }
      }
    }
  }

  /**
   * Gives the companions that exist beside {@code database} (a {@code -wal} or {@code -shm} a
   * connection of the workers created) the database's ownership. SQLite does so itself when it runs
   * as root; this holds whatever SQLite build or user the workers run with.
   */
  public static void alignCompanions(Path database) throws IOException {
    Optional<FileOwnership> ownership =
        Files.isRegularFile(database) ? of(database) : Optional.empty();
    if (ownership.isEmpty()) {
      return;
    }
    for (Path companion : SqliteCompanions.all(database)) {
      if (Files.isRegularFile(companion, LinkOption.NOFOLLOW_LINKS)) {
        ownership.get().applyTo(companion);
      }
    }
  }

  public boolean groupCanReadAndWrite() {
    return mode.contains(PosixFilePermission.GROUP_READ)
        && mode.contains(PosixFilePermission.GROUP_WRITE);
  }

  /** {@code uid 1000, gid 1000, rw-------}. */
  @Override
  public String toString() {
    return "uid " + uid + ", gid " + gid + ", " + PosixFilePermissions.toString(mode);
  }
}
