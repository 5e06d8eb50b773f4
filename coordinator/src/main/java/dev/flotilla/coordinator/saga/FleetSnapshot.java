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
 * later pushes do not change), the devices of the inventory with their groups, which devices are
 * already in an active rollout (a device is in at most one at a time), and the version the workers
 * last found in each device's database.
 */
public record FleetSnapshot(
    Catalogue catalogue,
    Map<DeviceId, List<String>> devices,
    Map<DeviceId, RolloutId> busy,
    Map<DeviceId, VersionId> versions) {
  public FleetSnapshot {
    catalogue = catalogue.snapshot();
    devices = Map.copyOf(devices);
    busy = Map.copyOf(busy);
    versions = Map.copyOf(versions);
  }

  /** A fleet whose devices' versions are not known. */
  public FleetSnapshot(
      Catalogue catalogue, Map<DeviceId, List<String>> devices, Map<DeviceId, RolloutId> busy) {
    this(catalogue, devices, busy, Map.of());
  }

  /** The versions of {@code set} that have a migrate script; empty for an unknown set. */
  public SortedSet<VersionId> versionsOf(MigrationSetId set) {
    return catalogue.migrateVersions(set);
  }
}
