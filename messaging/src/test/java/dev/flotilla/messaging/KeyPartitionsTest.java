package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyPartitionsTest {
  @Test
  void agreesWithTheJavaProducersDefaultPartitioner() {
    for (int partitions : List.of(1, 3, 6, 12)) {
      KeyPartitions keys = new KeyPartitions(partitions);
      for (String key : List.of("r-2026-11-22-a", "rv-0001", "x", "rollout:ü:42")) {
        assertThat(keys.partitionOf(key))
            .as("%s over %d partitions", key, partitions)
            .isEqualTo(
                BuiltInPartitioner.partitionForKey(
                    key.getBytes(StandardCharsets.UTF_8), partitions));
      }
    }
  }

  @Test
  void aTopicHasAtLeastOnePartition() {
    assertThatThrownBy(() -> new KeyPartitions(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
