package dev.flotilla.migration;

import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.migration.inventory.FleetInventory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Announces every device database of the fleet folder on {@code flotilla.device-inventory}. */
final class InventoryPublisher {
  private final FleetInventory inventory;
  private final Publisher publisher;

  InventoryPublisher(FleetInventory inventory, Publisher publisher) {
    this.inventory = inventory;
    this.publisher = publisher;
  }

  /** Sends one report per device and waits until the broker has them all; returns how many. */
  int publishAll() throws IOException {
    List<DeviceInventoryReport> reports = inventory.reportAll();
    CompletableFuture.allOf(
            reports.stream()
                .map(report -> publisher.send(Topics.DEVICE_INVENTORY, report))
                .toArray(CompletableFuture[]::new))
        .join();
    return reports.size();
  }
}
