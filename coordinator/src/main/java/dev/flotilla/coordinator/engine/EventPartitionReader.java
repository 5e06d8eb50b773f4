package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition of {@code flotilla.events} from its start to its last committed record: how a
 * coordinator that takes over a partition learns the state of its rollouts.
 */
final class EventPartitionReader {
  private static final Logger LOG = LoggerFactory.getLogger(EventPartitionReader.class);

  private final KafkaSettings kafka;
  private final MessageCodec codec;

  EventPartitionReader(KafkaSettings kafka, MessageCodec codec) {
    this.kafka = kafka;
    this.codec = codec;
  }

  /**
   * Hands every committed event of the partition from {@code fromOffset} on to {@code onEvent}, in
   * order; returns the offset after the last one read.
   */
  long replay(int partition, long fromOffset, Consumer<RolloutEvent> onEvent) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flotilla-coordinator-replay-" + kafka.instanceId());
    TopicPartition events = new TopicPartition(Topics.EVENTS.name(), partition);
    long count = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(events));
      consumer.seek(events, fromOffset);
      // With read_committed the end offset is the last stable offset: everything committed.
      Map<TopicPartition, Long> end = consumer.endOffsets(List.of(events));
      long target = end.get(events);
      while (consumer.position(events) < target) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          onEvent.accept(codec.decode(record.value(), RolloutEvent.class));
          count++;
        }
      }
      LOG.info(
          "replayed {} events of {}-{} from offset {}",
          count,
          Topics.EVENTS.name(),
          partition,
          fromOffset);
      return consumer.position(events);
    }
  }
}
