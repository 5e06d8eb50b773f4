package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What the coordinator knows of the world when it judges an update request: the catalogue (a copy
 * later pushes do not change), the devices of the inventory with their groups, and which devices
 * are already in an active rollout (a device is in at most one at a time).
 */
public record FleetSnapshot(
    Catalogue catalogue, Map<DeviceId, List<String>> devices, Map<DeviceId, RolloutId> busy) {
  public FleetSnapshot {
    catalogue = catalogue.snapshot();
    devices = Map.copyOf(devices);
    busy = Map.copyOf(busy);
  }

  /** The versions of {@code set} that have a migrate script; empty for an unknown set. */
  public SortedSet<VersionId> versionsOf(MigrationSetId set) {
    return catalogue.migrateVersions(set);
  }
}
