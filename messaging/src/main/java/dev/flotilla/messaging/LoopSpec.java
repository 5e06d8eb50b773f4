package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Everything a {@link TransactionalLoop} was built with. */
record LoopSpec(
    KafkaSettings kafka,
    String groupId,
    String transactionalId,
    List<Topic<?>> topics,
    RecordHandler handler,
    InvalidRecordHandler invalidRecords,
    RecordGate gate,
    int parallelism,
    int maxPollRecords,
    boolean perRecord,
    Duration maxPollInterval,
    Function<Set<Integer>, List<Outgoing<?>>> onAssigned,
    Consumer<Set<Integer>> onRevoked,
    Duration tickEvery,
    Function<Instant, List<Outgoing<?>>> tick) {

  /** How long a poll may block: never past the next tick, at most a second without ticks. */
  static final Duration IDLE_POLL = Duration.ofSeconds(1);

  /**
   * How long a partition pauses at a record its gate held, before the record is asked about again.
   */
  static final Duration HOLD = Duration.ofMillis(100);

  boolean ticks() {
    return tick != null;
  }
}
