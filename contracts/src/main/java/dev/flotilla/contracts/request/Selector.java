package dev.flotilla.contracts.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.DeviceId;
import java.util.HashSet;
import java.util.List;

/**
 * Which devices a rollout covers: exactly one of an explicit list of devices, a list of groups
 * (from the device inventory), or every known device.
 */
public record Selector(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DeviceId> devices,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> groups,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean all) {
  public Selector {
    devices = Check.list(devices, "devices");
    groups = Check.list(groups, "groups");
    all = all != null && all;
    int chosen =
        (devices.isEmpty() ? 0 : 1)
            + (groups.isEmpty() ? 0 : 1)
            + (Boolean.TRUE.equals(all) ? 1 : 0);
    if (chosen != 1) {
      throw new InvalidMessageException(
          "",
          "give exactly one of devices (a non-empty list), groups (a non-empty list) or all: true");
    }
    if (new HashSet<>(devices).size() != devices.size()) {
      throw new InvalidMessageException("devices", "lists a device more than once");
    }
  }

  public static Selector devices(List<DeviceId> devices) {
    return new Selector(devices, List.of(), null);
  }

  public static Selector groups(List<String> groups) {
    return new Selector(List.of(), groups, null);
  }

  public static Selector everyDevice() {
    return new Selector(List.of(), List.of(), true);
  }
}
