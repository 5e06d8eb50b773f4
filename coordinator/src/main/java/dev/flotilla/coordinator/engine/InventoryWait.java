package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits for devices in the inventory: the coordinator accepts only the devices announced there. */
public final class InventoryWait {
  private InventoryWait() {}

  /**
   * Returns once every one of {@code devices} has a report on {@code flotilla.device-inventory}.
   *
   * @throws IllegalStateException naming how many arrived, when not all did within {@code atMost}
   */
  public static void until(KafkaSettings kafka, List<DeviceId> devices, Duration atMost)
      throws InterruptedException {
    Set<DeviceId> expected = Set.copyOf(devices);
    Set<DeviceId> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch complete = new CountDownLatch(1);
    try (TopicReader<DeviceInventoryReport> reader =
        TopicReader.fromBeginning(
            kafka,
            Topics.DEVICE_INVENTORY,
            record -> {
              if (expected.contains(record.value().deviceId())) {
                seen.add(record.value().deviceId());
              }
              if (seen.size() == expected.size()) {
                complete.countDown();
              }
            })) {
      reader.start();
      if (!complete.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "only " + seen.size() + " of " + expected.size() + " devices reached the inventory");
      }
    }
  }
}
