package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one partition of a topic from an offset to its last committed record, on the caller's
 * thread, and stops there: how a consumer that takes over a partition rebuilds the state its
 * records hold. Reads committed records only.
 *
 * <p>Unlike {@link TopicReader}, which skips what it cannot decode, a replay stops at such a record
 * by default: state rebuilt without one of its records would be wrong without anyone knowing. A
 * caller whose records carry their own order (the events' sequence numbers, which show a missing
 * event as a gap) may skip them instead, told of each.
 */
public final class PartitionReplay {
  private static final Duration POLL = Duration.ofMillis(500);

  /** Rebuilding reads far more than a live consumer: larger polls, fewer round trips. */
  private static final int RECORDS_PER_POLL = 5000;

  private PartitionReplay() {}

  /**
   * Hands every committed record of {@code partition} from {@code fromOffset} on to {@code
   * onRecord}, in order, up to the last one committed when called. An offset the broker no longer
   * holds starts at the earliest record it does hold. Exceptions of {@code onRecord} end the replay
   * and reach the caller.
   *
   * @return the offset to go on from: one past the last record read
   * @throws KafkaException when a record does not decode, naming it
   */
  public static <V> long read(
      KafkaSettings kafka,
      Topic<V> topic,
      int partition,
      long fromOffset,
      Consumer<Incoming<V>> onRecord) {
    return read(
        kafka,
        topic,
        partition,
        fromOffset,
        onRecord,
        (offset, reason) -> {
          throw new KafkaException(
              "cannot replay " + topic.name() + "-" + partition + "@" + offset + ": " + reason);
        });
  }

  /** What to do with a record that does not decode, at its offset, for the reason given. */
  @FunctionalInterface
  public interface Undecodable {
    void skip(long offset, String reason);
  }

  /**
   * As {@link #read(KafkaSettings, Topic, int, long, Consumer)}, but a record that does not decode
   * goes to {@code onUndecodable}, which may throw to stop the replay or return to skip it.
   */
  public static <V> long read(
      KafkaSettings kafka,
      Topic<V> topic,
      int partition,
      long fromOffset,
      Consumer<Incoming<V>> onRecord,
      Undecodable onUndecodable) {
    if (kafka == null || topic == null || onRecord == null || onUndecodable == null) {
      throw new IllegalArgumentException("kafka, topic and onRecord are required");
    }
    if (partition < 0 || fromOffset < 0) {
      throw new IllegalArgumentException(
          "partition and offset must be at least 0, got " + partition + "@" + fromOffset);
    }
    Map<String, Object> config =
        ClientConfigs.reader(
            kafka, "flotilla-replay-" + topic.name() + "-" + partition + "-" + kafka.instanceId());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RECORDS_PER_POLL);
    RecordCodec codec = new RecordCodec(new MessageCodec());
    TopicPartition source = new TopicPartition(topic.name(), partition);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(List.of(source));
      consumer.seek(source, fromOffset);
      // With read_committed the end offset is the last stable offset: everything committed.
      long end = consumer.endOffsets(List.of(source)).get(source);
      while (consumer.position(source) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          RecordCodec.Decoded<V> decoded = codec.decode(topic, record);
          if (decoded instanceof RecordCodec.Valid<V> valid) {
            onRecord.accept(valid.incoming());
          } else if (decoded instanceof RecordCodec.Invalid<V> invalid) {
            onUndecodable.skip(record.offset(), invalid.reason());
          }
        }
      }
      return consumer.position(source);
    }
  }
}
