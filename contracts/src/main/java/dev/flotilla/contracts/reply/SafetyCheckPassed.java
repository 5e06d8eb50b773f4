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
 * The device is safe to migrate now; {@code currentVersion} is its schema version (0 for none).
 *
 * @param adoptedVersion for a database without Flotilla's history that another tool (or hand)
 *     migrated, the version its schema proves it is at, which is then {@code currentVersion}: the
 *     migration records the versions up to it before applying the rest. Null (schema 1) when the
 *     database is not adopted.
 * @param adoptionEvidence why the database is at {@code adoptedVersion}, for people ({@code schema
 *     matches V3 of set library; flyway_schema_history says 3}); null when not adopted
 */
public record SafetyCheckPassed(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    VersionId currentVersion,
    long sizeBytes,
    VersionId adoptedVersion,
    String adoptionEvidence)
    implements SafetyCheckResult {
  public SafetyCheckPassed {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(currentVersion, "currentVersion");
    Check.atLeast(sizeBytes, 0, "sizeBytes");
    if (adoptedVersion != null) {
      Check.version(adoptedVersion, "adoptedVersion");
      Check.notBlank(adoptionEvidence, "adoptionEvidence");
      if (!adoptedVersion.equals(currentVersion)) {
        throw new InvalidMessageException(
            "adoptedVersion",
            "must be the current version V" + currentVersion + " but was V" + adoptedVersion);
      }
    } else if (adoptionEvidence != null) {
      throw new InvalidMessageException("adoptionEvidence", "is only given with an adoptedVersion");
    }
  }

  /** A reply of schema 1, or one about a database that is not adopted. */
  public SafetyCheckPassed(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      VersionId currentVersion,
      long sizeBytes) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        currentVersion,
        sizeBytes,
        null,
        null);
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
