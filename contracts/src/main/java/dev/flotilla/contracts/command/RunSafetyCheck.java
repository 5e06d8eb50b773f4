package dev.flotilla.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * Is this device safe to migrate to {@code targetVersion} now, or (schema 4) to restore from a
 * backup? The reply lists every reason it is not.
 *
 * @param maxStateAgeSeconds how old the device's report of its own state may be and still count;
 *     null (schema 1) for the policy's default
 * @param adopt whether a database without Flotilla's history may be adopted at the version its
 *     schema proves (the rollout's {@code adoptExisting}); false fails such a database with {@code
 *     adoption-disabled}. Null (schemas 1 and 2) means true.
 * @param purpose the step the check clears the way for: {@code migrate} (the default, and all that
 *     schemas 1 to 3 asked), or {@code restore}, an operator's restore, which has no set or target:
 *     the device's state, its file and the disk are judged, not its versions
 */
public record RunSafetyCheck(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    MigrationSetId migrationSet,
    VersionId targetVersion,
    boolean requireReportedState,
    Integer maxStateAgeSeconds,
    Boolean adopt,
    Step purpose)
    implements WorkerCommand {
  public RunSafetyCheck {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    purpose = purpose == null ? Step.MIGRATE : purpose;
    if (purpose == Step.MIGRATE) {
      Check.required(migrationSet, "migrationSet");
      Check.version(targetVersion, "targetVersion");
    } else if (purpose != Step.RESTORE) {
      throw new InvalidMessageException("purpose", "is migrate or restore, not " + purpose);
    } else if (migrationSet != null || targetVersion != null) {
      throw new InvalidMessageException(
          "purpose", "a check before a restore names no migrationSet or targetVersion");
    }
    if (maxStateAgeSeconds != null) {
      Check.atLeast(maxStateAgeSeconds, 1, "maxStateAgeSeconds");
    }
  }

  /** A check before a migration, as schema 3 wrote every one. */
  public RunSafetyCheck(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean requireReportedState,
      Integer maxStateAgeSeconds,
      Boolean adopt) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        deadline,
        migrationSet,
        targetVersion,
        requireReportedState,
        maxStateAgeSeconds,
        adopt,
        null);
  }

  /** A check before an operator's restore: no set, no target, no adoption. */
  public static RunSafetyCheck beforeRestore(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      boolean requireReportedState,
      Integer maxStateAgeSeconds) {
    return new RunSafetyCheck(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        deadline,
        null,
        null,
        requireReportedState,
        maxStateAgeSeconds,
        null,
        Step.RESTORE);
  }

  /** A command of schema 2, adopting databases without Flotilla's history. */
  public RunSafetyCheck(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean requireReportedState,
      Integer maxStateAgeSeconds) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        deadline,
        migrationSet,
        targetVersion,
        requireReportedState,
        maxStateAgeSeconds,
        null);
  }

  /** A command of schema 1, leaving the age limit of device state to the default. */
  public RunSafetyCheck(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean requireReportedState) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        deadline,
        migrationSet,
        targetVersion,
        requireReportedState,
        null,
        null);
  }

  /** Whether the check clears the way for an operator's restore rather than a migration. */
  @JsonIgnore
  public boolean restoring() {
    return purpose == Step.RESTORE;
  }

  /** Whether a database without Flotilla's history may be adopted: unless the rollout said no. */
  @JsonIgnore
  public boolean adopting() {
    return adopt == null || adopt;
  }

  @Override
  public Step step() {
    return Step.SAFETY_CHECK;
  }
}
