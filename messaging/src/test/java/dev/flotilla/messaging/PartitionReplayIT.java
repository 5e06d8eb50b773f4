package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class PartitionReplayIT {
  private final KafkaSettings kafka = TestKafka.settings();
  private final KeyPartitions partitions = new KeyPartitions(TestKafka.PARTITIONS);

  @Test
  void readsOnePartitionFromAnOffsetToItsEndInOrderAndSaysWhereToGoOn() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "replay");
    String here = keyOn(0);
    String elsewhere = keyOn(1);
    try (Publisher publisher = Publisher.create(kafka)) {
      for (int i = 0; i < 6; i++) {
        publisher.sendAndWait(topic, pause(here, "n" + i));
        publisher.sendAndWait(topic, pause(elsewhere, "other" + i));
      }
    }
    List<Incoming<ControlCommand>> seen = new ArrayList<>();

    long next = PartitionReplay.read(kafka, topic, 0, 2, seen::add);

    assertThat(next).isEqualTo(6);
    assertThat(seen)
        .extracting(r -> r.value().requestedBy())
        .containsExactly("n2", "n3", "n4", "n5");
    assertThat(seen).extracting(Incoming::offset).containsExactly(2L, 3L, 4L, 5L);
    assertThat(seen).allSatisfy(r -> assertThat(r.partition()).isZero());

    // From where it stopped, with nothing new: nothing to read, and the same place to go on from.
    List<Incoming<ControlCommand>> again = new ArrayList<>();
    assertThat(PartitionReplay.read(kafka, topic, 0, next, again::add)).isEqualTo(6);
    assertThat(again).isEmpty();
  }

  @Test
  void aRecordThatDoesNotDecodeStopsTheReplayNamingWhereItIs() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "replay-bad");
    String here = keyOn(1);
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(topic, pause(here, "good"));
    }
    TestKafka.sendRaw(kafka, topic.name(), here, TestKafka.utf8("{not json"));
    List<Incoming<ControlCommand>> seen = new ArrayList<>();

    assertThatThrownBy(() -> PartitionReplay.read(kafka, topic, 1, 0, seen::add))
        .isInstanceOf(KafkaException.class)
        .hasMessageContaining(topic.name() + "-1@1");
    assertThat(seen).extracting(r -> r.value().requestedBy()).containsExactly("good");
  }

  @Test
  void whatTheCallerThrowsEndsTheReplayAndReachesIt() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "replay-throw");
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(topic, pause(keyOn(0), "first"));
    }

    assertThatThrownBy(
            () ->
                PartitionReplay.read(
                    kafka,
                    topic,
                    0,
                    0,
                    record -> {
                      throw new IllegalStateException("a gap in the sequence");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a gap in the sequence");
  }

  private String keyOn(int partition) {
    return IntStream.range(0, 100)
        .mapToObj(i -> "r-" + i)
        .filter(key -> partitions.partitionOf(key) == partition)
        .findFirst()
        .orElseThrow();
  }

  private static PauseRollout pause(String rollout, String requestedBy) {
    return new PauseRollout(RolloutId.of(rollout), requestedBy, null, null);
  }
}
