package dev.flotilla.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes can still be written under a directory. Tests replace it to fake a full disk. */
@FunctionalInterface
public interface FreeSpaceProbe {
  long usableBytes(Path directory) throws IOException;

  /** The usable space of the file store holding the directory. */
  static FreeSpaceProbe fileStore() {
    return directory -> Files.getFileStore(directory).getUsableSpace();
  }
}
