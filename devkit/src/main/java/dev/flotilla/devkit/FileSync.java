package dev.flotilla.devkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync for files and directories, so a rename is durable. */
final class FileSync {
  private FileSync() {}

  static void file(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Best effort: some platforms (Windows) cannot open a directory to sync it. */
  static void directory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // the rename itself has happened; only its durability on power loss is weaker here
    }
  }
}
