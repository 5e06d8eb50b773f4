package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Carry on after a pause or a halt. */
public record ResumeRollout(
    RolloutId rolloutId, String requestedBy, MessageId messageId, Instant occurredAt)
    implements ControlCommand {
  public ResumeRollout {
    Check.required(rolloutId, "rolloutId");
    requestedBy = Check.requester(requestedBy);
    messageId = messageId == null ? MessageId.random() : messageId;
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
  }
}
