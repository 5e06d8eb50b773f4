package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * What the coordinator knows of the world when it judges an update request: the versions each
 * migration set has in the catalogue, the devices of the inventory with their groups, and which
 * devices are already in an active rollout (a device is in at most one at a time).
 */
public record FleetSnapshot(
    Map<MigrationSetId, SortedSet<Integer>> versions,
    Map<DeviceId, List<String>> devices,
    Map<DeviceId, RolloutId> busy) {
  public FleetSnapshot {
    versions = Map.copyOf(versions);
    devices = Map.copyOf(devices);
    busy = Map.copyOf(busy);
  }

  public Set<Integer> versionsOf(MigrationSetId set) {
    SortedSet<Integer> known = versions.get(set);
    return known == null ? Set.of() : known;
  }
}
