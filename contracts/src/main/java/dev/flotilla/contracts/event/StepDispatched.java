package dev.flotilla.contracts.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * The coordinator sent {@code command}, in the same transaction as this event.
 *
 * @param carriedBy the command that carried this one to the worker (a migration carries its
 *     verification), recorded when that command's reply came: nothing was sent on its own. Null
 *     (schema 1) when the command was sent itself.
 */
public record StepDispatched(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    WorkerCommand command,
    CommandId carriedBy)
    implements RolloutEvent {
  public StepDispatched {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(command, "command");
  }

  /** A command sent on its own (schema 1). */
  public StepDispatched(
      MessageId messageId,
      RolloutId rolloutId,
      long sequence,
      MessageId causationId,
      Instant occurredAt,
      WorkerCommand command) {
    this(messageId, rolloutId, sequence, causationId, occurredAt, command, null);
  }

  /** Whether the command went to its worker's topic with this event (not inside another). */
  @JsonIgnore
  public boolean sentOnItsOwn() {
    return carriedBy == null;
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
