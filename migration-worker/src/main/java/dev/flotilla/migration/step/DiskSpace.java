package dev.flotilla.migration.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes can still be written next to a file. */
@FunctionalInterface
public interface DiskSpace {
  long usableBytes(Path file) throws IOException;

  /** What the file system holding the file says. */
  static DiskSpace ofFileStore() {
    return file -> Files.getFileStore(file).getUsableSpace();
  }
}
