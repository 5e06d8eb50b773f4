package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.BackupId;
import java.time.Instant;

/**
 * The backup an operator's restore will put back, as the backup worker found it before it touched
 * anything: its manifest present and its bytes hashing to the manifest's SHA-256.
 *
 * @param version the schema version the backup holds, the device's version once restored
 * @param createdAt when the backup was taken
 */
public record ChosenBackup(BackupId backupId, String sha256, VersionId version, Instant createdAt) {
  public ChosenBackup {
    Check.required(backupId, "backupId");
    Check.notBlank(sha256, "sha256");
    Check.required(version, "version");
    Check.required(createdAt, "createdAt");
  }
}
