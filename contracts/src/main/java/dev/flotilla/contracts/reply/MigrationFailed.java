package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/** Applying the migrations failed; {@code versionNow} is what the database holds afterwards. */
public record MigrationFailed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    int versionNow,
    Integer failedVersion,
    Failure failure)
    implements MigrateResult {
  public MigrationFailed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.atLeast(versionNow, 0, "versionNow");
    Check.required(failure, "failure");
  }

  @Override
  public boolean succeeded() {
    return false;
  }
}
