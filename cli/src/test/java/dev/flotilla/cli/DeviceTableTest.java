package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.FleetInventory;
import dev.flotilla.contracts.view.ViewSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code flotilla devices} prints the fleet. */
class DeviceTableTest {
  @Test
  void aLinePerDeviceThenTheDevicesPerVersion() {
    List<String> lines = DeviceTable.text(ViewSamples.FLEET).lines().toList();

    assertThat(lines.get(0)).isEqualTo("4 devices");
    assertThat(lines.get(1))
        .containsPattern("device +version +size +state +groups +last seen +rollout");
    assertThat(lines.get(2))
        .containsPattern("rv-0001 +V5 +88.0 KiB +parked +canary,west +2026-11-22T10:16:02Z +-");
    assertThat(lines.get(3))
        .contains("driving, 1 connection, slide-out-extending")
        .endsWith("r-2026-11-22-a (deferred)");
    assertThat(lines.get(4)).containsPattern("rv-0003 +- +- +- +- +2026-11-22T10:15:30Z +-");
    assertThat(lines.get(5)).containsPattern("tenant-17 +V1.1 +40.0 KiB +- +-");
    assertThat(lines.get(6)).isEqualTo("devices per version: V5: 1, V2: 1, V1.1: 1, unknown: 1");
  }

  @Test
  void anEmptyFleetSaysSo() {
    assertThat(DeviceTable.text(new FleetInventory(List.of(), List.of()))).isEqualTo("0 devices\n");
  }
}
