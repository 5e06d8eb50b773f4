package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;

/**
 * A dry run: the pending versions were applied to a copy of the database and the copy verified; the
 * device itself was not touched.
 *
 * @param diskNeededBytes free space the real run needs on the device (backup and the copy SQLite
 *     makes while migrating)
 */
public record MigrationRehearsed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    VersionId fromVersion,
    VersionId toVersion,
    long durationMillis,
    long sizeBeforeBytes,
    long sizeAfterBytes,
    long diskNeededBytes)
    implements MigrateResult {
  public MigrationRehearsed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(fromVersion, "fromVersion");
    Check.required(toVersion, "toVersion");
    if (toVersion.isBefore(fromVersion)) {
      throw new InvalidMessageException(
          "toVersion", "must not be below fromVersion " + fromVersion + " but was " + toVersion);
    }
    Check.atLeast(durationMillis, 0, "durationMillis");
    Check.atLeast(sizeBeforeBytes, 0, "sizeBeforeBytes");
    Check.atLeast(sizeAfterBytes, 0, "sizeAfterBytes");
    Check.atLeast(diskNeededBytes, 0, "diskNeededBytes");
  }

  @Override
  public <R> R accept(WorkerReply.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  @Override
  public boolean succeeded() {
    return true;
  }
}
