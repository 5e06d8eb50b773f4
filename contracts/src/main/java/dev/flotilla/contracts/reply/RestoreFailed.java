package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** The restore failed; the database file is what it was before the restore began. */
public record RestoreFailed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    BackupId backupId,
    Failure failure)
    implements RestoreResult {
  public RestoreFailed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(backupId, "backupId");
    Check.required(failure, "failure");
  }

  @Override
  public <R> R accept(WorkerReply.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  @Override
  public boolean succeeded() {
    return false;
  }
}
