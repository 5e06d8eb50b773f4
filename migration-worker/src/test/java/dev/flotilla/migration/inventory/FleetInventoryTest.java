package dev.flotilla.migration.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetInventoryTest {
  @TempDir Path fleet;

  @Test
  void reportsEveryDeviceDatabaseWithItsVersionAndSize() throws IOException {
    TestWorker worker = new TestWorker(fleet, TestSets.garageCatalogue());
    Garage.deviceAt(worker, fleet, DeviceId.of("rv-a"), 3);
    DeviceFiles.createEmpty(fleet, DeviceId.of("rv-b"));
    Files.writeString(fleet.resolve("notes.txt"), "not a device");
    Files.writeString(fleet.resolve(".hidden.db"), "not a device id");

    List<DeviceInventoryReport> reports = inventory().reportAll();

    assertThat(reports)
        .extracting(report -> report.deviceId().value(), DeviceInventoryReport::schemaVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rv-a", VersionId.of(3)),
            org.assertj.core.groups.Tuple.tuple("rv-b", VersionId.ZERO));
    assertThat(reports.get(0).sizeBytes()).isPositive();
  }

  @Test
  void aBrokenDatabaseIsStillReportedSoItIsNotForgotten() throws IOException {
    Files.writeString(fleet.resolve("rv-broken.db"), "this is not a database at all");

    assertThat(inventory().reportAll())
        .singleElement()
        .satisfies(report -> assertThat(report.schemaVersion()).isEqualTo(VersionId.ZERO));
  }

  @Test
  void aDeviceWithoutADatabaseIsNotReported() {
    assertThat(inventory().report(DeviceId.of("rv-nowhere"))).isEmpty();
  }

  @Test
  void aReportIsObservedNoLaterThanTheDatabaseWasRead() {
    DeviceId device = DeviceId.of("rv-a");
    DeviceFiles.createEmpty(fleet, device);
    Instant before = Instant.now();

    DeviceInventoryReport report = inventory().report(device).orElseThrow();

    assertThat(report.observedAt()).isBetween(before, report.occurredAt());
  }

  private FleetInventory inventory() {
    return new FleetInventory(new DatabaseFolder(fleet), Clock.systemUTC());
  }
}
