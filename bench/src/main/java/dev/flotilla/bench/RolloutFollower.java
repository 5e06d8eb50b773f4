package dev.flotilla.bench;

import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.projection.RolloutProgress;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows {@code flotilla.events} as an operator's watch would, and tells when a rollout ended: the
 * moment its {@code RolloutFinished} (or rejection) was read is the end of its timing.
 */
public final class RolloutFollower implements AutoCloseable {
  /** A rollout that ended, and when its last event was read ({@link System#nanoTime()}). */
  public record Ended(RolloutProgress progress, long readAtNanos) {}

  private final Map<RolloutId, RolloutProgress> progress = new ConcurrentHashMap<>();
  private final Map<RolloutId, CompletableFuture<Ended>> ended = new ConcurrentHashMap<>();
  private final TopicReader<RolloutEvent> reader;

  public RolloutFollower(KafkaSettings kafka) {
    reader = TopicReader.fromBeginning(kafka, Topics.EVENTS, this::apply).start();
  }

  /** Blocks until {@code rollout} has finished or was rejected. */
  public Ended awaitEnd(RolloutId rollout, Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return future(rollout).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("following " + rollout + " failed", e.getCause());
    }
  }

  /** Runs on the reader's thread only. */
  private void apply(Incoming<RolloutEvent> record) {
    RolloutEvent event = record.value();
    RolloutProgress rollout =
        progress.computeIfAbsent(event.rolloutId(), id -> new RolloutProgress(id));
    rollout.apply(event);
    if (rollout.finished()) { // every device ended, or the request was rejected
      future(event.rolloutId()).complete(new Ended(rollout, System.nanoTime()));
    }
  }

  private CompletableFuture<Ended> future(RolloutId rollout) {
    return ended.computeIfAbsent(rollout, id -> new CompletableFuture<>());
  }

  @Override
  public void close() {
    reader.close();
  }
}
