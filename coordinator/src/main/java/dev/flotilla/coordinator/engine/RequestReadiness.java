package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
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
 * A request (or a command for a rollout not yet accepted) is judged only once the {@link FleetView}
 * has read everything published before it was read on {@code flotilla.admissions}: a request may
 * follow its migration push, or its devices' first reports, closely, and the events another
 * instance wrote while it judged here must count. The first time such a record is seen this asks
 * the view to catch up and holds the record; the loop pauses its partition and brings it back until
 * the view is there. The loop never waits on the view, so a long catch-up (a coordinator starting
 * on a long log) delays the requests, not the replies and controls of running rollouts.
 *
 * <p>Used on the loop's thread only.
 */
final class RequestReadiness implements RecordGate {
  private static final Logger LOG = LoggerFactory.getLogger(RequestReadiness.class);
  private static final Duration WARN_EVERY = Duration.ofSeconds(10);

  /** Where a held record was read: it comes again from there. */
  private record Position(int partition, long offset) {}

  private final Supplier<CompletableFuture<Void>> catchUp;
  private final Map<Position, CompletableFuture<Void>> catchUps = new HashMap<>();
  private Instant lastWarning;

  /**
   * @param catchUp starts a catch-up of the view and says when it is done, as {@link
   *     FleetView#caughtUp()}
   */
  RequestReadiness(Supplier<CompletableFuture<Void>> catchUp) {
    this.catchUp = catchUp;
  }

  @Override
  public boolean ready(Incoming<?> record) {
    if (!record.topic().equals(Topics.ADMISSIONS)) {
      return true; // not judged here: replies, running rollouts' controls, forwarded records
    }
    RolloutMessage request = (RolloutMessage) record.value();
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
  private void warnNowAndThen(RolloutMessage request, Throwable failure) {
    Instant now = Instant.now();
    if (lastWarning == null || !now.isBefore(lastWarning.plus(WARN_EVERY))) {
      lastWarning = now;
      LOG.warn(
          "request {} waits: the fleet view cannot catch up ({})",
          request.rolloutId(),
          failure.toString());
    }
  }

  /**
   * Records of partitions no longer owned come again to their new owner; on a partition assigned
   * anew (also after an aborted transaction) each catch-up starts again, so it sees what was
   * committed until then.
   */
  void forget(Set<Integer> partitions) {
    catchUps.keySet().removeIf(position -> partitions.contains(position.partition()));
  }
}
