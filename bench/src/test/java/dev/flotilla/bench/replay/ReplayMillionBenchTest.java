package dev.flotilla.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.coordinator.projection.ProjectionStore;
import dev.flotilla.coordinator.projection.Projector;
import dev.flotilla.coordinator.projection.RebuildReport;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayMillionBenchTest {
  @TempDir Path dir;

  @Test
  void aRolloutsScriptEndsEveryDeviceAndNumbersItsEventsInOrder() {
    List<DeviceId> devices = IntStream.range(0, 200).mapToObj(i -> DeviceId.of("rv-" + i)).toList();
    List<RolloutEvent> events =
        RolloutScript.events(
            RolloutId.of("r-1"),
            devices,
            true,
            Instant.parse("2026-11-01T08:00:00Z"),
            new Random(7));

    assertThat(events)
        .extracting(RolloutEvent::sequence)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, events.size()).mapToObj(i -> (long) i).toList());
    List<DeviceFinished> finished =
        events.stream()
            .filter(DeviceFinished.class::isInstance)
            .map(DeviceFinished.class::cast)
            .toList();
    assertThat(finished)
        .extracting(DeviceFinished::deviceId)
        .containsExactlyInAnyOrderElementsOf(devices);
    assertThat(finished).extracting(DeviceFinished::outcome).contains(DeviceOutcome.DONE);
    RolloutFinished end = (RolloutFinished) events.get(events.size() - 1);
    assertThat(end.counts().total()).isEqualTo(devices.size());
  }

  @Test
  void theRebuildAppliesExactlyTheGeneratedLogAndTheBenchReportsIt() throws Exception {
    try (DevBroker broker = DevBroker.start(dir.resolve("broker"))) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      TopicProvisioner.ensureTopics(kafka);
      // 2,000 events of rollouts of 100 devices: two rollouts whole, the third cut short.
      EventLogGenerator.Written written =
          new EventLogGenerator(kafka, "t1", 1, new PrintStream(new ByteArrayOutputStream()))
              .write(2_000, 100, 700);
      assertThat(written.events()).isEqualTo(2_000);

      RebuildReport report =
          Projector.rebuild(kafka, dir.resolve(ProjectionStore.FILE_NAME), Duration.ofMinutes(1));
      assertThat(report.events()).isEqualTo(2_000);
      assertThat(report.rollouts()).isEqualTo(written.rollouts());
      assertThat(report.devices()).isPositive();

      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ReplayMillionResult result =
          new ReplayMillionBench(
                  kafka, dir.resolve("bench"), new PrintStream(printed), 1_000, 100, 1)
              .run();
      assertThat(result.eventsGenerated()).isEqualTo(1_000);
      assertThat(result.eventsReplayed()).isEqualTo(3_000);
      assertThat(result.rolloutsProjected())
          .isEqualTo(written.rollouts() + result.rolloutsGenerated());
      result.printTo(new PrintStream(printed));
      assertThat(printed.toString()).contains("Replay of 3,000 events");
    }
  }
}
