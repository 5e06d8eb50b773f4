package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.migration.inventory.FleetInventory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the devices of a fleet reporting their state on {@code flotilla.devices}, as RV controllers
 * would: at the start every device says whether it is parked or driving, and each driving device
 * reports again when it parks. The version and size in each report are read from the device
 * database at that moment, so a report never turns back what a worker announced.
 */
public final class DeviceStateSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceStateSimulator.class);
  private static final Duration TICK = Duration.ofMillis(250);

  private final FleetInventory fleet;
  private final Publisher publisher;
  private final DrivingSchedule schedule;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "device-state-simulator");
            thread.setDaemon(true);
            return thread;
          });
  private final CountDownLatch allParked = new CountDownLatch(1);
  private long startedNanos;
  private Duration reportedUpTo = Duration.ZERO;

  public DeviceStateSimulator(
      FleetInventory fleet, Publisher publisher, DrivingSchedule schedule, Clock clock) {
    this.fleet = fleet;
    this.publisher = publisher;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * Announces every device's state and waits until the broker has the reports; then reports each
   * parking as its time comes, on a thread of its own.
   */
  public DeviceStateSimulator start(List<DeviceId> devices) {
    startedNanos = System.nanoTime();
    CompletableFuture.allOf(
            devices.stream()
                .map(device -> report(device, schedule.conditionsAt(device, Duration.ZERO)))
                .toArray(CompletableFuture[]::new))
        .join();
    timer.scheduleWithFixedDelay(this::reportParkings, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Waits until every driving device has reported that it parked. */
  public boolean awaitAllParked(Duration timeout) throws InterruptedException {
    return allParked.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reportParkings() {
    Duration now = Duration.ofNanos(System.nanoTime() - startedNanos);
    try {
      for (DeviceId device : schedule.parkingBetween(reportedUpTo, now)) {
        report(device, DeviceConditions.IDLE).join();
        LOG.info(
            "{} parked after {}s on the road",
            device,
            schedule.driveTimes().get(device).toSeconds());
      }
      reportedUpTo = now;
      if (now.compareTo(schedule.lastParking()) >= 0) {
        allParked.countDown();
        timer.shutdown();
      }
    } catch (RuntimeException e) {
      // The next tick reports the same parkings again: a report says the whole state.
      LOG.warn("Could not report device states; trying again", e);
    }
  }

  private CompletableFuture<Void> report(DeviceId device, DeviceConditions conditions) {
    Optional<DeviceReport> current = fleet.report(device);
    if (current.isEmpty()) {
      LOG.warn("{} has no database; it reports nothing", device);
      return CompletableFuture.completedFuture(null);
    }
    DeviceReport database = current.get();
    return publisher.send(
        Topics.DEVICES,
        new DeviceReport(
            MessageId.random(),
            clock.instant(),
            device,
            database.schemaVersion(),
            database.sizeBytes(),
            database.groups(),
            conditions));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
