package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Instant;
import java.util.List;

/** An update request was valid: the rollout covers {@code devices} and starts now. */
public record RolloutAccepted(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    MigrationSetId migrationSet,
    VersionId targetVersion,
    List<DeviceId> devices,
    RolloutPolicy policy,
    String requestedBy)
    implements RolloutEvent {
  public RolloutAccepted {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(migrationSet, "migrationSet");
    Check.version(targetVersion, "targetVersion");
    devices = Check.list(devices, "devices");
    Check.required(policy, "policy");
    Check.notBlank(requestedBy, "requestedBy");
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
