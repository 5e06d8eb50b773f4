package dev.flotilla.cli;

import dev.flotilla.migration.census.Census;
import dev.flotilla.migration.census.DeviceCensus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flotilla fleet census} for people: a line per device (its version, how it is known, and
 * the evidence, differences or drift behind it), then the devices per version and per status. Pure:
 * the census is taken by the caller.
 */
final class CensusTable {
  private CensusTable() {}

  static String text(Census census) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder();
    text.append("set ")
        .append(census.set())
        .append(": ")
        .append(census.devices().size())
        .append(census.devices().size() == 1 ? " device" : " devices")
        .append(nl);
    if (census.devices().isEmpty()) {
      return text.toString();
    }
    int deviceWidth = "device".length();
    int versionWidth = "version".length();
    for (DeviceCensus device : census.devices()) {
      deviceWidth = Math.max(deviceWidth, device.device().value().length());
      versionWidth = Math.max(versionWidth, version(device).length());
    }
    String format = "  %-" + deviceWidth + "s  %-" + versionWidth + "s  %-14s  %s";
    text.append(String.format(format, "device", "version", "status", "why").stripTrailing())
        .append(nl);
    for (DeviceCensus device : census.devices()) {
      text.append(
              String.format(
                      format,
                      device.device(),
                      version(device),
                      device.status().wireName(),
                      why(device))
                  .stripTrailing())
          .append(nl);
    }
    List<String> versions = new ArrayList<>();
    census
        .devicesByVersion()
        .forEach((version, count) -> versions.add("V" + version + ": " + count));
    text.append("devices per version: ")
        .append(versions.isEmpty() ? "none known" : String.join(", ", versions))
        .append(nl);
    List<String> statuses = new ArrayList<>();
    census
        .devicesByStatus()
        .forEach(
            (status, count) -> {
              if (count > 0) {
                statuses.add(status.wireName() + ": " + count);
              }
            });
    text.append("devices per status: ").append(String.join(", ", statuses)).append(nl);
    return text.toString();
  }

  private static String version(DeviceCensus device) {
    return device.version().map(version -> "V" + version).orElse("-");
  }

  /** The evidence; for an unknown schema the closest version's differences; the drift. */
  private static String why(DeviceCensus device) {
    List<String> parts = new ArrayList<>();
    device.evidence().ifPresent(parts::add);
    if (!device.differences().isEmpty()) {
      parts.add(
          "differences from V"
              + device.closest().orElseThrow()
              + ": "
              + String.join(", ", device.differences()));
    }
    parts.addAll(device.drift());
    return String.join("; ", parts);
  }
}
