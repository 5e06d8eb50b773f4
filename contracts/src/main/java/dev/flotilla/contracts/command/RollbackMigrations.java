package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Undo the versions above {@code toVersion} with the set's undo scripts. */
public record RollbackMigrations(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    MigrationSetId migrationSet,
    VersionId toVersion)
    implements WorkerCommand {
  public RollbackMigrations {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    Check.required(migrationSet, "migrationSet");
    Check.required(toVersion, "toVersion");
  }

  @Override
  public Step step() {
    return Step.ROLLBACK;
  }
}
