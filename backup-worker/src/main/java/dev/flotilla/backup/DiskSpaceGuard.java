package dev.flotilla.backup;

import java.io.IOException;
import java.nio.file.Path;

/** Refuses to start work that would fill the disk, before it writes anything. */
final class DiskSpaceGuard {
  private final FreeSpaceProbe probe;

  DiskSpaceGuard(FreeSpaceProbe probe) {
    this.probe = probe;
  }

  void require(Path directory, long neededBytes, String purpose)
      throws IOException, StepFailedException {
    long usable = probe.usableBytes(directory);
    if (usable < neededBytes) {
      throw StepFailedException.infrastructure(
          "low-disk: "
              + purpose
              + " needs "
              + neededBytes
              + " bytes free in "
              + directory
              + " but only "
              + usable
              + " are");
    }
  }
}
