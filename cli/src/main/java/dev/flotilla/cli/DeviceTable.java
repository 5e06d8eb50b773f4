package dev.flotilla.cli;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.view.FleetDevice;
import dev.flotilla.contracts.view.FleetInventory;
import dev.flotilla.contracts.view.VersionCount;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flotilla devices} for people: a line per device (version, size, what it says of itself,
 * groups, when it was last seen, the rollout it is in), then the devices per version. Pure.
 */
final class DeviceTable {
  private DeviceTable() {}

  static String text(FleetInventory fleet) {
    String nl = System.lineSeparator();
    int count = fleet.devices().size();
    StringBuilder text = new StringBuilder();
    text.append(count).append(count == 1 ? " device" : " devices").append(nl);
    if (count == 0) {
      return text.toString();
    }
    TextTable table =
        new TextTable("device", "version", "size", "state", "groups", "last seen", "rollout");
    for (FleetDevice d : fleet.devices()) {
      table.row(
          d.deviceId(),
          d.version() == null ? "-" : "V" + d.version(),
          d.sizeBytes() == null ? "-" : Sizes.bytes(d.sizeBytes()),
          state(d.state()),
          d.groups().isEmpty() ? "-" : String.join(",", d.groups()),
          d.lastSeen() == null ? "-" : d.lastSeen().truncatedTo(ChronoUnit.SECONDS).toString(),
          d.activeRollout() == null
              ? "-"
              : d.activeRollout() + " (" + Stages.name(d.stage()) + ")");
    }
    text.append(table.text());
    text.append("devices per version: ").append(census(fleet.versions())).append(nl);
    return text.toString();
  }

  static String census(List<VersionCount> versions) {
    List<String> counts = new ArrayList<>();
    for (VersionCount v : versions) {
      counts.add((v.version() == null ? "unknown" : "V" + v.version()) + ": " + v.devices());
    }
    return counts.isEmpty() ? "none known" : String.join(", ", counts);
  }

  /** {@code parked}, {@code driving, 2 connections, slide-out-extending}; {@code -} if unsaid. */
  static String state(DeviceConditions state) {
    if (state == null) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    parts.add(state.parked() ? "parked" : "driving");
    if (state.activeConnections() > 0) {
      parts.add(
          state.activeConnections()
              + (state.activeConnections() == 1 ? " connection" : " connections"));
    }
    parts.addAll(state.interlocks());
    return String.join(", ", parts);
  }
}
