package dev.flotilla.bench.orchestration;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.engine.InventoryWait;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.migration.catalogue.MigrationFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Devices that exist only on the log: the demo migration set pushed to {@code flotilla.migrations}
 * and one inventory report per device at version {@value #FROM} on {@code
 * flotilla.device-inventory}, as the migration worker announces the devices it finds. Enough for
 * the coordinator to accept a rollout of them; no database behind any.
 */
final class SyntheticFleet {
  static final MigrationSetId SET = MigrationSetId.of(DemoFleet.MIGRATION_SET);
  static final int FROM = DemoFleet.GENERATED_VERSION;
  static final int TO = DemoFleet.LATEST_VERSION;

  private SyntheticFleet() {}

  /** {@code count} fresh device ids, {@code prefix-000001} on. */
  static List<DeviceId> devices(String prefix, int count) {
    List<DeviceId> devices = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      devices.add(DeviceId.of(String.format("%s-%06d", prefix, i)));
    }
    return devices;
  }

  static void pushMigrations(KafkaSettings kafka, Path workDir) {
    Path folder = DemoFleet.sampleMigrations(workDir.resolve("migrations"));
    List<MigrationScript> scripts = MigrationFolder.read(SET, folder);
    try (Publisher publisher = Publisher.create(kafka)) {
      for (MigrationScript script : scripts) {
        publisher.sendAndWait(Topics.MIGRATIONS, script);
      }
    }
  }

  /** Publishes the reports and returns once they are all read back from the topic. */
  static void announce(KafkaSettings kafka, List<DeviceId> devices) throws InterruptedException {
    Instant now = Instant.now();
    List<CompletableFuture<Void>> sent = new ArrayList<>(devices.size());
    try (Publisher publisher = Publisher.create(kafka)) {
      for (DeviceId device : devices) {
        sent.add(
            publisher.send(
                Topics.DEVICE_INVENTORY,
                new DeviceInventoryReport(
                    MessageId.random(), now, device, now, VersionId.of(FROM), 65_536)));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }
    InventoryWait.until(kafka, devices, Duration.ofMinutes(5));
  }
}
