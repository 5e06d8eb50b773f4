package dev.flotilla.cli.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceConditionsView;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.inventory.FleetInventory;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator on the real broker: drivers report moving, then parked, keeping their groups. */
class DeviceStateSimulatorIT {
  @TempDir Path work;

  @Test
  void driversReportMovingThenParkedWithTheirVersionAndGroupsKept() throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    Path fleetDir = work.resolve("fleet");
    // Names of their own, so other tests on the shared broker never meet these devices.
    DemoFleet.generate(work.resolve("generated"), 2, 5);
    Files.createDirectories(fleetDir);
    List<DeviceId> devices = List.of(DeviceId.of("sim-a"), DeviceId.of("sim-b"));
    Files.move(work.resolve("generated/rv-0001.db"), fleetDir.resolve("sim-a.db"));
    Files.move(work.resolve("generated/rv-0002.db"), fleetDir.resolve("sim-b.db"));
    List<DeviceReport> seen = new CopyOnWriteArrayList<>();

    try (Publisher publisher = Publisher.create(kafka);
        TopicReader<DeviceReport> reader =
            TopicReader.fromBeginning(
                kafka,
                Topics.DEVICES,
                r -> {
                  if (devices.contains(r.value().deviceId())) {
                    seen.add(r.value());
                  }
                })) {
      reader.start();
      publisher.sendAndWait(
          Topics.DEVICES,
          new DeviceReport(
              MessageId.random(),
              Instant.now(),
              devices.get(0),
              2,
              1,
              List.of("west"),
              DeviceConditions.IDLE));
      await().until(() -> seen.size() == 1);
      DeviceConditionsView reported = new DeviceConditionsView();
      try (TopicReader<DeviceReport> groups =
          TopicReader.fromBeginning(kafka, Topics.DEVICES, r -> reported.accept(r.value()))) {
        groups.start().awaitCaughtUp(Duration.ofMinutes(1));
      }
      DrivingSchedule schedule =
          DrivingSchedule.random(devices, 100, Duration.ofSeconds(1), Duration.ofSeconds(2), 9);

      try (DeviceStateSimulator simulator =
          new DeviceStateSimulator(
              new FleetInventory(new DatabaseFolder(fleetDir), reported, Clock.systemUTC()),
              publisher,
              schedule,
              Clock.systemUTC())) {
        simulator.start(devices);
        assertThat(simulator.awaitAllParked(Duration.ofSeconds(30))).isTrue();
      }

      await().until(() -> seen.size() == 5);
    }
    for (DeviceId device : devices) {
      List<DeviceReport> reports = seen.stream().filter(r -> r.deviceId().equals(device)).toList();
      DeviceReport driving = reports.get(reports.size() - 2);
      DeviceReport parked = reports.get(reports.size() - 1);
      assertThat(driving.conditions().parked()).as("%s first reports", device).isFalse();
      assertThat(parked.conditions())
          .as("%s then reports", device)
          .isEqualTo(DeviceConditions.IDLE);
      assertThat(parked.schemaVersion()).isEqualTo(2);
      assertThat(parked.sizeBytes()).isEqualTo(Files.size(fleetDir.resolve(device + ".db")));
    }
    assertThat(seen.stream().filter(r -> r.deviceId().equals(devices.get(0))).skip(1))
        .allSatisfy(r -> assertThat(r.groups()).containsExactly("west"));
  }
}
