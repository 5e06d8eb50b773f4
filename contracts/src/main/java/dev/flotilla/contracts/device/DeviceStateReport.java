package dev.flotilla.contracts.device;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;
import java.util.List;

/**
 * What a device says about itself, on the compacted {@code flotilla.device-states} keyed by device
 * id. Written by the device alone (its own agent, or {@code flotilla simulate-devices}); no
 * Flotilla service writes here, so nothing a worker learns can replace what the device said. A
 * report says the whole state: it replaces the device's previous one, unless that one was observed
 * later.
 *
 * @param observedAt when the device saw these conditions, on its own clock; {@code occurredAt} is
 *     when the message was written (later, for a report held back while the device was offline).
 *     The safety check counts state older than the rollout's {@code maxStateAgeSeconds} as unknown
 * @param conditions null for a device that reports only its groups (a tenant database)
 * @param groups the groups the device belongs to, for selecting it in an update request
 */
public record DeviceStateReport(
    MessageId messageId,
    Instant occurredAt,
    DeviceId deviceId,
    Instant observedAt,
    DeviceConditions conditions,
    List<String> groups)
    implements Message {
  public DeviceStateReport {
    Check.required(messageId, "messageId");
    Check.required(occurredAt, "occurredAt");
    Check.required(deviceId, "deviceId");
    Check.required(observedAt, "observedAt");
    groups = Check.list(groups, "groups");
  }
}
