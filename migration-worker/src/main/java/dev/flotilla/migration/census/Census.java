package dev.flotilla.migration.census;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every device database of a fleet folder for one set: each device's version and how it is known,
 * and how many devices are at each version. The one result {@code flotilla fleet census} and the
 * migration worker's {@code GET /api/census} both show, as {@link #json()}.
 *
 * @param devices by device id
 */
public record Census(MigrationSetId set, List<DeviceCensus> devices) {
  public Census {
    devices = List.copyOf(devices);
  }

  /** How many devices are at each version, lowest first; devices without one are not counted. */
  public SortedMap<VersionId, Integer> devicesByVersion() {
    SortedMap<VersionId, Integer> counts = new TreeMap<>();
    for (DeviceCensus device : devices) {
      device.version().ifPresent(version -> counts.merge(version, 1, Integer::sum));
    }
    return counts;
  }

  /** How many devices are known each way, every status listed. */
  public Map<DeviceCensus.Status, Integer> devicesByStatus() {
    Map<DeviceCensus.Status, Integer> counts = new EnumMap<>(DeviceCensus.Status.class);
    for (DeviceCensus.Status status : DeviceCensus.Status.values()) {
      counts.put(status, 0);
    }
    devices.forEach(device -> counts.merge(device.status(), 1, Integer::sum));
    return counts;
  }

  /**
   * {@code {"set": ..., "devices": [{"device", "status", "version", "evidence", "closest",
   * "differences", "drift"}], "versions": [{"version", "devices"}], "statuses": {...}}}; fields a
   * device does not have are left out, versions are written as everywhere on the wire.
   */
  public JsonObject json() {
    JsonArray devicesJson = new JsonArray();
    for (DeviceCensus device : devices) {
      JsonObject entry =
          new JsonObject()
              .put("device", device.device().value())
              .put("status", device.status().wireName());
      device.version().ifPresent(version -> entry.put("version", version.jsonValue()));
      device.evidence().ifPresent(evidence -> entry.put("evidence", evidence));
      device.closest().ifPresent(closest -> entry.put("closest", closest.jsonValue()));
      putIfAny(entry, "differences", device.differences());
      putIfAny(entry, "drift", device.drift());
      devicesJson.add(entry);
    }
    JsonArray versions = new JsonArray();
    devicesByVersion()
        .forEach(
            (version, count) ->
                versions.add(
                    new JsonObject().put("version", version.jsonValue()).put("devices", count)));
    JsonObject statuses = new JsonObject();
    devicesByStatus().forEach((status, count) -> statuses.put(status.wireName(), count));
    return new JsonObject()
        .put("set", set.value())
        .put("devices", devicesJson)
        .put("versions", versions)
        .put("statuses", statuses);
  }

  /** The device's entry, if the census has it. */
  public Optional<DeviceCensus> device(String id) {
    return devices.stream().filter(device -> device.device().value().equals(id)).findFirst();
  }

  private static void putIfAny(JsonObject entry, String field, List<String> values) {
    if (!values.isEmpty()) {
      entry.put(field, new JsonArray(values));
    }
  }
}
