package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.util.List;

/**
 * {@code GET /devices[?q=TEXT][&version=V]}: every device the coordinator knows, from what the
 * devices say of themselves and what the workers found in their databases, and how many stand at
 * each version.
 *
 * @param devices by device id
 * @param versions the census of {@code devices}: how many at each version, highest first; devices
 *     whose version no worker has found yet are counted last, under a null version
 */
public record FleetInventory(List<FleetDevice> devices, List<VersionCount> versions)
    implements View {
  public FleetInventory {
    devices = Check.list(devices, "devices");
    versions = Check.list(versions, "versions");
  }
}
