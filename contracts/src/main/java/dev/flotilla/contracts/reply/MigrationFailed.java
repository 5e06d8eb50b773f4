package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * Applying the migrations failed; {@code versionNow} is what the database holds afterwards.
 *
 * @param restoreRequired true when the failure was found after changes were committed that no undo
 *     script can be trusted to reverse (a no-transaction script that lost rows or broke foreign
 *     keys): the device must be restored from its backup, not rolled back. False in schema 1.
 */
public record MigrationFailed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    VersionId versionNow,
    VersionId failedVersion,
    Failure failure,
    Boolean restoreRequired)
    implements MigrateResult {
  public MigrationFailed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(versionNow, "versionNow");
    Check.required(failure, "failure");
    restoreRequired = Boolean.TRUE.equals(restoreRequired);
  }

  @Override
  public <R> R accept(WorkerReply.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  /** A failure that left nothing for the backup to undo: rolling back is enough. */
  public MigrationFailed(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      VersionId versionNow,
      VersionId failedVersion,
      Failure failure) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        versionNow,
        failedVersion,
        failure,
        false);
  }

  @Override
  public boolean succeeded() {
    return false;
  }
}
