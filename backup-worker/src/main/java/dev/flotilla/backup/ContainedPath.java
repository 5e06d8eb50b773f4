package dev.flotilla.backup;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves one file name under a directory and refuses any result that is not a direct child of it.
 * Ids are shape-checked by their records already; this is the second lock on the same door, and it
 * also refuses symbolic links, which could redirect a write or a rename anywhere.
 */
final class ContainedPath {
  private ContainedPath() {}

  static Path child(Path directory, String name) {
    Path base = directory.toAbsolutePath().normalize();
    Path candidate = base.resolve(name).normalize();
    if (name.isEmpty() || !base.equals(candidate.getParent())) {
      throw new UnsafePathException("'" + name + "' would leave " + base);
    }
    if (Files.isSymbolicLink(candidate)) {
      throw new UnsafePathException(candidate + " is a symbolic link");
    }
    return candidate;
  }
}
