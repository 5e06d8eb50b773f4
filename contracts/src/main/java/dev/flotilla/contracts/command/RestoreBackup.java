package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * Put the device database back as it was in backup {@code backupId}, whose SHA-256 must match.
 * Nothing the application wrote may be thrown away: writes since the backup that holds the database
 * as it is now refuse the restore.
 *
 * @param replacedStateBackupId the backup that holds the database as it is now (schema 2): an
 *     operator's restore has just taken it, so the restore is judged against it and may go back
 *     past the application's writes, which that backup keeps. Null for a saga's restore after a
 *     failed migration, whose own backup {@code backupId} is also the state to keep.
 */
public record RestoreBackup(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    BackupId backupId,
    String sha256,
    BackupId replacedStateBackupId)
    implements WorkerCommand {
  public RestoreBackup {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    Check.required(backupId, "backupId");
    Check.notBlank(sha256, "sha256");
  }

  /** A restore after a failed migration, as schema 1 wrote every one. */
  public RestoreBackup(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      BackupId backupId,
      String sha256) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        deadline,
        backupId,
        sha256,
        null);
  }

  @Override
  public Step step() {
    return Step.RESTORE;
  }
}
