package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** No usable backup was made; the device database was not touched. */
public record BackupFailed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Failure failure)
    implements BackupResult {
  public BackupFailed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
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
