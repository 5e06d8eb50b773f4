package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KeyPartitions;
import dev.flotilla.messaging.RecordGate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An update request is judged only once the {@link FleetView} has read everything published before
 * the request was read: a request may follow its migration push, or its devices' first reports,
 * closely. The first time a request is seen this asks the view to catch up and holds the request;
 * the loop pauses the request's partition and brings the request back until the view is there. The
 * loop never waits on the view, so a long catch-up (a coordinator starting on a long log) delays
 * the requests, not the replies and controls of running rollouts.
 *
 * <p>Used on the loop's thread only.
 */
final class RequestReadiness implements RecordGate {
  private static final Logger LOG = LoggerFactory.getLogger(RequestReadiness.class);
  private static final Duration WARN_EVERY = Duration.ofSeconds(10);

  /** Where a held request was read: it comes again from there. */
  private record Position(int partition, long offset) {}

  private final Supplier<CompletableFuture<Void>> catchUp;
  private final KeyPartitions rolloutPartitions;
  private final Map<Position, CompletableFuture<Void>> catchUps = new HashMap<>();
  private Instant lastWarning;

  /**
   * @param catchUp starts a catch-up of the view and says when it is done, as {@link
   *     FleetView#caughtUp()}
   */
  RequestReadiness(Supplier<CompletableFuture<Void>> catchUp, KeyPartitions rolloutPartitions) {
    this.catchUp = catchUp;
    this.rolloutPartitions = rolloutPartitions;
  }

  @Override
  public boolean ready(Incoming<?> record) {
    if (!(record.value() instanceof RolloutRequest request)
        || record.partition() != rolloutPartitions.partitionOf(request.rolloutId().value())) {
      return true; // not judged here: replies, controls, and requests forwarded to their partition
    }
    Position at = new Position(record.partition(), record.offset());
    CompletableFuture<Void> caughtUp = catchUps.computeIfAbsent(at, p -> catchUp.get());
    if (!caughtUp.isDone()) {
      return false;
    }
    catchUps.remove(at);
    if (caughtUp.isCompletedExceptionally()) {
      warnNowAndThen(request, caughtUp.handle((ok, failure) -> failure).join());
      return false; // asks again when the request comes back
    }
    return true;
  }

  /**
   * A stopped reader fails every catch-up at once: say so, but not every time the request comes.
   */
  private void warnNowAndThen(RolloutRequest request, Throwable failure) {
    Instant now = Instant.now();
    if (lastWarning == null || !now.isBefore(lastWarning.plus(WARN_EVERY))) {
      lastWarning = now;
      LOG.warn(
          "request {} waits: the fleet view cannot catch up ({})",
          request.rolloutId(),
          failure.toString());
    }
  }

  /** Requests of partitions no longer owned come again to their new owner. */
  void forget(Set<Integer> partitions) {
    catchUps.keySet().removeIf(position -> partitions.contains(position.partition()));
  }
}
