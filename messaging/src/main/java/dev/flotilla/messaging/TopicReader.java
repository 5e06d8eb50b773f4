package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic, outside any consumer group, on a thread of its own, from
 * the beginning or from given offsets, and hands the decoded values over on that thread: one by one
 * to {@code onRecord}, or a poll at a time to a {@link BatchConsumer}. Reads committed records
 * only. Records that do not decode are logged and skipped.
 */
public final class TopicReader<V> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  /** Polls this large are decoded in parallel. */
  private static final int PARALLEL_DECODE_FROM = 1_000;

  /** Kafka's own default. */
  private static final int DEFAULT_MAX_POLL_RECORDS = 500;

  /** Short polls while someone waits, so a position moving past a commit marker shows soon. */
  private static final Duration WAITED_POLL = Duration.ofMillis(50);

  /** The decoded records of one poll, and the offset each polled partition goes on from. */
  public record Batch<V>(List<Incoming<V>> records, Map<Integer, Long> nextOffsets) {
    public Batch {
      records = List.copyOf(records);
      nextOffsets = Map.copyOf(nextOffsets);
    }
  }

  /** Takes the records of one poll, e.g. to store them and their offsets in one transaction. */
  @FunctionalInterface
  public interface BatchConsumer<V> {
    /**
     * An exception means the batch was not taken: the reader rewinds to its first record and hands
     * it over again after a pause, so nothing is skipped.
     */
    void accept(Batch<V> batch) throws Exception;
  }

  private final KafkaSettings kafka;
  private final Topic<V> topic;
  private final Map<Integer, Long> startOffsets;
  private final BatchConsumer<V> onBatch;
  private final int maxPollRecords;
  private final Backoff retry = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
  private final RecordCodec codec = new RecordCodec(new MessageCodec());
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Queue<CatchUp> requests = new ConcurrentLinkedQueue<>();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean ended;

  /** What stopped the reader, when something did. */
  private volatile RuntimeException failure;

  private boolean lazyCatchUps;

  /** One awaitCaughtUp call: the end offsets to reach, once the reader thread has fetched them. */
  private static final class CatchUp {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    Map<TopicPartition, Long> target;
    volatile String progress = "the reader has not looked at the end offsets yet";
  }

  private TopicReader(
      KafkaSettings kafka,
      Topic<V> topic,
      Map<Integer, Long> startOffsets,
      int maxPollRecords,
      BatchConsumer<V> onBatch) {
    this.kafka = kafka;
    this.topic = topic;
    this.startOffsets = Map.copyOf(startOffsets);
    this.maxPollRecords = maxPollRecords;
    this.onBatch = onBatch;
    this.thread = new Thread(this::run, "flotilla-reader-" + topic.name());
    this.thread.setDaemon(true);
  }

  public static <V> TopicReader<V> fromBeginning(
      KafkaSettings kafka, Topic<V> topic, Consumer<Incoming<V>> onRecord) {
    return fromOffsets(kafka, topic, Map.of(), onRecord);
  }

  /**
   * Starts each partition at its offset in {@code nextOffsets} (the offset of the first record to
   * read), and partitions missing from the map at their beginning. An offset the broker no longer
   * holds starts at the earliest record it does hold. Exceptions from {@code onRecord} are logged
   * and the reader goes on.
   */
  public static <V> TopicReader<V> fromOffsets(
      KafkaSettings kafka,
      Topic<V> topic,
      Map<Integer, Long> nextOffsets,
      Consumer<Incoming<V>> onRecord) {
    if (onRecord == null) {
      throw new IllegalArgumentException("onRecord is required");
    }
    return inBatches(kafka, topic, nextOffsets, batch -> deliverEach(batch, onRecord));
  }

  /**
   * Like {@link #fromOffsets}, but hands over the records of each poll as one {@link Batch}, also
   * when none of them decoded (so the caller can move past them). A batch the consumer refuses by
   * throwing is handed over again, with backoff, until it is taken or the reader is closed.
   */
  public static <V> TopicReader<V> inBatches(
      KafkaSettings kafka,
      Topic<V> topic,
      Map<Integer, Long> nextOffsets,
      BatchConsumer<V> onBatch) {
    return inBatches(kafka, topic, nextOffsets, DEFAULT_MAX_POLL_RECORDS, onBatch);
  }

  /**
   * Like {@link #inBatches(KafkaSettings, Topic, Map, BatchConsumer)}, with batches of up to {@code
   * maxPollRecords} records: for a consumer whose cost is per batch more than per record (one
   * transaction per batch), reading a long log.
   */
  public static <V> TopicReader<V> inBatches(
      KafkaSettings kafka,
      Topic<V> topic,
      Map<Integer, Long> nextOffsets,
      int maxPollRecords,
      BatchConsumer<V> onBatch) {
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException(
          "maxPollRecords must be at least 1, got " + maxPollRecords);
    }
    if (kafka == null || topic == null || nextOffsets == null || onBatch == null) {
      throw new IllegalArgumentException("kafka, topic, nextOffsets and onBatch are required");
    }
    nextOffsets.forEach(
        (partition, offset) -> {
          if (partition == null || offset == null || partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                "offsets must map partitions to offsets, both at least 0, got " + nextOffsets);
          }
        });
    return new TopicReader<>(kafka, topic, nextOffsets, maxPollRecords, onBatch);
  }

  /**
   * Before {@link #start()}, for a reader that follows a topic and seldom needs to {@link
   * #awaitCaughtUp catch up} (a projection, a feed): its consumer waits up to half a second at the
   * broker for new records instead of 50 ms, so at rest it costs the broker a tenth of the fetches.
   * New records still arrive at once; a catch-up may wait out the fetch in flight (the broker
   * answers one connection's requests in order), about a quarter of a second on average.
   */
  public TopicReader<V> lazyCatchUps() {
    if (thread.isAlive()) {
      throw new IllegalStateException("the reader of " + topic.name() + " has started");
    }
    lazyCatchUps = true;
    return this;
  }

  public TopicReader<V> start() {
    thread.start();
    return this;
  }

  /**
   * Blocks until every record that existed when called has been handed over (and, to a batch
   * consumer, taken).
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when that takes longer than {@code
   *     timeout}, saying how far the reader got
   * @throws KafkaException when the reader has stopped
   */
  public void awaitCaughtUp(Duration timeout) {
    CatchUp request = requestCatchUp();
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

  /** Its thread runs: started, neither closed nor stopped by a failure. */
  public boolean running() {
    return thread.isAlive() && !ended;
  }

  /**
   * Without blocking: completes once every record that existed when called has been handed over
   * (and, to a batch consumer, taken), or fails with a {@link KafkaException} when the reader stops
   * first. For a thread that must not wait, such as a consume loop: it asks, goes on, and looks
   * again later.
   */
  public CompletableFuture<Void> caughtUp() {
    // A copy, so a caller completing or cancelling it cannot complete anyone else's.
    return requestCatchUp().done.copy();
  }

  private CatchUp requestCatchUp() {
    if (!thread.isAlive() && !ended) {
      throw new IllegalStateException("start() the reader of " + topic.name() + " first");
    }
    CatchUp request = new CatchUp();
    requests.add(request);
    if (ended) {
      failPending();
    }
    wakeup();
    return request;
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

  private String clientId() {
    return "flotilla-reader-" + topic.name() + "-" + kafka.instanceId();
  }

  private void wakeup() {
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  private void run() {
    List<CatchUp> waiting = new ArrayList<>();
    Map<String, Object> config =
        lazyCatchUps
            ? ClientConfigs.follower(kafka, clientId())
            : ClientConfigs.reader(kafka, clientId());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config);
        EndOffsets ends = new EndOffsets(kafka, clientId() + "-ends")) {
      consumer = reader;
      List<TopicPartition> partitions = awaitPartitions(reader);
      reader.assign(partitions);
      seekToStart(reader, partitions);
      while (!stopped()) {
        try {
          for (CatchUp request; (request = requests.poll()) != null; ) {
            waiting.add(request);
          }
          // Targets are taken after the request is safe in the list: a wakeup may interrupt this.
          for (CatchUp request : waiting) {
            if (request.target == null) {
              request.target = ends.of(partitions);
            }
          }
          completeReached(reader, waiting);
          ConsumerRecords<byte[], byte[]> polled =
              reader.poll(waiting.isEmpty() ? IDLE_POLL : WAITED_POLL);
          if (!polled.isEmpty()) {
            handOver(reader, polled);
          }
          completeReached(reader, waiting);
        } catch (WakeupException e) {
          // A new catch-up request, or close(): the loop looks at both.
        }
      }
    } catch (RuntimeException e) {
      failure = e;
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

  private void seekToStart(KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> partitions) {
    List<TopicPartition> fromBeginning = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Long offset = startOffsets.get(partition.partition());
      if (offset == null) {
        fromBeginning.add(partition);
      } else {
        reader.seek(partition, offset);
      }
    }
    // An empty collection would mean every assigned partition to Kafka.
    if (!fromBeginning.isEmpty()) {
      reader.seekToBeginning(fromBeginning);
    }
  }

  /** Decodes one poll and hands it over; if it is refused, rewinds so that it comes again. */
  private void handOver(
      KafkaConsumer<byte[], byte[]> reader, ConsumerRecords<byte[], byte[]> polled) {
    List<Incoming<V>> valid = new ArrayList<>();
    Map<Integer, Long> next = new TreeMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
    polled.forEach(records::add);
    List<RecordCodec.Decoded<V>> decodedAll = decodeAll(records);
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
      next.put(record.partition(), record.offset() + 1);
      RecordCodec.Decoded<V> decoded = decodedAll.get(i);
      if (decoded instanceof RecordCodec.Invalid<V> invalid) {
        log.warn(
            "Skipping {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            invalid.reason());
      } else if (decoded instanceof RecordCodec.Valid<V> ok) {
        valid.add(ok.incoming());
      }
    }
    try {
      onBatch.accept(new Batch<>(valid, next));
      retry.reset();
    } catch (Exception e) {
      Duration pause = retry.next();
      log.error(
          "A batch of {} records of {} was refused; reading it again in {}",
          polled.count(),
          topic.name(),
          pause,
          e);
      first.forEach(reader::seek);
      try {
        stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        stopping.countDown();
      }
    }
  }

  /**
   * Decodes in the order polled; a large poll (a log read from far behind) on every core, since
   * decoding is most of what reading costs and each record decodes on its own.
   */
  private List<RecordCodec.Decoded<V>> decodeAll(List<ConsumerRecord<byte[], byte[]>> records) {
    if (records.size() < PARALLEL_DECODE_FROM) {
      return records.stream().map(record -> codec.decode(topic, record)).toList();
    }
    return records.parallelStream().map(record -> codec.decode(topic, record)).toList();
  }

  private static <V> void deliverEach(Batch<V> batch, Consumer<Incoming<V>> onRecord) {
    for (Incoming<V> record : batch.records()) {
      try {
        onRecord.accept(record);
      } catch (RuntimeException e) {
        log.error(
            "onRecord failed for {}-{}@{}; going on",
            record.topic().name(),
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

  /** Why it stopped, for every catch-up it leaves waiting: a refused login says so. */
  private KafkaException stoppedReader() {
    RuntimeException cause = failure;
    return cause == null
        ? new KafkaException("the reader of " + topic.name() + " has stopped")
        : new KafkaException(
            "the reader of " + topic.name() + " has stopped: " + cause.getMessage(), cause);
  }

  private boolean stopped() {
    return stopping.getCount() == 0;
  }

  /**
   * The end of the topic for a catch-up, asked on a connection of its own: the broker answers one
   * connection's requests in order, so on the reader's own it would wait out the fetch in flight
   * (up to its fetch wait) first. Opened at the first catch-up.
   */
  private static final class EndOffsets implements AutoCloseable {
    private final KafkaSettings kafka;
    private final String clientId;
    private KafkaConsumer<byte[], byte[]> client;

    EndOffsets(KafkaSettings kafka, String clientId) {
      this.kafka = kafka;
      this.clientId = clientId;
    }

    Map<TopicPartition, Long> of(List<TopicPartition> partitions) {
      if (client == null) {
        client = new KafkaConsumer<>(ClientConfigs.reader(kafka, clientId));
      }
      return client.endOffsets(partitions);
    }

    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }
}
