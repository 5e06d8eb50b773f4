package dev.flotilla.bench.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The few file operations the backup benches need around their measurements. */
final class WorkFiles {
  private WorkFiles() {}

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Empties {@code dir} (created if missing) and makes the deletions durable. */
  static Path emptyDir(Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    fsyncDirectory(dir.getParent());
    return dir;
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Reads the whole file, so its pages are in the page cache before a measurement: both the copy
   * and the backup then read a source that is hot, the same for each.
   */
  static long readThrough(Path file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    }
    return total;
  }
}
