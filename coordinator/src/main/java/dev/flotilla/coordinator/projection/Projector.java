package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the projections up to date: follows every partition of {@code flotilla.events}
 * (read_committed) from the offsets the store has applied, on a thread of its own, and applies each
 * poll as one transaction with its offsets. A batch that fails is read again, never skipped.
 */
public final class Projector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Projector.class);

  /**
   * Events per batch at most. A batch costs a transaction and a write of each row it changed (a
   * rollout's row changes with nearly every event), so a long log goes fastest in large ones;
   * caught up, a poll holds what arrived since the last.
   */
  static final int MAX_BATCH = 10_000;

  private final KafkaSettings kafka;
  private final ProjectionStore store;
  private final AtomicLong eventsApplied = new AtomicLong();
  private final AtomicReference<Map<Integer, Long>> offsets = new AtomicReference<>(Map.of());
  private volatile String lastFailure;
  private volatile TopicReader<RolloutEvent> reader;

  public Projector(KafkaSettings kafka, ProjectionStore store) {
    this.kafka = kafka;
    this.store = store;
  }

  /** Follows the log from where the store left off. */
  public synchronized Projector start() {
    if (reader == null) {
      offsets.set(store.appliedOffsets());
      reader = follow(offsets.get());
    }
    return this;
  }

  /**
   * Drops and recreates the tables, replays the log from its beginning to its end as it is now,
   * then goes on following it if it was.
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when that takes longer than {@code
   *     timeout}; the projections are then consistent but behind, and following (if it was) goes on
   */
  public synchronized RebuildReport rebuild(Duration timeout) {
    boolean wasFollowing = reader != null;
    stopFollowing();
    long started = System.nanoTime();
    store.resetUnindexed();
    eventsApplied.set(0);
    offsets.set(Map.of());
    reader = follow(Map.of());
    try {
      reader.awaitCaughtUp(timeout);
    } finally {
      if (!wasFollowing) {
        stopFollowing();
      }
      store.indexed();
    }
    ProjectionQueries queries = store.queries();
    return new RebuildReport(
        store.file(),
        eventsApplied.get(),
        store.appliedOffsets(),
        queries.rolloutCount(),
        queries.deviceCount(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Rebuilds the projections in {@code file} from the log and closes them: {@code flotilla replay}.
   *
   * @throws ProjectionsInUseException when a running coordinator holds the file
   */
  public static RebuildReport rebuild(KafkaSettings kafka, Path file, Duration timeout) {
    try (ProjectionStore store = ProjectionStore.open(file)) {
      return new Projector(kafka, store).rebuild(timeout);
    }
  }

  /** Blocks until every event committed when called has been applied. */
  public void awaitCaughtUp(Duration timeout) {
    TopicReader<RolloutEvent> current = reader;
    if (current == null) {
      throw new IllegalStateException("the projector is not following the log");
    }
    current.awaitCaughtUp(timeout);
  }

  /** Answers at once, without touching the database. */
  public ProjectionHealth health() {
    return new ProjectionHealth(reader != null, eventsApplied.get(), offsets.get(), lastFailure);
  }

  @Override
  public synchronized void close() {
    stopFollowing();
  }

  private TopicReader<RolloutEvent> follow(Map<Integer, Long> from) {
    // It follows the log; its catch-ups (at start, on demand) may wait out a long poll.
    return TopicReader.inBatches(kafka, Topics.EVENTS, from, MAX_BATCH, this::apply)
        .lazyCatchUps()
        .start();
  }

  private void apply(TopicReader.Batch<RolloutEvent> batch) {
    try {
      store.apply(batch.records().stream().map(Incoming::value).toList(), batch.nextOffsets());
    } catch (RuntimeException e) {
      lastFailure = e.toString();
      throw e; // the reader hands the batch over again
    }
    if (lastFailure != null) {
      log.info("Projections are being applied again");
      lastFailure = null;
    }
    eventsApplied.addAndGet(batch.records().size());
    offsets.updateAndGet(
        before -> {
          Map<Integer, Long> after = new HashMap<>(before);
          after.putAll(batch.nextOffsets());
          return Map.copyOf(after);
        });
  }

  private void stopFollowing() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
