package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.RowBaseline;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * Check that the device database is sound, has exactly the schema of {@code targetVersion}, and
 * kept its rows.
 *
 * @param rowBaseline the rows the device held before the migration (its backup's counts): a table
 *     with fewer rows now fails verification unless a script between the baseline's version and the
 *     target declared the loss. Null when unknown (schema 1 commands, backups without counts).
 */
public record VerifyMigration(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    MigrationSetId migrationSet,
    VersionId targetVersion,
    RowBaseline rowBaseline)
    implements WorkerCommand {
  public VerifyMigration {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    Check.required(migrationSet, "migrationSet");
    Check.version(targetVersion, "targetVersion");
  }

  /** A command of schema 1, without a row baseline. */
  public VerifyMigration(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      Instant deadline,
      MigrationSetId migrationSet,
      VersionId targetVersion) {
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
        null);
  }

  @Override
  public Step step() {
    return Step.VERIFY;
  }
}
