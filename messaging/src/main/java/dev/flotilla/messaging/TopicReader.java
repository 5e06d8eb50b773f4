package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic from the beginning, outside any consumer group, on a thread
 * of its own, and hands each decoded value to {@code onRecord} (on that thread). Reads committed
 * records only. Records that do not decode are logged and skipped.
 */
public final class TopicReader<V> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  /** Short polls while someone waits, so a position moving past a commit marker shows soon. */
  private static final Duration WAITED_POLL = Duration.ofMillis(50);

  private final KafkaSettings kafka;
  private final Topic<V> topic;
  private final Consumer<Incoming<V>> onRecord;
  private final RecordCodec codec = new RecordCodec(new MessageCodec());
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Queue<CatchUp> requests = new ConcurrentLinkedQueue<>();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean ended;

  /** One awaitCaughtUp call: the end offsets to reach, once the reader thread has fetched them. */
  private static final class CatchUp {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    Map<TopicPartition, Long> target;
    volatile String progress = "the reader has not looked at the end offsets yet";
  }

  private TopicReader(KafkaSettings kafka, Topic<V> topic, Consumer<Incoming<V>> onRecord) {
    this.kafka = kafka;
    this.topic = topic;
    this.onRecord = onRecord;
    this.thread = new Thread(this::run, "flotilla-reader-" + topic.name());
    this.thread.setDaemon(true);
  }

  public static <V> TopicReader<V> fromBeginning(
      KafkaSettings kafka, Topic<V> topic, Consumer<Incoming<V>> onRecord) {
    if (kafka == null || topic == null || onRecord == null) {
      throw new IllegalArgumentException("kafka, topic and onRecord are required");
    }
    return new TopicReader<>(kafka, topic, onRecord);
  }

  public TopicReader<V> start() {
    thread.start();
    return this;
  }

  /**
   * Blocks until every record that existed when called has been handed to onRecord.
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when that takes longer than {@code
   *     timeout}, saying how far the reader got
   * @throws KafkaException when the reader has stopped
   */
  public void awaitCaughtUp(Duration timeout) {
    if (!thread.isAlive() && !ended) {
      throw new IllegalStateException("start() the reader of " + topic.name() + " first");
    }
    CatchUp request = new CatchUp();
    requests.add(request);
    if (ended) {
      failPending();
    }
    wakeup();
    try {
      request.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new org.apache.kafka.common.errors.TimeoutException(
          "the reader of "
              + topic.name()
              + " did not catch up within "
              + timeout
              + ": "
              + request.progress);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "the reader of " + topic.name() + " stopped before catching up", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for the reader of " + topic.name(), e);
    }
  }

  @Override
  public void close() {
    stopping.countDown();
    wakeup();
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void wakeup() {
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  private void run() {
    List<CatchUp> waiting = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(
            ClientConfigs.reader(
                kafka, "flotilla-reader-" + topic.name() + "-" + kafka.instanceId()))) {
      consumer = reader;
      List<TopicPartition> partitions = awaitPartitions(reader);
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      while (!stopped()) {
        try {
          for (CatchUp request; (request = requests.poll()) != null; ) {
            waiting.add(request);
          }
          // Targets are taken after the request is safe in the list: a wakeup may interrupt this.
          for (CatchUp request : waiting) {
            if (request.target == null) {
              request.target = reader.endOffsets(partitions);
            }
          }
          completeReached(reader, waiting);
          for (ConsumerRecord<byte[], byte[]> record :
              reader.poll(waiting.isEmpty() ? IDLE_POLL : WAITED_POLL)) {
            deliver(record);
          }
          completeReached(reader, waiting);
        } catch (WakeupException e) {
          // A new catch-up request, or close(): the loop looks at both.
        }
      }
    } catch (RuntimeException e) {
      log.error("The reader of {} stopped", topic.name(), e);
    } finally {
      consumer = null;
      ended = true;
      waiting.forEach(request -> request.done.completeExceptionally(stoppedReader()));
      failPending();
    }
  }

  /** Waits until the topic exists (the provisioner may still be creating it). */
  private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> reader) {
    boolean told = false;
    while (!stopped()) {
      List<PartitionInfo> infos;
      try {
        infos = reader.partitionsFor(topic.name());
      } catch (WakeupException e) {
        continue; // a catch-up request, or close(): the loop condition tells which
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      }
      if (!told) {
        log.info("Topic {} does not exist yet; waiting for it", topic.name());
        told = true;
      }
      try {
        stopping.await(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping.countDown();
      }
    }
    return List.of();
  }

  private void completeReached(KafkaConsumer<byte[], byte[]> reader, List<CatchUp> waiting) {
    if (waiting.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    for (TopicPartition partition : reader.assignment()) {
      positions.put(partition, reader.position(partition));
    }
    for (Iterator<CatchUp> it = waiting.iterator(); it.hasNext(); ) {
      CatchUp request = it.next();
      if (request.target == null) {
        continue;
      }
      boolean reached =
          request.target.entrySet().stream()
              .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
      if (reached) {
        request.done.complete(null);
        it.remove();
      } else {
        request.progress = "at " + positions + ", end offsets " + request.target;
      }
    }
  }

  private void deliver(ConsumerRecord<byte[], byte[]> record) {
    RecordCodec.Decoded<V> decoded = codec.decode(topic, record);
    if (decoded instanceof RecordCodec.Invalid<V> invalid) {
      log.warn(
          "Skipping {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          invalid.reason());
    } else if (decoded instanceof RecordCodec.Valid<V> valid) {
      try {
        onRecord.accept(valid.incoming());
      } catch (RuntimeException e) {
        log.error(
            "onRecord failed for {}-{}@{}; going on",
            record.topic(),
            record.partition(),
            record.offset(),
            e);
      }
    }
  }

  private void failPending() {
    for (CatchUp request; (request = requests.poll()) != null; ) {
      request.done.completeExceptionally(stoppedReader());
    }
  }

  private KafkaException stoppedReader() {
    return new KafkaException("the reader of " + topic.name() + " has stopped");
  }

  private boolean stopped() {
    return stopping.getCount() == 0;
  }
}
