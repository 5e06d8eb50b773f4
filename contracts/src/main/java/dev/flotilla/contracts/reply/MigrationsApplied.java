package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.List;

/**
 * The device reached the target: every pending version was applied and recorded in the device's
 * history table or, for an operator's downgrade, every version above the target was undone with its
 * undo script and forgotten.
 *
 * @param revertedVersions the versions a downgrade undid, highest first; then {@code toVersion} is
 *     below {@code fromVersion} and nothing was applied. Empty (schemas 1 and 2) otherwise
 * @param lockWindowMillis how long the migration held the database's write lock, during which the
 *     device's application could not commit (its writes waited, then landed); null in schema 1
 */
public record MigrationsApplied(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    VersionId fromVersion,
    VersionId toVersion,
    List<VersionId> appliedVersions,
    long durationMillis,
    Long lockWindowMillis,
    List<VersionId> revertedVersions)
    implements MigrateResult {
  public MigrationsApplied {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(fromVersion, "fromVersion");
    Check.required(toVersion, "toVersion");
    revertedVersions = Check.list(revertedVersions, "revertedVersions");
    if (toVersion.isBefore(fromVersion) && revertedVersions.isEmpty()) {
      throw new InvalidMessageException(
          "toVersion", "must not be below fromVersion " + fromVersion + " but was " + toVersion);
    }
    appliedVersions = Check.list(appliedVersions, "appliedVersions");
    Check.atLeast(durationMillis, 0, "durationMillis");
    if (lockWindowMillis != null) {
      Check.atLeast(lockWindowMillis, 0, "lockWindowMillis");
    }
  }

  @Override
  public <R> R accept(WorkerReply.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  /** A reply of schema 2: versions applied, none undone. */
  public MigrationsApplied(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      VersionId fromVersion,
      VersionId toVersion,
      List<VersionId> appliedVersions,
      long durationMillis,
      Long lockWindowMillis) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        fromVersion,
        toVersion,
        appliedVersions,
        durationMillis,
        lockWindowMillis,
        List.of());
  }

  /** Whether this was an operator's downgrade. */
  public boolean downgrade() {
    return !revertedVersions.isEmpty();
  }

  /** A reply of schema 1, which did not measure the lock window. */
  public MigrationsApplied(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      VersionId fromVersion,
      VersionId toVersion,
      List<VersionId> appliedVersions,
      long durationMillis) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        fromVersion,
        toVersion,
        appliedVersions,
        durationMillis,
        null,
        List.of());
  }

  @Override
  public boolean succeeded() {
    return true;
  }
}
