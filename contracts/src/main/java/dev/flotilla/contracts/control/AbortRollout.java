package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Stop the rollout for good: no new devices; those in flight finish or are compensated. */
public record AbortRollout(
    RolloutId rolloutId, String requestedBy, MessageId messageId, Instant occurredAt)
    implements ControlCommand {
  public AbortRollout {
    Check.required(rolloutId, "rolloutId");
    requestedBy = Check.requester(requestedBy);
    messageId = messageId == null ? MessageId.random() : messageId;
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
  }
}
