package dev.flotilla.contracts.request;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * The public entry point: "bring these devices to version {@code targetVersion} of {@code
 * migrationSet}". Published on {@code flotilla.update-requests}, keyed by rollout id. A request
 * written by hand may omit {@code messageId}, {@code occurredAt} and {@code policy}.
 */
public record UpdateRequest(
    RolloutId rolloutId,
    MigrationSetId migrationSet,
    VersionId targetVersion,
    Selector selector,
    RolloutPolicy policy,
    String requestedBy,
    MessageId messageId,
    Instant occurredAt)
    implements RolloutRequest {

  public UpdateRequest {
    Check.required(rolloutId, "rolloutId");
    Check.required(migrationSet, "migrationSet");
    Check.version(targetVersion, "targetVersion");
    Check.required(selector, "selector");
    policy = policy == null ? RolloutPolicy.DEFAULT : policy;
    requestedBy = Check.requester(requestedBy);
    // Hand-written requests carry no id or time; the rollout id is their idempotency key.
    messageId = messageId == null ? MessageId.random() : messageId;
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
  }
}
