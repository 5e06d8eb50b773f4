package dev.flotilla.contracts.request;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.BackupId;
import java.time.Instant;

/**
 * Which backup an operator's restore puts back: {@code backupId}, or when it is null the device's
 * newest intact backup made before {@code madeBefore} (never the backup the restore itself takes of
 * the database as it is).
 *
 * @param madeBefore when the restore was accepted
 */
public record BackupChoice(BackupId backupId, Instant madeBefore) {
  public BackupChoice {
    Check.required(madeBefore, "madeBefore");
  }
}
