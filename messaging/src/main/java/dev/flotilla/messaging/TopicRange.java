package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bounded stretch of one topic, on the calling thread, outside any consumer group: the
 * committed records of some partitions from given offsets up to given ends. For a reader that
 * missed part of a topic and must read exactly that part (the notifier catching a client up), where
 * a {@link TopicReader} would go on following the topic.
 */
public final class TopicRange {
  private static final Logger log = LoggerFactory.getLogger(TopicRange.class);

  /** Short polls, so a consumer that asks to stop is heard soon. */
  private static final Duration POLL = Duration.ofMillis(200);

  private static final AtomicLong READS = new AtomicLong();

  /** Takes the records of one poll; may block (to pace the reading) and may ask to stop. */
  @FunctionalInterface
  public interface RangeConsumer<V> {
    /**
     * @param batch the decoded records of one poll below the ends, possibly none, and the offset
     *     each polled partition goes on from
     * @return false to stop reading
     */
    boolean accept(TopicReader.Batch<V> batch) throws Exception;
  }

  private TopicRange() {}

  /**
   * Reads, for each partition of {@code until}, the records from {@code from} (the offset of the
   * first record to read; 0 when absent) up to but not including {@code until}, and no further than
   * the partition's end when called (an open transaction's records are never waited for). Records
   * of one partition come in offset order. An offset the broker no longer holds starts at the
   * earliest one it does hold. Records that do not decode are logged and skipped. Blocks.
   *
   * @return true when the whole range was read, false when {@code onBatch} asked to stop
   * @throws Exception what {@code onBatch} throws, or a {@link
   *     org.apache.kafka.common.KafkaException}
   */
  public static <V> boolean read(
      KafkaSettings kafka,
      Topic<V> topic,
      Map<Integer, Long> from,
      Map<Integer, Long> until,
      RangeConsumer<V> onBatch)
      throws Exception {
    if (kafka == null || topic == null || from == null || until == null || onBatch == null) {
      throw new IllegalArgumentException("kafka, topic, from, until and onBatch are required");
    }
    RecordCodec codec = new RecordCodec(new MessageCodec());
    String clientId =
        "flotilla-range-" + topic.name() + "-" + kafka.instanceId() + "-" + READS.incrementAndGet();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(ClientConfigs.reader(kafka, clientId))) {
      Map<TopicPartition, Long> ends = ends(consumer, topic, from, until);
      if (ends.isEmpty()) {
        return true;
      }
      consumer.assign(ends.keySet());
      ends.keySet().forEach(p -> consumer.seek(p, from.getOrDefault(p.partition(), 0L)));
      while (true) {
        List<TopicPartition> reading = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
          if (consumer.position(partition) < ends.get(partition)) {
            reading.add(partition);
          }
        }
        if (reading.isEmpty()) {
          return true;
        }
        // A partition read to its end is fetched no further.
        List<TopicPartition> done = new ArrayList<>(consumer.assignment());
        done.removeAll(reading);
        consumer.pause(done);
        List<Incoming<V>> valid = new ArrayList<>();
        Map<Integer, Long> next = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= ends.get(partition)) {
            continue;
          }
          next.put(record.partition(), record.offset() + 1);
          if (codec.decode(topic, record) instanceof RecordCodec.Valid<V> ok) {
            valid.add(ok.incoming());
          } else {
            log.warn(
                "Skipping {}-{}@{}: it does not decode",
                record.topic(),
                record.partition(),
                record.offset());
          }
        }
        if (!onBatch.accept(new TopicReader.Batch<>(valid, next))) {
          return false;
        }
      }
    }
  }

  /** The end of each partition to read: {@code until}, or the partition's end if that is sooner. */
  private static Map<TopicPartition, Long> ends(
      KafkaConsumer<byte[], byte[]> consumer,
      Topic<?> topic,
      Map<Integer, Long> from,
      Map<Integer, Long> until) {
    Map<TopicPartition, Long> wanted = new HashMap<>();
    until.forEach(
        (partition, end) -> {
          long start = from.getOrDefault(partition, 0L);
          if (partition < 0 || start < 0) {
            throw new IllegalArgumentException(
                "partitions and offsets must be at least 0: " + from + " to " + until);
          }
          if (start < end) {
            wanted.put(new TopicPartition(topic.name(), partition), end);
          }
        });
    if (wanted.isEmpty()) {
      return wanted;
    }
    // read_committed: the end offsets are the last stable ones.
    consumer
        .endOffsets(wanted.keySet())
        .forEach((partition, end) -> wanted.merge(partition, end, Math::min));
    return wanted;
  }
}
