package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consume → handle → in one Kafka transaction send the outputs and commit the input offsets, on a
 * thread of its own.
 *
 * <ul>
 *   <li>The handler runs before the transaction opens, so device work may outlast the transaction
 *       timeout; the transaction only records the outcome.
 *   <li>Records that do not decode, or fail validation, go to {@link
 *       dev.flotilla.contracts.topic.Topics#DEAD_LETTERS} in the same transaction (see {@link
 *       DeadLetters}); the loop goes on.
 *   <li>When the handler throws or the transaction fails, the transaction is aborted, the consumer
 *       rewound to the committed offsets, onAssigned called again with the whole assignment, and
 *       the batch retried after a growing pause.
 *   <li>A fenced producer (another instance took over our transactional id) closes both clients and
 *       rejoins the group with new ones.
 * </ul>
 *
 * Topics subscribed together are assigned with Kafka's range assignor, so co-partitioned topics
 * stay together: the owner of partition p of one owns partition p of the others.
 */
public final class TransactionalLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TransactionalLoop.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

  private final LoopSpec spec;
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile LoopSession current;

  private TransactionalLoop(LoopSpec spec) {
    this.spec = spec;
    this.thread = new Thread(this::run, "flotilla-loop-" + spec.groupId());
    // An Error (a missing class, no memory) ends the loop for good: a service that consumes
    // nothing must not look alive, so the process exits and its supervisor restarts it. The exit
    // runs on its own thread because shutdown hooks join this one.
    this.thread.setUncaughtExceptionHandler(
        (dead, error) -> {
          log.error("Loop of group {} died; stopping the process", spec.groupId(), error);
          new Thread(() -> System.exit(70), "flotilla-fatal-exit").start();
        });
    this.thread.setDaemon(true);
  }

  /**
   * @param groupId the consumer group, e.g. {@code flotilla-coordinator}
   * @param transactionalIdPrefix the producer's transactional id is this, a dash and the instance
   *     id; distinct per loop within one instance
   */
  public static Builder builder(KafkaSettings kafka, String groupId, String transactionalIdPrefix) {
    return new Builder(kafka, groupId, transactionalIdPrefix);
  }

  public TransactionalLoop start() {
    if (stopping.getCount() == 0) {
      throw new IllegalStateException("loop of group " + spec.groupId() + " was closed");
    }
    thread.start();
    return this;
  }

  /** Stops after the round in progress; returns when the loop's thread has ended. */
  @Override
  public void close() {
    stopping.countDown();
    LoopSession session = current;
    if (session != null) {
      session.wakeup();
    }
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    log.info(
        "Loop of group {} starting on {} as {}",
        spec.groupId(),
        spec.topics(),
        spec.transactionalId());
    MessageCodec messageCodec = new MessageCodec();
    RecordCodec codec = new RecordCodec(messageCodec);
    Backoff backoff = new Backoff(FIRST_RETRY, LONGEST_RETRY);
    int sessions = 0;
    try (BatchHandler batches =
        new BatchHandler(
            spec.topics(),
            spec.handler(),
            spec.invalidRecords(),
            spec.gate(),
            codec,
            spec.groupId(),
            spec.parallelism())) {
      while (!stopped()) {
        String clientId = spec.transactionalId() + "-" + ++sessions;
        try (LoopSession session =
            new LoopSession(spec, batches, codec, backoff, stopping, clientId)) {
          current = session;
          // close() may have missed this session: it sets stopping before reading current.
          if (!stopped()) {
            session.run();
          }
        } catch (Exception e) {
          if (stopped()) {
            break;
          }
          Duration delay = backoff.next();
          if (Fencing.isFenced(e)) {
            log.warn(
                "Producer {} was fenced; rejoining group {} in {} ms",
                spec.transactionalId(),
                spec.groupId(),
                delay.toMillis());
          } else {
            log.error(
                "Loop of group {} lost its clients; reconnecting in {} ms",
                spec.groupId(),
                delay.toMillis(),
                e);
          }
          awaitStop(delay);
        } finally {
          current = null;
        }
      }
    }
    log.info("Loop of group {} stopped", spec.groupId());
  }

  private boolean stopped() {
    return stopping.getCount() == 0;
  }

  private void awaitStop(Duration delay) {
    try {
      stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.countDown();
    }
  }

  /** Describes a loop; nothing connects until {@link TransactionalLoop#start()}. */
  public static final class Builder {
    private final KafkaSettings kafka;
    private final String groupId;
    private final String transactionalIdPrefix;
    private List<Topic<?>> topics = List.of();
    private RecordHandler handler;
    private InvalidRecordHandler invalidRecords = InvalidRecordHandler.NONE;
    private RecordGate gate = RecordGate.OPEN;
    private int parallelism = 1;
    private int maxPollRecords = 100;
    private Function<Set<Integer>, List<Outgoing<?>>> onAssigned = partitions -> List.of();
    private Consumer<Set<Integer>> onRevoked = partitions -> {};
    private Duration tickEvery;
    private Function<Instant, List<Outgoing<?>>> tick;

    private Builder(KafkaSettings kafka, String groupId, String transactionalIdPrefix) {
      if (kafka == null) {
        throw new IllegalArgumentException("kafka settings are required");
      }
      this.kafka = kafka;
      this.groupId = notBlank(groupId, "groupId");
      this.transactionalIdPrefix = notBlank(transactionalIdPrefix, "transactionalIdPrefix");
    }

    public Builder subscribe(List<Topic<?>> topics) {
      if (topics == null || topics.isEmpty()) {
        throw new IllegalArgumentException("subscribe to at least one topic");
      }
      this.topics = List.copyOf(topics);
      return this;
    }

    public Builder handler(RecordHandler handler) {
      this.handler = handler;
      return this;
    }

    /**
     * What to publish, besides its dead letter, for a record that does not decode (by default
     * nothing).
     */
    public Builder invalidRecords(InvalidRecordHandler invalidRecords) {
      if (invalidRecords == null) {
        throw new IllegalArgumentException("invalidRecords must not be null");
      }
      this.invalidRecords = invalidRecords;
      return this;
    }

    /**
     * Holds each record until {@code gate} says it is ready, pausing its partition from it on
     * meanwhile (see {@link RecordGate}); by default every record is ready.
     */
    public Builder holdUntilReady(RecordGate gate) {
      if (gate == null) {
        throw new IllegalArgumentException("gate must not be null");
      }
      this.gate = gate;
      return this;
    }

    /** How many records of a batch are handled at once; records of one key keep their order. */
    public Builder parallelism(int parallelism) {
      this.parallelism = atLeastOne(parallelism, "parallelism");
      return this;
    }

    public Builder maxPollRecords(int maxPollRecords) {
      this.maxPollRecords = atLeastOne(maxPollRecords, "maxPollRecords");
      return this;
    }

    /**
     * Called on the loop thread with partition numbers newly assigned, and again with the whole
     * assignment after an aborted transaction; what it returns is sent in the next transaction.
     */
    public Builder onAssigned(Function<Set<Integer>, List<Outgoing<?>>> onAssigned) {
      this.onAssigned = onAssigned;
      return this;
    }

    public Builder onRevoked(Consumer<Set<Integer>> onRevoked) {
      this.onRevoked = onRevoked;
      return this;
    }

    /**
     * Called on the loop thread at least every {@code every}; its outputs are sent in a
     * transaction.
     */
    public Builder tick(Duration every, Function<Instant, List<Outgoing<?>>> tick) {
      if (every == null || every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("tick interval must be positive, got " + every);
      }
      this.tickEvery = every;
      this.tick = tick;
      return this;
    }

    public TransactionalLoop build() {
      if (topics.isEmpty()) {
        throw new IllegalStateException("subscribe(...) to at least one topic");
      }
      if (handler == null || onAssigned == null || onRevoked == null) {
        throw new IllegalStateException("handler, onAssigned and onRevoked must not be null");
      }
      return new TransactionalLoop(
          new LoopSpec(
              kafka,
              groupId,
              transactionalIdPrefix + "-" + kafka.instanceId(),
              topics,
              handler,
              invalidRecords,
              gate,
              parallelism,
              maxPollRecords,
              onAssigned,
              onRevoked,
              tickEvery,
              tick));
    }

    private static String notBlank(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static int atLeastOne(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
