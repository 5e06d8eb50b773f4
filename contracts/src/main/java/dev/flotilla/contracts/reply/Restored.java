package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * The database was replaced by the verified contents of {@code backupId}.
 *
 * @param replacedStateBackupId the backup that keeps the database this restore replaced (schema 2;
 *     an operator's restore); null when the replaced state was a failed migration's
 */
public record Restored(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    BackupId backupId,
    VersionId version,
    BackupId replacedStateBackupId)
    implements RestoreResult {
  public Restored {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(backupId, "backupId");
    Check.required(version, "version");
  }

  /** A restore after a failed migration, as schema 1 wrote every one. */
  public Restored(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      BackupId backupId,
      VersionId version) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        backupId,
        version,
        null);
  }

  @Override
  public <R> R accept(WorkerReply.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  @Override
  public boolean succeeded() {
    return true;
  }
}
