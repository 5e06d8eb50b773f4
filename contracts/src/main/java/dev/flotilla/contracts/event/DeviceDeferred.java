package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.List;

/**
 * A device must wait, for transient reasons only, and goes on at {@code retryAt}: it was not safe
 * to migrate (driving, its database busy), or a step that is safe to repeat failed for reasons of
 * its surroundings (an I/O error, a lock held past its wait).
 *
 * @param retryStep the step it takes up again: null (and in schema 1) to start over from its safety
 *     check, {@code VERIFY} or {@code RESTORE} to repeat that step
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
    Instant retryAt,
    Step retryStep)
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

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  /** A deferral of schema 1: the device starts over from its safety check. */
  public DeviceDeferred(
      MessageId messageId,
      RolloutId rolloutId,
      long sequence,
      MessageId causationId,
      Instant occurredAt,
      DeviceId deviceId,
      List<String> reasons,
      int attempt,
      Instant retryAt) {
    this(
        messageId,
        rolloutId,
        sequence,
        causationId,
        occurredAt,
        deviceId,
        reasons,
        attempt,
        retryAt,
        null);
  }
}
