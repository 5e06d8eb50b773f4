package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topic;
import io.micrometer.core.instrument.Metrics;
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
  private volatile Session current;
  private final LoopHealth health;

  private TransactionalLoop(LoopSpec spec) {
    this.spec = spec;
    this.health = new LoopHealth(spec.groupId());
    this.thread = new Thread(this::run, "flotilla-loop-" + spec.groupId());
    // An Error (a missing class, no memory) ends the loop for good: a service that consumes
    // nothing must not look alive, so the process exits and its supervisor restarts it. The exit
    // runs on its own thread because shutdown hooks join this one.
    this.thread.setUncaughtExceptionHandler(
        (dead, error) -> {
          health.ended();
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
    Session session = current;
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
    RecordProcessor processor =
        new RecordProcessor(
            spec.topics(), spec.handler(), spec.invalidRecords(), codec, spec.groupId());
    Backoff backoff = new Backoff(FIRST_RETRY, LONGEST_RETRY);
    int sessions = 0;
    try (BatchHandler batches =
        new BatchHandler(
            processor, spec.gate(), spec.groupId(), spec.perRecord() ? 1 : spec.parallelism())) {
      while (!stopped()) {
        String clientId = spec.transactionalId() + "-" + ++sessions;
        try (Session session =
            spec.perRecord()
                ? new PerRecordSession(spec, processor, backoff, stopping, clientId, health)
                : new LoopSession(spec, batches, codec, backoff, stopping, clientId, health)) {
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
          boolean fenced = Fencing.isFenced(e);
          Metrics.counter(
                  "flotilla.loop.restarts",
                  "group",
                  spec.groupId(),
                  "cause",
                  fenced ? "fenced" : "clients-lost")
              .increment();
          if (fenced) {
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
    health.ended();
    log.info("Loop of group {} stopped", spec.groupId());
  }

  /** Whether the loop runs and reaches the broker: for the service's health endpoints. */
  public LoopHealth health() {
    return health;
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

  /**
   * One consumer and one transactional producer, from joining the group until fenced, broken or
   * stopped: {@link LoopSession} commits a poll at a time, {@link PerRecordSession} a record at a
   * time.
   */
  interface Session extends AutoCloseable {
    /**
     * Runs until stopped.
     *
     * @throws Exception when the session cannot go on: the loop closes it and starts a new one
     */
    void run() throws Exception;

    /** Makes a blocking consumer call return at once, to stop. */
    void wakeup();

    @Override
    void close();
  }

  /** Describes a loop; nothing connects until {@link TransactionalLoop#start()}. */
  public static final class Builder {
    private static final Function<Set<Integer>, List<Outgoing<?>>> NOTHING_ASSIGNED =
        partitions -> List.of();

    /** Kafka's own default; a loop for device work never asks for less. */
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);

    private final KafkaSettings kafka;
    private final String groupId;
    private final String transactionalIdPrefix;
    private List<Topic<?>> topics = List.of();
    private RecordHandler handler;
    private InvalidRecordHandler invalidRecords = InvalidRecordHandler.NONE;
    private RecordGate gate = RecordGate.OPEN;
    private int parallelism = 1;
    private int maxPollRecords = 100;
    private boolean perRecord;
    private Duration maxPollInterval;
    private Function<Set<Integer>, List<Outgoing<?>>> onAssigned = NOTHING_ASSIGNED;
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

    /**
     * The preset for long work on devices (a backup, a migration), where one record may take
     * minutes:
     *
     * <ul>
     *   <li>each record's outputs are committed, with its offset, as soon as that record is handled
     *       — a slow record holds back only the later records of its own key, never the replies of
     *       other keys, not even those polled with it;
     *   <li>at most {@code parallelism} records are taken in at a time ({@code max.poll.records}
     *       and the records in hand), records of one key one after another in their order, those of
     *       different keys side by side;
     *   <li>the loop thread goes on polling while records are handled, so the member stays in its
     *       group however long a record takes; {@code max.poll.interval.ms}, which bounds how long
     *       a rebalance waits for the records in hand to end, is {@code longestStep} and half as
     *       much again, and never below Kafka's five-minute default.
     * </ul>
     *
     * Exactly once holds as in every loop: outputs and offsets go in one transaction, and a record
     * finished past an unfinished one is named in its partition's committed offset, so it is not
     * handled again. The handler must still be idempotent, as a failed commit hands records over
     * again. onAssigned, ticks and a {@link RecordGate} belong to batch loops and are refused here.
     *
     * @param longestStep the longest one record may take to handle, e.g. the step timeout
     */
    public Builder forDeviceWork(int parallelism, Duration longestStep) {
      if (longestStep == null || longestStep.isNegative() || longestStep.isZero()) {
        throw new IllegalArgumentException("longestStep must be positive, got " + longestStep);
      }
      parallelism(parallelism);
      maxPollRecords(parallelism);
      this.perRecord = true;
      this.maxPollInterval = pollIntervalFor(longestStep);
      return this;
    }

    /** Half as much again as the longest step, and never below Kafka's default. */
    static Duration pollIntervalFor(Duration longestStep) {
      Duration interval = longestStep.plus(longestStep.dividedBy(2));
      return interval.compareTo(DEFAULT_POLL_INTERVAL) < 0 ? DEFAULT_POLL_INTERVAL : interval;
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
      if (perRecord
          && (onAssigned != NOTHING_ASSIGNED || tick != null || gate != RecordGate.OPEN)) {
        throw new IllegalStateException(
            "a loop for device work commits record by record: onAssigned, tick and"
                + " holdUntilReady are for loops that commit whole polls");
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
              perRecord,
              maxPollInterval,
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
