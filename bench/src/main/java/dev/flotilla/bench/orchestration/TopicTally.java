package dev.flotilla.bench.orchestration;

import dev.flotilla.messaging.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What was written to some topics between two moments: the end offsets of every partition at the
 * start ({@link #mark}), and at the end the records between them read back with {@code
 * read_committed}. A partition's end offset also advances by one for each transaction marker (and
 * for records of aborted transactions), which a consumer never sees: so the advance minus the
 * committed records counts the transactions that wrote to that partition.
 */
final class TopicTally {
  /** Records and markers written to one topic, and where its transactions are counted. */
  record Written(
      String topic, long records, long valueBytes, long markers, long maxPartitionMarkers) {}

  private final KafkaSettings kafka;
  private final List<String> topics;
  private final Map<TopicPartition, Long> start;

  private TopicTally(KafkaSettings kafka, List<String> topics, Map<TopicPartition, Long> start) {
    this.kafka = kafka;
    this.topics = topics;
    this.start = start;
  }

  static TopicTally mark(KafkaSettings kafka, List<String> topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      return new TopicTally(kafka, List.copyOf(topics), ends(consumer, topics));
    }
  }

  /** Per topic, in the order given: what was written since {@link #mark}. */
  Map<String, Written> written() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      Map<TopicPartition, Long> end = ends(consumer, topics);
      Map<TopicPartition, long[]> read = new HashMap<>(); // records, bytes
      List<TopicPartition> toRead = new ArrayList<>();
      end.forEach(
          (partition, offset) -> {
            read.put(partition, new long[2]);
            if (offset > start.getOrDefault(partition, 0L)) {
              toRead.add(partition);
            }
          });
      consumer.assign(toRead);
      toRead.forEach(p -> consumer.seek(p, start.getOrDefault(p, 0L)));
      List<TopicPartition> reading = new ArrayList<>(toRead);
      while (!reading.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(partition)) {
            long[] tally = read.get(partition);
            tally[0]++;
            tally[1] += record.serializedValueSize();
          }
        }
        reading.removeIf(p -> consumer.position(p) >= end.get(p));
        consumer.pause(toRead.stream().filter(p -> !reading.contains(p)).toList());
      }
      Map<String, Written> written = new LinkedHashMap<>();
      for (String topic : topics) {
        long records = 0;
        long bytes = 0;
        long markers = 0;
        long maxMarkers = 0;
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
          if (!entry.getKey().topic().equals(topic)) {
            continue;
          }
          long advance = entry.getValue() - start.getOrDefault(entry.getKey(), 0L);
          long[] tally = read.get(entry.getKey());
          records += tally[0];
          bytes += tally[1];
          markers += advance - tally[0];
          maxMarkers = Math.max(maxMarkers, advance - tally[0]);
        }
        written.put(topic, new Written(topic, records, bytes, markers, maxMarkers));
      }
      return written;
    }
  }

  private static Map<TopicPartition, Long> ends(
      KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    return new HashMap<>(consumer.endOffsets(partitions));
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-tally-" + UUID.randomUUID());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(config);
  }
}
