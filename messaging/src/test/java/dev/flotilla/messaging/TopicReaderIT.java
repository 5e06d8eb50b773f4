package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topic.Cleanup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TopicReaderIT {
  private final KafkaSettings kafka = TestKafka.settings();

  @Test
  void awaitCaughtUpReturnsOnlyAfterEverythingPublishedBeforeWasHandedOver() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "reader");
    try (Publisher publisher = Publisher.create(kafka)) {
      for (int i = 0; i < 20; i++) {
        publisher.sendAndWait(topic, pause("r-" + i % 3, "n" + i));
        if (i == 10) {
          TestKafka.sendRaw(kafka, topic.name(), "r-1", TestKafka.utf8("not json at all"));
        }
      }
    }
    List<Incoming<ControlCommand>> seen = new CopyOnWriteArrayList<>();

    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(kafka, topic, seen::add).start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));

      // No waiting here: awaitCaughtUp promised every earlier record was handed over already.
      assertThat(seen).hasSize(20);
      assertThat(seen)
          .extracting(r -> r.value().requestedBy())
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, 20).mapToObj(i -> "n" + i).toList());
      assertThat(seen).allSatisfy(r -> assertThat(r.topic()).isEqualTo(topic));
    }
  }

  @Test
  void awaitCaughtUpOnATopicThatDoesNotExistTimesOutSayingSo() {
    Topic<ControlCommand> missing =
        new Topic<>(
            TestKafka.unique("it.missing"),
            ControlCommand.class,
            Cleanup.DELETE,
            c -> c.rolloutId().value());
    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(kafka, missing, record -> {}).start()) {
      assertThatThrownBy(() -> reader.awaitCaughtUp(Duration.ofMillis(300)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining(missing.name())
          .hasMessageContaining("did not catch up within PT0.3S");
    }
  }

  private static PauseRollout pause(String rollout, String requestedBy) {
    return new PauseRollout(RolloutId.of(rollout), requestedBy, null, null);
  }
}
