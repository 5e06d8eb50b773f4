package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Put the device database back as it was in backup {@code backupId}, whose SHA-256 must match. */
public record RestoreBackup(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline,
    BackupId backupId,
    String sha256)
    implements WorkerCommand {
  public RestoreBackup {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
    Check.required(backupId, "backupId");
    Check.notBlank(sha256, "sha256");
  }

  @Override
  public Step step() {
    return Step.RESTORE;
  }
}
