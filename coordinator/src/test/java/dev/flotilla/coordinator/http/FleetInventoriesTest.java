package dev.flotilla.coordinator.http;

import static dev.flotilla.contracts.view.ViewSamples.OPENED;
import static dev.flotilla.contracts.view.ViewSamples.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.view.FleetDevice;
import dev.flotilla.contracts.view.FleetInventory;
import dev.flotilla.contracts.view.VersionCount;
import dev.flotilla.contracts.view.ViewCodec;
import dev.flotilla.contracts.view.ViewSamples;
import dev.flotilla.coordinator.http.FleetInventories.Filter;
import dev.flotilla.coordinator.projection.ActiveDeviceRow;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fleet inventory of {@code GET /devices}: reports merged, rollouts joined, counted. */
class FleetInventoriesTest {
  private final ReportedDevices reports = new ReportedDevices();

  /** The devices of the golden file, reported as devices and workers report them. */
  private void reportTheSampleFleet() {
    state("rv-0001", UPDATED, new DeviceConditions(true, 0, List.of()), "canary", "west");
    found("rv-0001", OPENED, VersionId.of(5), 90112);
    state("rv-0002", OPENED, new DeviceConditions(false, 1, List.of("slide-out-extending")));
    found("rv-0002", OPENED, VersionId.of(2), 81920);
    state("rv-0003", OPENED, null);
    found("tenant-17", OPENED, VersionId.parse("1.1"), 40960);
  }

  @Test
  void eachDeviceShowsItsReportsItsRolloutAndTheCensusCountsThem() throws Exception {
    reportTheSampleFleet();
    List<ActiveDeviceRow> active =
        List.of(
            new ActiveDeviceRow("rv-0001", "r-older", DeviceStage.DONE),
            new ActiveDeviceRow("rv-0002", ViewSamples.ROLLOUT, DeviceStage.DEFERRED));

    FleetInventory fleet = FleetInventories.of(reports, active, Filter.NONE);

    assertThat(fleet).isEqualTo(ViewSamples.FLEET);
    try (InputStream golden =
        getClass().getClassLoader().getResourceAsStream("golden/view/FleetInventory.json")) {
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(new ViewCodec().encode(fleet))).isEqualTo(json.readTree(golden));
    }
  }

  @Test
  void lastSeenIsTheLatestReportOfEitherKind() {
    state("rv-1", OPENED, DeviceConditions.IDLE);
    found("rv-1", UPDATED, VersionId.of(3), 10);

    assertThat(only().lastSeen()).isEqualTo(UPDATED);
  }

  @Test
  void aDeviceOnlyARolloutKnowsIsStillListed() {
    FleetInventory fleet =
        FleetInventories.of(
            reports, List.of(new ActiveDeviceRow("rv-9", "r-1", DeviceStage.MIGRATE)), Filter.NONE);

    assertThat(fleet.devices())
        .containsExactly(
            new FleetDevice("rv-9", null, null, null, List.of(), null, "r-1", DeviceStage.MIGRATE));
    assertThat(fleet.versions()).containsExactly(new VersionCount(null, 1));
  }

  @Test
  void theFilterKeepsDevicesWhoseIdHoldsTheTextAndThoseAtTheVersion() {
    reportTheSampleFleet();

    FleetInventory rvs =
        FleetInventories.of(
            reports, List.of(), new Filter(Optional.of("RV-000"), Optional.empty()));
    FleetInventory atTwo =
        FleetInventories.of(
            reports, List.of(), new Filter(Optional.empty(), Optional.of(VersionId.parse("2.0"))));

    assertThat(rvs.devices())
        .extracting(FleetDevice::deviceId)
        .containsExactly("rv-0001", "rv-0002", "rv-0003");
    assertThat(rvs.versions())
        .containsExactly(
            new VersionCount(VersionId.of(5), 1),
            new VersionCount(VersionId.of(2), 1),
            new VersionCount(null, 1));
    assertThat(atTwo.devices()).extracting(FleetDevice::deviceId).containsExactly("rv-0002");
  }

  @Test
  void versionsWrittenDifferentlyButEqualAreCountedTogetherHighestFirst() {
    found("a", OPENED, VersionId.parse("001"), 1);
    found("b", OPENED, VersionId.of(1), 1);
    found("c", OPENED, VersionId.parse("1.10"), 1);
    found("d", OPENED, VersionId.parse("1.9"), 1);

    List<VersionCount> census = FleetInventories.of(reports, List.of(), Filter.NONE).versions();

    assertThat(census)
        .extracting(c -> c.version().toString(), VersionCount::devices)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1.10", 1),
            org.assertj.core.groups.Tuple.tuple("1.9", 1),
            org.assertj.core.groups.Tuple.tuple("001", 2));
  }

  @Test
  void aFleetOfFiveThousandIsListedWhole() {
    List<ActiveDeviceRow> active = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String id = String.format("rv-%04d", i);
      state(id, OPENED, DeviceConditions.IDLE, "fleet");
      found(id, OPENED, VersionId.of(i % 3 + 3), 81920);
      if (i % 2 == 0) {
        active.add(new ActiveDeviceRow(id, "r-big", DeviceStage.PENDING));
      }
    }

    FleetInventory fleet = FleetInventories.of(reports, active, Filter.NONE);

    assertThat(fleet.devices()).hasSize(5000);
    assertThat(fleet.devices().stream().filter(d -> d.activeRollout() != null)).hasSize(2500);
    assertThat(fleet.versions())
        .containsExactly(
            new VersionCount(VersionId.of(5), 1666),
            new VersionCount(VersionId.of(4), 1667),
            new VersionCount(VersionId.of(3), 1667));
  }

  private FleetDevice only() {
    List<FleetDevice> devices = FleetInventories.of(reports, List.of(), Filter.NONE).devices();
    assertThat(devices).hasSize(1);
    return devices.get(0);
  }

  private void state(String device, Instant at, DeviceConditions conditions, String... groups) {
    reports.accept(
        new DeviceStateReport(
            MessageId.random(), at, DeviceId.of(device), at, conditions, List.of(groups)));
  }

  private void found(String device, Instant at, VersionId version, long size) {
    reports.accept(
        new DeviceInventoryReport(MessageId.random(), at, DeviceId.of(device), at, version, size));
  }
}
