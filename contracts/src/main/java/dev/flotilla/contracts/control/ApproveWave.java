package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Let wave {@code wave} (1-based) of a rollout that waits for approval start. */
public record ApproveWave(
    RolloutId rolloutId, int wave, String requestedBy, MessageId messageId, Instant occurredAt)
    implements ControlCommand {
  public ApproveWave {
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(wave, 1, "wave");
    requestedBy = Check.requester(requestedBy);
    messageId = messageId == null ? MessageId.random() : messageId;
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
  }
}
