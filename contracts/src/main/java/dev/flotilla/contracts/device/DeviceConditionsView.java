package dev.flotilla.contracts.device;

import dev.flotilla.contracts.id.DeviceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What devices last said about themselves on {@code flotilla.devices}: their conditions (parked,
 * connections, interlocks) for the safety check, and their groups. Reports without conditions or
 * without groups (the worker's own inventory reports, tenant databases) leave what is known in
 * place. Thread-safe: fed by one reader thread, read by the command handlers.
 */
public final class DeviceConditionsView {
  private final Map<DeviceId, DeviceConditions> conditions = new ConcurrentHashMap<>();
  private final Map<DeviceId, List<String>> groups = new ConcurrentHashMap<>();

  public void accept(DeviceReport report) {
    if (report.conditions() != null) {
      conditions.put(report.deviceId(), report.conditions());
    }
    if (!report.groups().isEmpty()) {
      groups.put(report.deviceId(), report.groups());
    }
  }

  /** The latest reported conditions, empty when the device never reported any. */
  public Optional<DeviceConditions> conditions(DeviceId device) {
    return Optional.ofNullable(conditions.get(device));
  }

  /** The latest reported groups, empty when none were ever reported. */
  public List<String> groups(DeviceId device) {
    return groups.getOrDefault(device, List.of());
  }
}
