package dev.flotilla.backup;

import dev.flotilla.contracts.id.BackupId;
import java.util.Optional;

/**
 * The outcome of re-checking one stored backup against its manifest.
 *
 * @param manifest the manifest, when one could be read
 * @param detail what was found, in words
 */
public record BackupVerification(
    BackupId backupId, Status status, Optional<BackupManifest> manifest, String detail) {
  public enum Status {
    /** The file exists and its size and SHA-256 are those of the manifest. */
    INTACT,
    /** The file differs from its manifest, or the manifest cannot be read. */
    DAMAGED,
    /** A manifest without its file, or a file without its manifest (an unfinished backup). */
    INCOMPLETE,
    NOT_FOUND
  }

  public boolean intact() {
    return status == Status.INTACT;
  }
}
