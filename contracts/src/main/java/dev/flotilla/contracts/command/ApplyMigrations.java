package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * Apply every pending version of {@code migrationSet} up to {@code targetVersion}. With {@code
 * dryRun} the worker rehearses on a copy of the database and leaves the device untouched.
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
    int targetVersion,
    boolean dryRun)
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
    Check.atLeast(targetVersion, 1, "targetVersion");
  }

  @Override
  public Step step() {
    return Step.MIGRATE;
  }
}
