package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.BackupChoice;
import java.time.Instant;

/**
 * Take a verified, checksummed backup of the device database before it is migrated, or (schema 2)
 * before an operator's restore replaces it.
 *
 * @param toRestore for an operator's restore, the backup it will put back: found and proved intact
 *     before this backup is taken, and named in the reply; a backup that cannot be restored fails
 *     this step with nothing touched. Null before a migration.
 */
public record TakeBackup(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    BackupChoice toRestore)
    implements WorkerCommand {
  public TakeBackup {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
  }

  /** A backup before a migration, as schema 1 wrote every one. */
  public TakeBackup(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline) {
    this(messageId, commandId, rolloutId, deviceId, causationId, occurredAt, deadline, null);
  }

  @Override
  public Step step() {
    return Step.BACKUP;
  }
}
