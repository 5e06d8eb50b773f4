package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.OnThreshold;
import java.time.Instant;

/**
 * The failure rate passed the policy's threshold. With {@code onThreshold} halt, the rollout waits
 * for an operator; with rollback, the devices already migrated are rolled back and the rollout
 * ends.
 */
public record RolloutHalted(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    double failureRate,
    double threshold,
    OnThreshold onThreshold)
    implements RolloutEvent {
  public RolloutHalted {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(onThreshold, "onThreshold");
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
