package dev.flotilla.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;

/**
 * Reads a whole topic as its records are, bytes and headers, from the beginning of each partition
 * to its end when called, on the calling thread, outside any consumer group: for checks of the log
 * itself (the events' hash chains), where decoding would hide what was written.
 */
public final class RawLog {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final AtomicLong READS = new AtomicLong();

  /** A committed record as written. */
  public record Record(int partition, long offset, byte[] value, Map<String, byte[]> headers) {
    /** A header's last value as text, or null when the record has none of that name. */
    public String header(String name) {
      byte[] value = headers.get(name);
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
  }

  private RawLog() {}

  /**
   * Every committed record of {@code topic}, each partition in offset order (partitions one after
   * the other).
   *
   * @throws TimeoutException when the topic is not read to its end within {@code timeout}
   */
  public static void readToEnd(
      KafkaSettings kafka, String topic, Duration timeout, Consumer<Record> each) {
    String clientId =
        "flotilla-raw-" + topic + "-" + kafka.instanceId() + "-" + READS.incrementAndGet();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(ClientConfigs.reader(kafka, clientId))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
              .toList();
      // read_committed: the end offsets are the last stable ones.
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      for (TopicPartition partition : partitions) {
        long end = ends.get(partition);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        while (consumer.position(partition, timeout) < end) {
          if (Instant.now().isAfter(deadline)) {
            throw new TimeoutException(topic + " was not read to its end within " + timeout);
          }
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.offset() < end) {
              each.accept(
                  new Record(record.partition(), record.offset(), record.value(), headers(record)));
            }
          }
        }
      }
    }
  }

  private static Map<String, byte[]> headers(ConsumerRecord<byte[], byte[]> record) {
    return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
        .collect(Collectors.toMap(Header::key, Header::value, (first, last) -> last));
  }
}
