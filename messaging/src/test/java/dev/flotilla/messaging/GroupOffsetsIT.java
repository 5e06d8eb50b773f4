package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupOffsetsIT {
  private final KafkaSettings kafka = TestKafka.settings();

  @Test
  void aNewGroupHasNoOffsetsAndKeepsWhatItCommitsAcrossClients() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "group-offsets");
    String group = TestKafka.unique("it-group");

    try (GroupOffsets offsets = GroupOffsets.of(kafka, group, topic)) {
      assertThat(offsets.committed()).isEmpty();
      offsets.commit(Map.of(0, 3L));
      offsets.commit(Map.of(1, 7L));
    }

    try (GroupOffsets again = GroupOffsets.of(kafka, group, topic)) {
      assertThat(again.committed()).isEqualTo(Map.of(0, 3L, 1, 7L));
      again.commit(Map.of(0, 4L));
      assertThat(again.committed()).isEqualTo(Map.of(0, 4L, 1, 7L));
    }
  }

  @Test
  void theEndsAreWhereAReaderGoesOnFromToReadOnlyWhatComesNext() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "group-ends");
    try (Publisher publisher = Publisher.create(kafka)) {
      for (int i = 0; i < 5; i++) {
        publisher.sendAndWait(topic, new PauseRollout(RolloutId.of("r-" + i), "n", null, null));
      }
    }

    try (GroupOffsets offsets = GroupOffsets.of(kafka, TestKafka.unique("it-group"), topic)) {
      Map<Integer, Long> ends = offsets.ends();

      assertThat(ends).containsOnlyKeys(0, 1);
      assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5);
    }
  }
}
