package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * What the coordinator knows of the world when it judges an update request: the versions each
 * migration set has in the catalogue, and the devices of the inventory with their groups.
 */
public record FleetSnapshot(
    Map<MigrationSetId, SortedSet<Integer>> versions, Map<DeviceId, List<String>> devices) {
  public FleetSnapshot {
    versions = Map.copyOf(versions);
    devices = Map.copyOf(devices);
  }

  public Set<Integer> versionsOf(MigrationSetId set) {
    SortedSet<Integer> known = versions.get(set);
    return known == null ? Set.of() : known;
  }
}
