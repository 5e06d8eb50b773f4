package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicRangeIT {
  private final KafkaSettings kafka = TestKafka.settings();

  @Test
  void readsExactlyTheRecordsBetweenTheGivenOffsetsOfTheGivenPartitions() throws Exception {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "range");
    publish(topic, 30);
    Map<Integer, List<Incoming<ControlCommand>>> all = byPartition(readAll(topic));
    int partition = all.keySet().iterator().next();
    List<Incoming<ControlCommand>> records = all.get(partition);
    assertThat(records).hasSizeGreaterThan(4);
    long from = records.get(1).offset();
    long until = records.get(records.size() - 2).offset();
    List<Incoming<ControlCommand>> read = new ArrayList<>();
    Map<Integer, Long> next = new HashMap<>();

    boolean complete =
        TopicRange.read(
            kafka,
            topic,
            Map.of(partition, from),
            Map.of(partition, until),
            batch -> {
              read.addAll(batch.records());
              next.putAll(batch.nextOffsets());
              return true;
            });

    assertThat(complete).isTrue();
    assertThat(read)
        .extracting(Incoming::offset)
        .containsExactlyElementsOf(
            records.subList(1, records.size() - 2).stream().map(Incoming::offset).toList());
    assertThat(read).extracting(Incoming::partition).containsOnly(partition);
    assertThat(next).containsEntry(partition, until);
  }

  @Test
  void anEndPastThePartitionsEndStopsAtItsEndAndAnEmptyRangeReadsNothing() throws Exception {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "range-end");
    publish(topic, 10);
    Map<Integer, List<Incoming<ControlCommand>>> all = byPartition(readAll(topic));
    Map<Integer, Long> from = new HashMap<>();
    Map<Integer, Long> farAway = new HashMap<>();
    for (int p = 0; p < TestKafka.PARTITIONS; p++) {
      from.put(p, 0L);
      farAway.put(p, 1_000_000L);
    }
    List<Incoming<ControlCommand>> read = new ArrayList<>();

    assertThat(TopicRange.read(kafka, topic, from, farAway, batch -> read.addAll(batch.records())))
        .isTrue();
    assertThat(read).hasSize(10);
    assertThat(TopicRange.read(kafka, topic, farAway, farAway, batch -> false)).isTrue();
    assertThat(all.values().stream().mapToInt(List::size).sum()).isEqualTo(10);
  }

  @Test
  void aConsumerThatAsksToStopEndsTheRead() throws Exception {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "range-stop");
    publish(topic, 10);
    Map<Integer, Long> everything = new HashMap<>();
    for (int p = 0; p < TestKafka.PARTITIONS; p++) {
      everything.put(p, 1_000_000L);
    }
    int[] calls = new int[1];

    boolean complete =
        TopicRange.read(
            kafka,
            topic,
            Map.of(),
            everything,
            batch -> {
              calls[0]++;
              return false;
            });

    assertThat(complete).isFalse();
    assertThat(calls[0]).isEqualTo(1);
  }

  private List<Incoming<ControlCommand>> readAll(Topic<ControlCommand> topic) throws Exception {
    List<Incoming<ControlCommand>> seen = new ArrayList<>();
    Map<Integer, Long> everything = new HashMap<>();
    for (int p = 0; p < TestKafka.PARTITIONS; p++) {
      everything.put(p, Long.MAX_VALUE);
    }
    TopicRange.read(kafka, topic, Map.of(), everything, batch -> seen.addAll(batch.records()));
    return seen;
  }

  private static Map<Integer, List<Incoming<ControlCommand>>> byPartition(
      List<Incoming<ControlCommand>> records) {
    return records.stream().collect(Collectors.groupingBy(Incoming::partition));
  }

  private void publish(Topic<ControlCommand> topic, int count) {
    try (Publisher publisher = Publisher.create(kafka)) {
      for (int i = 0; i < count; i++) {
        publisher.sendAndWait(topic, new PauseRollout(RolloutId.of("r-" + i), "n" + i, null, null));
      }
    }
  }
}
