package dev.flotilla.migration.step;

/**
 * What a dry run measured on its copy, and what that predicts for the device.
 *
 * @param deviceBytes the device's database now: main file plus WAL
 * @param copyBytesBefore the pages of the copy before migrating
 * @param copyBytesAfter the pages of the copy once migrated
 * @param walPeakBytes the size the copy's WAL reached while migrating
 */
record RehearsalSizes(
    long deviceBytes, long copyBytesBefore, long copyBytesAfter, long walPeakBytes) {
  RehearsalSizes {
    if (deviceBytes < 0 || copyBytesBefore < 0 || copyBytesAfter < 0 || walPeakBytes < 0) {
      throw new IllegalArgumentException("sizes cannot be negative: " + this);
    }
  }

  /** How much the migration grew (or shrank) the database. */
  long growthBytes() {
    return copyBytesAfter - copyBytesBefore;
  }

  /** The device's size once migrated: its size now, changed as much as the copy changed. */
  long sizeAfterBytes() {
    return Math.max(0, deviceBytes + growthBytes());
  }

  /**
   * The free disk a real run needs next to the device:
   *
   * <pre>
   *   diskNeeded = deviceBytes                 the backup taken before migrating
   *              + walPeakBytes                the WAL the migration writes
   *              + max(0, growthBytes)         the main file growing at the checkpoint
   * </pre>
   *
   * A backup copies the database page for page, so it never exceeds the main file plus the WAL.
   * Every page the migration changes is written to the WAL first, and the WAL keeps that size until
   * its last connection closes, so the main file grows at the checkpoint while the WAL is still
   * there. The growth is measured on a compact copy: an upper bound, as free pages in the device's
   * file absorb some of it. SQLite's temporary files (sorting for an index, a {@code VACUUM}'s
   * temporary database) go to the temporary directory and are not counted.
   */
  long diskNeededBytes() {
    return deviceBytes + walPeakBytes + Math.max(0, growthBytes());
  }
}
