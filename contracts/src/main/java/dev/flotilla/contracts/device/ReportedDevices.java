package dev.flotilla.contracts.device;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is known of each device, merged by device id from the topics that report on it: its own
 * state ({@code flotilla.device-states}: conditions, groups) and what the workers found in its
 * database ({@code flotilla.device-inventory}: version, size), with the legacy whole records of
 * {@code flotilla.devices} as the fallback for each. Each fact stands as its writer last observed
 * it (see {@link Observed}): an inventory report never touches the device's state, and no report
 * replaces one observed later. Thread-safe: fed by reader threads, read by command handlers.
 */
public final class ReportedDevices {
  private final Map<DeviceId, Observed<DeviceStateReport>> states = new ConcurrentHashMap<>();
  private final Map<DeviceId, Observed<DeviceInventoryReport>> inventory =
      new ConcurrentHashMap<>();

  public void accept(DeviceStateReport report) {
    states.merge(
        report.deviceId(), new Observed<>(report, report.observedAt(), false), Observed::or);
  }

  public void accept(DeviceInventoryReport report) {
    inventory.merge(
        report.deviceId(), new Observed<>(report, report.observedAt(), false), Observed::or);
  }

  /**
   * A legacy record, observed when it was written: its version and size always; its conditions and
   * groups when it has any (a worker's record without them said nothing about the device's state).
   */
  public void accept(DeviceReport legacy) {
    DeviceInventoryReport found =
        new DeviceInventoryReport(
            legacy.messageId(),
            legacy.occurredAt(),
            legacy.deviceId(),
            legacy.occurredAt(),
            legacy.schemaVersion(),
            legacy.sizeBytes());
    inventory.merge(
        legacy.deviceId(), new Observed<>(found, legacy.occurredAt(), true), Observed::or);
    if (legacy.conditions() != null || !legacy.groups().isEmpty()) {
      DeviceStateReport said =
          new DeviceStateReport(
              legacy.messageId(),
              legacy.occurredAt(),
              legacy.deviceId(),
              legacy.occurredAt(),
              legacy.conditions(),
              legacy.groups());
      states.merge(
          legacy.deviceId(), new Observed<>(said, legacy.occurredAt(), true), Observed::or);
    }
  }

  /** The device's latest word about itself, empty when it never reported. */
  public Optional<DeviceStateReport> state(DeviceId device) {
    return Optional.ofNullable(states.get(device)).map(Observed::report);
  }

  /** The latest reported conditions, empty when the device never reported any. */
  public Optional<DeviceConditions> conditions(DeviceId device) {
    return state(device).map(DeviceStateReport::conditions);
  }

  /** The latest reported groups, empty when none were reported. */
  public List<String> groups(DeviceId device) {
    return state(device).map(DeviceStateReport::groups).orElse(List.of());
  }

  /** What a worker last found in the device's database, empty when none did. */
  public Optional<DeviceInventoryReport> inventory(DeviceId device) {
    return Optional.ofNullable(inventory.get(device)).map(Observed::report);
  }

  /** Every device known from either kind of report, with its groups (none if it reported none). */
  public Map<DeviceId, List<String>> groupsByDevice() {
    Map<DeviceId, List<String>> known = new HashMap<>();
    inventory.keySet().forEach(device -> known.put(device, List.of()));
    states.forEach((device, state) -> known.put(device, state.report().groups()));
    return Map.copyOf(known);
  }

  /** The version a worker last found in each device's database, for the devices it examined. */
  public Map<DeviceId, VersionId> versionsByDevice() {
    Map<DeviceId, VersionId> versions = new HashMap<>();
    inventory.forEach((device, found) -> versions.put(device, found.report().schemaVersion()));
    return Map.copyOf(versions);
  }
}
