package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.event.DeviceStage;
import java.time.Instant;
import java.util.List;

/**
 * One device of the fleet.
 *
 * @param version the schema version a worker last found in its database; null before any did
 * @param sizeBytes its database file and write-ahead log, as a worker last found them; null before
 * @param state what the device last said of itself (parked, active connections, interlocks); null
 *     when it never said (a tenant database)
 * @param groups the groups it reported, for selecting it in an update request
 * @param lastSeen when the latest report about it (its own or a worker's) was observed
 * @param activeRollout the unfinished rollout it is in; null when none
 * @param stage where it stands in that rollout; null when it is in none
 */
public record FleetDevice(
    String deviceId,
    VersionId version,
    Long sizeBytes,
    DeviceConditions state,
    List<String> groups,
    Instant lastSeen,
    String activeRollout,
    DeviceStage stage) {
  public FleetDevice {
    Check.required(deviceId, "deviceId");
    groups = Check.list(groups, "groups");
  }
}
