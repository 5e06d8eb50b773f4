package dev.flotilla.bench;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.RolloutStanding;
import dev.flotilla.messaging.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The peer of the notifier's SSE stream: a bare consumer on a thread of its own, read_committed,
 * outside any group, every partition of {@code flotilla.events} assigned and a plain poll loop,
 * with the settings the notifier's own reader has. It starts at the end of the topic, stamps each
 * poll with {@link System#nanoTime()} as it returns, then decodes, and keeps the events of one
 * rollout.
 */
final class BareEventFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BareEventFollower.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final RolloutId rollout;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final MessageCodec codec = new MessageCodec();
  private final List<NotifierLatency.Published> read = new ArrayList<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean stopping;

  /** Where the rollout stands, read on the consumer's thread only. */
  private RolloutStanding standing = RolloutStanding.NEW;

  private BareEventFollower(RolloutId rollout, KafkaConsumer<byte[], byte[]> consumer) {
    this.rollout = rollout;
    this.consumer = consumer;
    this.thread = new Thread(this::run, "flotilla-bench-bare-events");
    this.thread.setDaemon(true);
  }

  /** Returns once the consumer knows where every partition ends: nothing after is missed. */
  static BareEventFollower start(KafkaSettings kafka, RolloutId rollout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flotilla-bench-bare-events");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(Topics.EVENTS.name())) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      // seekToEnd is lazy: asking the positions fixes them now, before the rollout starts.
      partitions.forEach(consumer::position);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    BareEventFollower follower = new BareEventFollower(rollout, consumer);
    follower.thread.start();
    return follower;
  }

  /** Blocks until the rollout's last event (its end, or its rejection) was read. */
  void awaitEnd(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the bare consumer stopped", e.getCause());
    }
  }

  /** The rollout's events read so far, in the order read. */
  List<NotifierLatency.Published> read() {
    synchronized (read) {
      return List.copyOf(read);
    }
  }

  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try (consumer) {
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        long receivedAt = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
          keep(record, receivedAt);
        }
      }
    } catch (WakeupException e) {
      // close()
    } catch (RuntimeException e) {
      log.error("the bare consumer of {} stopped", Topics.EVENTS.name(), e);
      ended.completeExceptionally(e);
    }
  }

  private void keep(ConsumerRecord<byte[], byte[]> record, long receivedAt) {
    RolloutEvent event;
    try {
      event = codec.decode(Topics.EVENTS, record.value());
    } catch (RuntimeException e) {
      log.warn("skipping {}-{}: {}", record.partition(), record.offset(), e.getMessage());
      return;
    }
    if (!event.rolloutId().equals(rollout)) {
      return;
    }
    synchronized (read) {
      read.add(
          new NotifierLatency.Published(
              event.messageId().value().toString(),
              event.sequence(),
              event.occurredAt(),
              receivedAt));
    }
    standing = standing.evolve(event);
    if (standing.ended()) {
      ended.complete(null);
    }
  }
}
