package dev.flotilla.contracts.request;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * An operator's restore: "put the database of {@code deviceId} back as it was in backup {@code
 * backupId}". The coordinator runs it as a rollout of that one device: the safety check a migration
 * gets, then a fresh verified backup of the database as it is (so nothing the application wrote is
 * lost), then the restore. Published on {@code flotilla.update-requests}, keyed by rollout id, like
 * an {@link UpdateRequest}. A request written by hand may omit {@code messageId}, {@code
 * occurredAt}, {@code policy} and {@code backupId}.
 *
 * @param backupId the backup to put back; null for the device's newest intact backup made before
 *     the request was accepted
 */
public record RestoreRequest(
    RolloutId rolloutId,
    DeviceId deviceId,
    BackupId backupId,
    RestorePolicy policy,
    String requestedBy,
    MessageId messageId,
    Instant occurredAt)
    implements RolloutRequest {

  public RestoreRequest {
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    policy = policy == null ? RestorePolicy.DEFAULT : policy;
    requestedBy = Check.requester(requestedBy);
    // Hand-written requests carry no id or time; the rollout id is their idempotency key.
    messageId = messageId == null ? MessageId.random() : messageId;
    occurredAt = occurredAt == null ? Instant.now() : occurredAt;
  }
}
