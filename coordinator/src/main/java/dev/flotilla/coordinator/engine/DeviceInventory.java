package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.id.DeviceId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The devices known from {@code flotilla.devices}, with their groups. */
final class DeviceInventory {
  private final Map<DeviceId, List<String>> groups = new ConcurrentHashMap<>();

  void add(DeviceReport report) {
    groups.put(report.deviceId(), report.groups());
  }

  Map<DeviceId, List<String>> snapshot() {
    return Map.copyOf(groups);
  }
}
