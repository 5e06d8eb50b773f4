package dev.flotilla.contracts.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportedDevicesTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final DeviceConditions DRIVING = new DeviceConditions(false, 0, List.of());
  private static final DeviceConditions PARKED = DeviceConditions.IDLE;
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final ReportedDevices devices = new ReportedDevices();

  @Test
  void aDeviceThatNeverReportedHasNoStateNoGroupsAndNoInventory() {
    assertThat(devices.state(DEVICE)).isEmpty();
    assertThat(devices.conditions(DEVICE)).isEmpty();
    assertThat(devices.groups(DEVICE)).isEmpty();
    assertThat(devices.inventory(DEVICE)).isEmpty();
    assertThat(devices.groupsByDevice()).isEmpty();
  }

  @Test
  void theStateObservedLastWins() {
    devices.accept(state(T0, PARKED, "west"));
    devices.accept(state(T0.plusSeconds(5), DRIVING, "east"));

    assertThat(devices.conditions(DEVICE)).contains(DRIVING);
    assertThat(devices.groups(DEVICE)).containsExactly("east");
    assertThat(devices.state(DEVICE).orElseThrow().observedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aStaleParkedReportArrivingAfterDrivingCannotReplaceIt() {
    devices.accept(state(T0.plusSeconds(5), DRIVING, "west"));
    devices.accept(state(T0, PARKED, "west"));

    assertThat(devices.conditions(DEVICE)).contains(DRIVING);
  }

  @Test
  void aWorkersInventoryReportAfterAMigrationLeavesTheDrivingStateAsTheDeviceSaidIt() {
    devices.accept(state(T0, DRIVING, "west"));
    devices.accept(inventory(T0.plusSeconds(60), 5));

    assertThat(devices.conditions(DEVICE)).contains(DRIVING);
    assertThat(devices.groups(DEVICE)).containsExactly("west");
    assertThat(devices.inventory(DEVICE).orElseThrow().schemaVersion()).isEqualTo(VersionId.of(5));
  }

  @Test
  void anInventoryReadBeforeAMigrationButArrivingAfterItDoesNotTurnTheVersionBack() {
    devices.accept(inventory(T0.plusSeconds(10), 5));
    devices.accept(inventory(T0, 2));

    assertThat(devices.inventory(DEVICE).orElseThrow().schemaVersion()).isEqualTo(VersionId.of(5));
  }

  @Test
  void aLegacyRecordCannotReplaceStateFromTheDevicesTopicHoweverRecent() {
    devices.accept(state(T0, DRIVING, "west"));
    devices.accept(legacy(T0.plusSeconds(3600), 2, List.of("west"), PARKED));

    assertThat(devices.conditions(DEVICE)).contains(DRIVING);
    assertThat(devices.inventory(DEVICE).orElseThrow().schemaVersion()).isEqualTo(VersionId.of(2));
  }

  @Test
  void aDeviceThatReportsOnTheDevicesTopicOutranksItsEarlierLegacyRecords() {
    devices.accept(legacy(T0.plusSeconds(3600), 2, List.of("west"), DRIVING));
    devices.accept(state(T0, PARKED, "east"));

    assertThat(devices.conditions(DEVICE)).contains(PARKED);
    assertThat(devices.groups(DEVICE)).containsExactly("east");
  }

  @Test
  void legacyRecordsStandForADeviceThatHasNoOtherReportNewestObservedWinning() {
    devices.accept(legacy(T0.plusSeconds(5), 3, List.of("west"), DRIVING));
    devices.accept(legacy(T0, 2, List.of("east"), PARKED));

    assertThat(devices.conditions(DEVICE)).contains(DRIVING);
    assertThat(devices.groups(DEVICE)).containsExactly("west");
    assertThat(devices.inventory(DEVICE).orElseThrow().schemaVersion()).isEqualTo(VersionId.of(3));
  }

  @Test
  void aLegacyWorkerRecordWithoutConditionsOrGroupsLeavesWhatTheDeviceSaid() {
    devices.accept(legacy(T0, 2, List.of("west"), DRIVING));
    devices.accept(legacy(T0.plusSeconds(5), 3, List.of(), null));

    assertThat(devices.conditions(DEVICE)).contains(DRIVING);
    assertThat(devices.groups(DEVICE)).containsExactly("west");
    assertThat(devices.inventory(DEVICE).orElseThrow().schemaVersion()).isEqualTo(VersionId.of(3));
  }

  @Test
  void everyDeviceKnownFromEitherReportIsListedWithItsGroups() {
    DeviceId tenant = DeviceId.of("tenant-7");
    devices.accept(state(T0, PARKED, "west"));
    devices.accept(
        new DeviceInventoryReport(MessageId.random(), T0, tenant, T0, VersionId.of(4), 8192));

    assertThat(devices.groupsByDevice())
        .isEqualTo(Map.of(DEVICE, List.of("west"), tenant, List.of()));
  }

  private static DeviceStateReport state(
      Instant observedAt, DeviceConditions conditions, String group) {
    return new DeviceStateReport(
        MessageId.random(), observedAt, DEVICE, observedAt, conditions, List.of(group));
  }

  private static DeviceInventoryReport inventory(Instant observedAt, int version) {
    return new DeviceInventoryReport(
        MessageId.random(), observedAt, DEVICE, observedAt, VersionId.of(version), 4096);
  }

  private static DeviceReport legacy(
      Instant at, int version, List<String> groups, DeviceConditions conditions) {
    return new DeviceReport(
        MessageId.random(), at, DEVICE, VersionId.of(version), 4096, groups, conditions);
  }
}
