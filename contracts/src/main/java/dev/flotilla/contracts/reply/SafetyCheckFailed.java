package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.List;

/** The device is not safe to migrate now, for every one of {@code reasons}. */
public record SafetyCheckFailed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    List<SafetyReason> reasons)
    implements SafetyCheckResult {
  public SafetyCheckFailed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    reasons = Check.nonEmptyList(reasons, "reasons");
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
