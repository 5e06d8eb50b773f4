package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.view.FleetDevice;
import dev.flotilla.contracts.view.FleetInventory;
import dev.flotilla.contracts.view.VersionCount;
import dev.flotilla.coordinator.projection.ActiveDeviceRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fleet as {@code GET /devices} shows it: what each device and the workers last reported of it,
 * with the unfinished rollout it is in. Pure.
 */
final class FleetInventories {
  private FleetInventories() {}

  /**
   * Which devices to show.
   *
   * @param text a part of the device id, any case; empty for every device
   * @param version only the devices a worker found at this version; empty for any
   */
  record Filter(Optional<String> text, Optional<VersionId> version) {
    static final Filter NONE = new Filter(Optional.empty(), Optional.empty());

    boolean admits(FleetDevice device) {
      return text.map(t -> device.deviceId().toLowerCase(Locale.ROOT).contains(t)).orElse(true)
          && version.map(v -> v.equals(device.version())).orElse(true);
    }

    Filter {
      text = text.map(t -> t.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * @param active the devices of unfinished rollouts, oldest rollout first
   */
  static FleetInventory of(
      ReportedDevices reports, Collection<ActiveDeviceRow> active, Filter filter) {
    Map<String, ActiveDeviceRow> inRollout = new HashMap<>();
    for (ActiveDeviceRow row : active) {
      if (!row.stage().finished()) {
        inRollout.put(row.deviceId(), row); // the newest rollout wins, should two claim it
      }
    }
    TreeSet<String> ids = new TreeSet<>(inRollout.keySet());
    reports.groupsByDevice().keySet().forEach(id -> ids.add(id.value()));
    List<FleetDevice> devices = new ArrayList<>();
    for (String id : ids) {
      FleetDevice device = device(id, reports, inRollout.get(id));
      if (filter.admits(device)) {
        devices.add(device);
      }
    }
    return new FleetInventory(devices, census(devices));
  }

  private static FleetDevice device(String id, ReportedDevices reports, ActiveDeviceRow active) {
    DeviceId deviceId = DeviceId.of(id);
    Optional<DeviceStateReport> state = reports.state(deviceId);
    Optional<DeviceInventoryReport> found = reports.inventory(deviceId);
    Instant lastSeen =
        latest(
            state.map(DeviceStateReport::observedAt).orElse(null),
            found.map(DeviceInventoryReport::observedAt).orElse(null));
    return new FleetDevice(
        id,
        found.map(DeviceInventoryReport::schemaVersion).orElse(null),
        found.map(DeviceInventoryReport::sizeBytes).orElse(null),
        state.map(DeviceStateReport::conditions).orElse(null),
        state.map(DeviceStateReport::groups).orElse(List.of()),
        lastSeen,
        active == null ? null : active.rolloutId(),
        active == null ? null : active.stage());
  }

  /** Devices per version, highest first; those of no known version last. */
  static List<VersionCount> census(List<FleetDevice> devices) {
    Map<VersionId, Integer> counts = new TreeMap<>(Comparator.reverseOrder());
    int unknown = 0;
    for (FleetDevice device : devices) {
      if (device.version() == null) {
        unknown++;
      } else {
        counts.merge(device.version(), 1, Integer::sum);
      }
    }
    List<VersionCount> census = new ArrayList<>();
    counts.forEach((version, count) -> census.add(new VersionCount(version, count)));
    if (unknown > 0) {
      census.add(new VersionCount(null, unknown));
    }
    return census;
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.isAfter(b) ? a : b;
  }
}
