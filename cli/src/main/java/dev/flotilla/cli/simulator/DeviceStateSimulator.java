package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the devices of a fleet reporting their state on {@code flotilla.device-states}, as RV
 * controllers would: at the start every device says whether it is parked or driving, each driving
 * device reports again when it parks, and every device repeats its state every {@code heartbeat}
 * until closed, so that its state never grows older than a rollout allows. Each report keeps the
 * groups the device reported before (read from the topics by the caller): a report says the
 * device's whole state.
 */
public final class DeviceStateSimulator implements AutoCloseable {
  /** How often a device repeats its state: well inside the default limit of five minutes. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(DeviceStateSimulator.class);
  private static final Duration TICK = Duration.ofMillis(250);

  private final ReportedDevices reported;
  private final Publisher publisher;
  private final DrivingSchedule schedule;
  private final Duration heartbeat;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "device-state-simulator");
            thread.setDaemon(true);
            return thread;
          });
  private final CountDownLatch allParked = new CountDownLatch(1);
  private List<DeviceId> devices = List.of();
  private long startedNanos;
  private Duration reportedUpTo = Duration.ZERO;
  private Duration lastHeartbeat = Duration.ZERO;

  /**
   * @param reported what the devices reported before, for their groups
   */
  public DeviceStateSimulator(
      ReportedDevices reported,
      Publisher publisher,
      DrivingSchedule schedule,
      Duration heartbeat,
      Clock clock) {
    this.reported = reported;
    this.publisher = publisher;
    this.schedule = schedule;
    this.heartbeat = heartbeat;
    this.clock = clock;
  }

  /**
   * Announces every device's state and waits until the broker has the reports; then reports each
   * parking as its time comes, and every device's state each heartbeat, on a thread of its own.
   */
  public DeviceStateSimulator start(List<DeviceId> devices) {
    this.devices = List.copyOf(devices);
    startedNanos = System.nanoTime();
    reportAll(Duration.ZERO);
    timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Waits until every driving device has reported that it parked. */
  public boolean awaitAllParked(Duration timeout) throws InterruptedException {
    return allParked.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
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
      }
      if (now.minus(lastHeartbeat).compareTo(heartbeat) >= 0) {
        reportAll(now);
        lastHeartbeat = now;
      }
    } catch (RuntimeException e) {
      // The next tick reports the same parkings again: a report says the whole state.
      LOG.warn("Could not report device states; trying again", e);
    }
  }

  /** Every device's state {@code elapsed} after the start, on the broker when this returns. */
  private void reportAll(Duration elapsed) {
    CompletableFuture.allOf(
            devices.stream()
                .map(device -> report(device, schedule.conditionsAt(device, elapsed)))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  private CompletableFuture<Void> report(DeviceId device, DeviceConditions conditions) {
    Instant now = clock.instant();
    return publisher.send(
        Topics.DEVICE_STATES,
        new DeviceStateReport(
            MessageId.random(), now, device, now, conditions, reported.groups(device)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
