package dev.flotilla.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations that survive a crash or a power cut: data is forced to disk before a rename makes
 * it visible, and the directory is forced after every change to its entries.
 */
final class DurableFiles {
  static final String TEMP_SUFFIX = ".tmp";

  private DurableFiles() {}

  static void fsync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Renames in one step (the target is replaced), then makes the rename itself durable. */
  static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(to.getParent());
    if (!from.getParent().equals(to.getParent())) {
      fsyncDirectory(from.getParent());
    }
  }

  /** Readers see either the old content or all of {@code bytes}, never a torn file. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = tempFor(target);
    try {
      Files.write(temp, bytes);
      fsync(temp);
      moveAtomically(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Where {@link #writeAtomically} writes before the rename: a dot name beside the target. */
  static Path tempFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
  }

  /** A copy whose bytes are on disk when this returns. */
  static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    fsync(to);
    fsyncDirectory(to.getParent());
  }

  /**
   * A second name for the same file when the file system allows it (no data written, no space
   * used), otherwise a durable copy.
   */
  static void linkOrCopy(Path existing, Path newName) throws IOException {
    try {
      Files.createLink(newName, existing);
      fsyncDirectory(newName.getParent());
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(newName)) {
        throw e;
      }
      copy(existing, newName);
    }
  }

  static void createDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    createDirectories(directory.getParent());
    Files.createDirectory(directory);
    fsyncDirectory(directory.getParent());
  }

  /** Deletes each file that exists, then makes the deletions durable. */
  static void deleteAll(Iterable<Path> files) throws IOException {
    for (Path file : files) {
      if (Files.deleteIfExists(file)) {
        fsyncDirectory(file.getParent());
      }
    }
  }

  static long sizeOrZero(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0L;
  }
}
