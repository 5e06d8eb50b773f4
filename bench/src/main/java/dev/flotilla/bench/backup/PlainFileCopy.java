package dev.flotilla.bench.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The peer: what an operator's script does to back a database file up, a plain copy forced to disk
 * ({@code Files.copy}, which Linux serves in the kernel, then {@code fsync}). It is not a safe
 * backup of a database in use (no snapshot, the WAL left out); here the source is not in use.
 */
final class PlainFileCopy {
  private PlainFileCopy() {}

  static void copy(Path source, Path target) throws IOException {
    Files.copy(source, target);
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
