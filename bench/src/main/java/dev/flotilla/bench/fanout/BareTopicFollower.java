package dev.flotilla.bench.fanout;

import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer of the notifier's streams: a bare consumer of {@code flotilla.events} with the settings
 * of the notifier's own reader (read_committed, no group, every partition assigned, 50 ms fetch
 * wait), starting where the topic ends, stamping each poll with {@link System#nanoTime()} as it
 * returns and decoding nothing: when each event (partition, offset) became readable.
 */
final class BareTopicFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BareTopicFollower.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final long[] start;
  private final Map<Long, Long> readAt = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopping;

  private BareTopicFollower(KafkaConsumer<byte[], byte[]> consumer, long[] start) {
    this.consumer = consumer;
    this.start = start;
    this.thread = new Thread(this::run, "flotilla-bench-fanout-bare");
    this.thread.setDaemon(true);
  }

  /** Returns once every partition's position is fixed at its end: nothing after is missed. */
  static BareTopicFollower start(KafkaSettings kafka) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flotilla-bench-fanout-bare");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
    long[] start;
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(Topics.EVENTS.name())) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      start = new long[partitions.size()];
      for (TopicPartition partition : partitions) {
        start[partition.partition()] = consumer.position(partition); // fixes the lazy seek now
      }
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    BareTopicFollower follower = new BareTopicFollower(consumer, start);
    follower.thread.start();
    return follower;
  }

  /** Every partition's next offset when this follower started. */
  long[] start() {
    return start.clone();
  }

  /** Event ({@link PositionDiff#key}) → when a poll returned it. */
  Map<Long, Long> readAt() {
    synchronized (readAt) {
      return new HashMap<>(readAt);
    }
  }

  int count() {
    synchronized (readAt) {
      return readAt.size();
    }
  }

  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try (consumer) {
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofSeconds(1));
        long receivedAt = System.nanoTime();
        synchronized (readAt) {
          for (ConsumerRecord<byte[], byte[]> record : polled) {
            readAt.put(PositionDiff.key(record.partition(), record.offset()), receivedAt);
          }
        }
      }
    } catch (WakeupException e) {
      // close()
    } catch (RuntimeException e) {
      log.error("the bare consumer of {} stopped", Topics.EVENTS.name(), e);
    }
  }
}
