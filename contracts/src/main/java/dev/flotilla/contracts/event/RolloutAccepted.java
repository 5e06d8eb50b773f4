package dev.flotilla.contracts.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.BackupChoice;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A request was valid: the rollout covers {@code devices} and starts now. A migration names its set
 * and target version; an operator's restore (schema 5) names neither, covers one device, and says
 * in {@code restore} which backup it puts back.
 *
 * @param restore for an operator's restore, the backup to put back; null for a migration
 */
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
    String requestedBy,
    BackupChoice restore)
    implements RolloutEvent {
  public RolloutAccepted {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    devices = Check.list(devices, "devices");
    if (restore == null) {
      Check.required(migrationSet, "migrationSet");
      Check.version(targetVersion, "targetVersion");
    } else if (migrationSet != null || targetVersion != null) {
      throw new InvalidMessageException(
          "restore", "a restore names no migrationSet or targetVersion");
    } else if (devices.size() != 1) {
      throw new InvalidMessageException("devices", "a restore covers exactly one device");
    }
    Check.required(policy, "policy");
    Check.notBlank(requestedBy, "requestedBy");
  }

  /** A migration's acceptance, as schemas 1 to 4 wrote every one. */
  public RolloutAccepted(
      MessageId messageId,
      RolloutId rolloutId,
      long sequence,
      MessageId causationId,
      Instant occurredAt,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      List<DeviceId> devices,
      RolloutPolicy policy,
      String requestedBy) {
    this(
        messageId,
        rolloutId,
        sequence,
        causationId,
        occurredAt,
        migrationSet,
        targetVersion,
        devices,
        policy,
        requestedBy,
        null);
  }

  /** An operator's restore rather than a migration. */
  @JsonIgnore
  public boolean restoring() {
    return restore != null;
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
