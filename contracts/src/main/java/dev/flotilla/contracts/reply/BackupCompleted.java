package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** A backup was written, checksummed, renamed into place and test-restored. */
public record BackupCompleted(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    BackupId backupId,
    String sha256,
    long sizeBytes,
    int sourceVersion)
    implements BackupResult {
  public BackupCompleted {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(backupId, "backupId");
    Check.notBlank(sha256, "sha256");
    Check.atLeast(sizeBytes, 0, "sizeBytes");
    Check.atLeast(sourceVersion, 0, "sourceVersion");
  }

  @Override
  public boolean succeeded() {
    return true;
  }
}
