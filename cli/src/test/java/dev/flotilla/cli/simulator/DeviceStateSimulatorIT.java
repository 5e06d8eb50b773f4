package dev.flotilla.cli.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The simulator on the real broker: drivers report moving, then parked, keeping their groups, and
 * every device repeats its state each heartbeat so that it never grows too old to count.
 */
class DeviceStateSimulatorIT {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @Test
  void driversReportMovingThenParkedKeepTheirGroupsAndRepeatTheirStateEachHeartbeat()
      throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    // Names of their own, so other tests on the shared broker never meet these devices.
    List<DeviceId> devices = List.of(DeviceId.of("sim-a"), DeviceId.of("sim-b"));
    List<DeviceStateReport> seen = new CopyOnWriteArrayList<>();

    try (Publisher publisher = Publisher.create(kafka);
        TopicReader<DeviceStateReport> reader =
            TopicReader.fromBeginning(
                kafka,
                Topics.DEVICE_STATES,
                r -> {
                  if (devices.contains(r.value().deviceId())) {
                    seen.add(r.value());
                  }
                })) {
      reader.start();
      Instant before = Instant.now();
      publisher.sendAndWait(
          Topics.DEVICE_STATES,
          new DeviceStateReport(
              MessageId.random(),
              before,
              devices.get(0),
              before,
              DeviceConditions.IDLE,
              List.of("west")));
      await().until(() -> seen.size() == 1);
      ReportedDevices reported = new ReportedDevices();
      try (TopicReader<DeviceStateReport> states =
          TopicReader.fromBeginning(kafka, Topics.DEVICE_STATES, r -> reported.accept(r.value()))) {
        states.start().awaitCaughtUp(Duration.ofMinutes(1));
      }
      DrivingSchedule schedule =
          DrivingSchedule.random(devices, 100, Duration.ofSeconds(1), Duration.ofSeconds(2), 9);

      try (DeviceStateSimulator simulator =
          new DeviceStateSimulator(reported, publisher, schedule, HEARTBEAT, Clock.systemUTC())) {
        simulator.start(devices);
        assertThat(simulator.awaitAllParked(Duration.ofSeconds(30))).isTrue();
        int afterParking = seen.size();
        await("a heartbeat of every device after the last parking")
            .atMost(Duration.ofSeconds(30))
            .until(() -> seen.size() >= afterParking + devices.size());
      }
    }
    for (DeviceId device : devices) {
      // The first device's first report is the one published above, before the simulator ran.
      List<DeviceStateReport> reports =
          seen.stream()
              .filter(r -> r.deviceId().equals(device))
              .skip(device.equals(devices.get(0)) ? 1 : 0)
              .toList();
      assertThat(reports.get(0).conditions().parked()).as("%s first reports", device).isFalse();
      assertThat(reports.get(reports.size() - 1).conditions())
          .as("%s at last reports", device)
          .isEqualTo(DeviceConditions.IDLE);
      assertThat(reports)
          .extracting(DeviceStateReport::observedAt)
          .as("%s reports in the order it observed", device)
          .isSorted();
    }
    assertThat(seen.stream().filter(r -> r.deviceId().equals(devices.get(0))))
        .allSatisfy(r -> assertThat(r.groups()).containsExactly("west"));
  }
}
