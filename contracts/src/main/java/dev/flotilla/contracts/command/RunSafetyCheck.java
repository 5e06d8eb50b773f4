package dev.flotilla.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * Is this device safe to migrate to {@code targetVersion} now? The reply lists every reason it is
 * not.
 *
 * @param maxStateAgeSeconds how old the device's report of its own state may be and still count;
 *     null (schema 1) for the policy's default
 * @param adopt whether a database without Flotilla's history may be adopted at the version its
 *     schema proves (the rollout's {@code adoptExisting}); false fails such a database with {@code
 *     adoption-disabled}. Null (schemas 1 and 2) means true.
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
    Boolean adopt)
    implements WorkerCommand {
  public RunSafetyCheck {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    Check.required(migrationSet, "migrationSet");
    Check.version(targetVersion, "targetVersion");
    if (maxStateAgeSeconds != null) {
      Check.atLeast(maxStateAgeSeconds, 1, "maxStateAgeSeconds");
    }
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
