package dev.flotilla.contracts.device;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;

/**
 * What a worker found in a device's database, on the compacted {@code flotilla.device-inventory}
 * keyed by device id. Written by the workers alone: when they start, after a migration or rollback,
 * after a restore. It says nothing about the device's own state, so it can never stand in for it.
 *
 * @param observedAt when the worker read the database: a report never replaces one observed later
 * @param schemaVersion the highest applied version in the device database (0 for none, or when it
 *     could not be read)
 * @param sizeBytes the database file and its write-ahead log
 */
public record DeviceInventoryReport(
    MessageId messageId,
    Instant occurredAt,
    DeviceId deviceId,
    Instant observedAt,
    VersionId schemaVersion,
    long sizeBytes)
    implements Message {
  public DeviceInventoryReport {
    Check.required(messageId, "messageId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deviceId, "deviceId");
    Check.required(observedAt, "observedAt");
    Check.required(schemaVersion, "schemaVersion");
    Check.atLeast(sizeBytes, 0, "sizeBytes");
  }
}
