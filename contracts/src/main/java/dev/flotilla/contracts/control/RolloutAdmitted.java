package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * A rollout was accepted where requests are judged ({@code flotilla.admissions}), and its {@code
 * accepted} event is already on {@code flotilla.events}: the rollout's own coordinator takes it
 * from here and starts its first wave. Published by a coordinator, keyed by the rollout id, in the
 * transaction that wrote the event; never by an operator.
 */
public record RolloutAdmitted(RolloutAccepted accepted, MessageId messageId, Instant occurredAt)
    implements ControlCommand {
  public RolloutAdmitted {
    Check.required(accepted, "accepted");
    Check.required(messageId, "messageId");
    Check.required(occurredAt, "occurredAt");
  }

  /** Derived from the event it announces: a retried admission announces it under the same id. */
  public static RolloutAdmitted of(RolloutAccepted accepted, Instant at) {
    return new RolloutAdmitted(
        accepted, MessageId.derivedFrom("admitted:" + accepted.messageId()), at);
  }

  @Override
  public RolloutId rolloutId() {
    return accepted.rolloutId();
  }

  @Override
  public String requestedBy() {
    return accepted.requestedBy();
  }
}
