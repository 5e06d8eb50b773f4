package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.EventChain;
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

  /** The last link of each not-accepted rollout's event chain. */
  private final Map<RolloutId, String> lastLinks = new ConcurrentHashMap<>();

  private final MessageCodec codec;

  AdmittedRollouts(MessageCodec codec) {
    this.codec = codec;
  }

  void apply(RolloutEvent event) {
    RolloutId rollout = event.rolloutId();
    if (accepted.contains(rollout)) {
      return; // from here on the rollout's own coordinator writes its events
    }
    if (event instanceof RolloutAccepted) {
      accepted.add(rollout);
      notAccepted.remove(rollout);
      lastLinks.remove(rollout);
      return;
    }
    lastLinks.put(rollout, EventChain.sha256(codec.encode(event)));
    notAccepted.compute(
        rollout,
        (id, state) ->
            RolloutDecider.evolve(state == null ? RolloutState.initial(id) : state, event));
  }

  boolean accepted(RolloutId rollout) {
    return accepted.contains(rollout);
  }

  /** The last link of a not-accepted rollout's event chain; null before its first event. */
  String lastLink(RolloutId rollout) {
    return lastLinks.get(rollout);
  }

  /** The state of a rollout not accepted (yet), as the log shows it. */
  RolloutState beforeAcceptance(RolloutId rollout) {
    return notAccepted.getOrDefault(rollout, RolloutState.initial(rollout));
  }
}
