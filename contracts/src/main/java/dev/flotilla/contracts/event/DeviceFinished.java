package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.List;

/**
 * A device saga ended in {@code outcome}. {@code backupId} names the backup that holds its data, if
 * one was taken.
 */
public record DeviceFinished(
    MessageId messageId,
    RolloutId rolloutId,
    long sequence,
    MessageId causationId,
    Instant occurredAt,
    DeviceId deviceId,
    DeviceOutcome outcome,
    VersionId version,
    BackupId backupId,
    List<String> reasons)
    implements RolloutEvent {
  public DeviceFinished {
    Check.required(messageId, "messageId");
    Check.required(rolloutId, "rolloutId");
    Check.atLeast(sequence, 1, "sequence");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deviceId, "deviceId");
    Check.required(outcome, "outcome");
    reasons = Check.list(reasons, "reasons");
  }

  @Override
  public <R> R accept(RolloutEvent.Visitor<R> visitor) {
    return visitor.visit(this);
  }
}
