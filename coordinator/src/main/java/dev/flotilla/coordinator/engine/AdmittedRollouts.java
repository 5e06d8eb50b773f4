package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.coordinator.saga.RolloutDecider;
import dev.flotilla.coordinator.saga.RolloutState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rollouts {@code flotilla.events} shows accepted, and how far each other one went (rejected,
 * controls refused): what {@link Admissions} judges a rollout's next request or command from, so
 * the events it writes continue the rollout's sequence. Fed by the fleet view's reader thread, read
 * by the loop's.
 */
final class AdmittedRollouts {
  private final Set<RolloutId> accepted = ConcurrentHashMap.newKeySet();
  private final Map<RolloutId, RolloutState> notAccepted = new ConcurrentHashMap<>();

  void apply(RolloutEvent event) {
    RolloutId rollout = event.rolloutId();
    if (accepted.contains(rollout)) {
      return; // from here on the rollout's own coordinator writes its events
    }
    if (event instanceof RolloutAccepted) {
      accepted.add(rollout);
      notAccepted.remove(rollout);
      return;
    }
    notAccepted.compute(
        rollout,
        (id, state) ->
            RolloutDecider.evolve(state == null ? RolloutState.initial(id) : state, event));
  }

  boolean accepted(RolloutId rollout) {
    return accepted.contains(rollout);
  }

  /** The state of a rollout not accepted (yet), as the log shows it. */
  RolloutState beforeAcceptance(RolloutId rollout) {
    return notAccepted.getOrDefault(rollout, RolloutState.initial(rollout));
  }
}
