package dev.flotilla.cli;

import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutDevice;
import dev.flotilla.contracts.view.RolloutDevices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Follows one rollout through the coordinator's HTTP API, asking {@code GET /rollouts/{id}} twice a
 * second until it has ended (finished, rejected, or aborted and its last device ended) or the time
 * given is up. A rollout the coordinator does not know yet (it was only just published) is waited
 * for, a while.
 */
final class RolloutPoller {
  static final Duration EVERY = Duration.ofMillis(500);

  /** How long a rollout may stay unknown before it is taken for a wrong id. */
  static final Duration UNKNOWN_FOR = Duration.ofSeconds(60);

  /** Told of each answer, or of none yet while the rollout is still unknown. */
  @FunctionalInterface
  interface Listener {
    void seen(Optional<RolloutDetail> rollout, long elapsedNanos);
  }

  private final ApiClient api;

  RolloutPoller(ApiClient api) {
    this.api = api;
  }

  /**
   * The rollout as it ended, or as it stood when {@code timeout} passed.
   *
   * @throws UserError when the coordinator has not known the rollout for {@link #UNKNOWN_FOR} (or
   *     the whole timeout, if shorter)
   */
  RolloutDetail follow(RolloutId id, Duration timeout, Listener listener)
      throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long unknownUntil = started + Math.min(timeout.toNanos(), UNKNOWN_FOR.toNanos());
    Optional<RolloutDetail> last = Optional.empty();
    while (true) {
      Optional<RolloutDetail> now = api.find("/rollouts/" + id, RolloutDetail.class);
      long at = System.nanoTime();
      last = now.isPresent() ? now : last;
      listener.seen(last, at - started);
      if (last.isPresent() && last.get().finishedAt() != null) {
        return last.get();
      }
      if (last.isEmpty() && at - unknownUntil >= 0) {
        throw new UserError(
            "no rollout "
                + id
                + " is known to the coordinator at "
                + api.base()
                + " (waited "
                + Duration.ofNanos(at - started).toSeconds()
                + " s)");
      }
      if (at - deadline >= 0) {
        return last.get();
      }
      Thread.sleep(Math.min(EVERY.toMillis(), Math.max(1, (deadline - at) / 1_000_000)));
    }
  }

  /** The rollout's devices, by device id. */
  List<RolloutDevice> devices(RolloutId id) throws InterruptedException {
    return api.get("/rollouts/" + id + "/devices", RolloutDevices.class).devices();
  }
}
