package dev.flotilla.contracts.command;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Take a verified, checksummed backup of the device database before it is migrated. */
public record TakeBackup(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    Instant deadline)
    implements WorkerCommand {
  public TakeBackup {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deadline, "deadline");
  }

  @Override
  public Step step() {
    return Step.BACKUP;
  }
}
