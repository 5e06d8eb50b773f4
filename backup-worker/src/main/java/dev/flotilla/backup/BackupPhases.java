package dev.flotilla.backup;

/**
 * How long the phases of one backup took, in nanoseconds. Syncing, hashing and checking the copy
 * run at the same time, so {@code proveNanos} (their wall time) is less than their sum.
 *
 * @param bytes the size of the copy
 * @param copyNanos the online copy of the snapshot
 * @param proveNanos from the end of the copy until it was synced, hashed and checked
 * @param syncNanos forcing the copy to disk
 * @param hashNanos its SHA-256
 * @param checkNanos SQLite's checks of the copy and the facts read from it
 * @param publishNanos the atomic rename and the manifest, both made durable
 */
public record BackupPhases(
    long bytes,
    long copyNanos,
    long proveNanos,
    long syncNanos,
    long hashNanos,
    long checkNanos,
    long publishNanos) {
  public long totalNanos() {
    return copyNanos + proveNanos + publishNanos;
  }
}
