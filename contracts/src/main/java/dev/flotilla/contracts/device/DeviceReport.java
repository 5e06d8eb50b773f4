package dev.flotilla.contracts.device;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;
import java.util.List;

/**
 * The former whole record of a device, on the compacted {@code flotilla.devices} keyed by device
 * id, once written by the device and by the workers alike, each carrying over what the other had
 * said. Superseded by {@link DeviceStateReport} (written by the device) and {@link
 * DeviceInventoryReport} (written by the workers); no Flotilla service writes it any more. Still
 * read, as the older word: {@link ReportedDevices} takes a fact from it only for a device that has
 * no report of that fact on the new topics.
 *
 * @param schemaVersion the highest applied version in the device database (0 for none)
 * @param conditions null for devices that do not report state (database-per-tenant fleets)
 */
public record DeviceReport(
    MessageId messageId,
    Instant occurredAt,
    DeviceId deviceId,
    VersionId schemaVersion,
    long sizeBytes,
    List<String> groups,
    DeviceConditions conditions)
    implements Message {
  public DeviceReport {
    Check.required(messageId, "messageId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deviceId, "deviceId");
    Check.required(schemaVersion, "schemaVersion");
    Check.atLeast(sizeBytes, 0, "sizeBytes");
    groups = Check.list(groups, "groups");
  }
}
