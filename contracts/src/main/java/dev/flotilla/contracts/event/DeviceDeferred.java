package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.List;

/**
 * A device was not safe to migrate for transient reasons only; it is checked again at {@code
 * retryAt}.
 */
public record DeviceDeferred(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    DeviceId deviceId,
    List<String> reasons,
    int attempt,
    Instant retryAt)
    implements RolloutEvent {
  public DeviceDeferred {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deviceId, "deviceId");
    reasons = Check.nonEmptyList(reasons, "reasons");
    Check.atLeast(attempt, 1, "attempt");
    Check.required(retryAt, "retryAt");
  }
}
