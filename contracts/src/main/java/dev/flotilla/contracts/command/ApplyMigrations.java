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
 * Apply every pending version of {@code migrationSet} up to {@code targetVersion}. With {@code
 * dryRun} the worker rehearses on a copy of the database and leaves the device untouched.
 *
 * @param lockWaitSeconds how long to wait for the database's write lock while the device's
 *     application holds it, before giving up with {@code database-busy}, nothing applied; null
 *     (schema 1) for the worker's default
 * @param maxStateAgeSeconds how old the device's report of its own state may be when the migration
 *     starts: the step checks that state again just before it begins, and a device that is no
 *     longer safe (driving, busy, or its state too old) is left untouched with {@code
 *     unsafe-device-state}; null (schemas 1 and 2) for the policy's default
 * @param adopt whether a database without Flotilla's history is adopted at the version its schema
 *     proves, found again when the migration begins, with the versions up to it recorded in the
 *     migration's transaction; false migrates it from version 0 as before. Null (schemas 1 to 3)
 *     means true.
 * @param verifyAfter the saga's next step, carried along: once the versions are applied, the worker
 *     runs this verification at once and sends both replies in one transaction, saving the saga a
 *     round trip through the coordinator. Null (schemas 1 to 4, dry runs) for a migration alone.
 */
public record ApplyMigrations(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    MigrationSetId migrationSet,
    VersionId targetVersion,
    boolean dryRun,
    Integer lockWaitSeconds,
    Integer maxStateAgeSeconds,
    Boolean adopt,
    VerifyMigration verifyAfter)
    implements WorkerCommand {
  public ApplyMigrations {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    Check.required(migrationSet, "migrationSet");
    Check.version(targetVersion, "targetVersion");
    if (lockWaitSeconds != null) {
      Check.atLeast(lockWaitSeconds, 1, "lockWaitSeconds");
    }
    if (maxStateAgeSeconds != null) {
      Check.atLeast(maxStateAgeSeconds, 1, "maxStateAgeSeconds");
    }
    if (verifyAfter != null && (dryRun || !verifyAfter.deviceId().equals(deviceId))) {
      throw new IllegalArgumentException(
          "verifyAfter: only a migration that changes the device carries its own verification");
    }
  }

  /** A command of schema 4, a migration alone. */
  public ApplyMigrations(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean dryRun,
      Integer lockWaitSeconds,
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
        dryRun,
        lockWaitSeconds,
        maxStateAgeSeconds,
        adopt,
        null);
  }

  /** A command of schema 3, adopting databases without Flotilla's history. */
  public ApplyMigrations(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean dryRun,
      Integer lockWaitSeconds,
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
        dryRun,
        lockWaitSeconds,
        maxStateAgeSeconds,
        null);
  }

  /** A command of schema 2, leaving the age limit of device state to the default. */
  public ApplyMigrations(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean dryRun,
      Integer lockWaitSeconds) {
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
        dryRun,
        lockWaitSeconds,
        null,
        null);
  }

  /** A command of schema 1, leaving the lock wait to the worker. */
  public ApplyMigrations(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion,
      boolean dryRun) {
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
        dryRun,
        null,
        null,
        null);
  }

  /** Whether a database without Flotilla's history is adopted: unless the rollout said no. */
  @JsonIgnore
  public boolean adopting() {
    return adopt == null || adopt;
  }

  @Override
  public Step step() {
    return Step.MIGRATE;
  }
}
