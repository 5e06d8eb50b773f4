package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * An operator's control command could not apply (e.g. approving a wave that is not waiting);
 * nothing changed.
 */
public record ControlRefused(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    String command,
    String reason,
    String requestedBy)
    implements RolloutEvent {
  public ControlRefused {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.notBlank(command, "command");
    Check.notBlank(reason, "reason");
    Check.notBlank(requestedBy, "requestedBy");
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
