package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.List;

/**
 * An update request that could not be read, yet named its rollout: reject that rollout for {@code
 * reasons}, so the user finds out why where they look (status, the API, the event log), not only on
 * the dead-letter topic. Published by the coordinator that read the bad record, keyed by the
 * rollout id, so the rollout's own coordinator decides; a rollout already accepted is not affected.
 *
 * @param requestedBy who sent the bad request, when it said so
 */
public record RejectRequest(
    RolloutId rolloutId,
    List<String> reasons,
    String requestedBy,
    MessageId messageId,
    Instant occurredAt)
    implements ControlCommand {
  public RejectRequest {
    Check.required(rolloutId, "rolloutId");
    reasons = Check.nonEmptyList(reasons, "reasons");
    requestedBy = Check.requester(requestedBy);
    Check.required(messageId, "messageId");
    Check.required(occurredAt, "occurredAt");
  }
}
