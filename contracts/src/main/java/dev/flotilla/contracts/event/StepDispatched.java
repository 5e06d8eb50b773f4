package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** The coordinator sent {@code command}, in the same transaction as this event. */
public record StepDispatched(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    WorkerCommand command)
    implements RolloutEvent {
  public StepDispatched {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(command, "command");
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
