package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.control.RolloutAdmitted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.FleetSnapshot;
import dev.flotilla.coordinator.saga.RolloutDecider;
import dev.flotilla.coordinator.saga.RolloutInput;
import dev.flotilla.coordinator.saga.RolloutState;
import dev.flotilla.messaging.Outgoing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges, one at a time, every request and command for a rollout not yet accepted: they all come
 * through the one partition of {@code flotilla.admissions}, so two requests for one device are
 * never both accepted, whichever coordinator instances own their rollouts. An acceptance is written
 * here to {@code flotilla.events} and handed to the rollout's own coordinator as {@link
 * RolloutAdmitted}, in one transaction.
 *
 * <p>What this instance decided is kept until the fleet view has read it back from the log: a
 * request judged right after another (in the same batch) sees the devices the first one took. Used
 * on the loop's thread only.
 */
final class Admissions {
  private static final Logger LOG = LoggerFactory.getLogger(Admissions.class);

  private final Supplier<FleetSnapshot> fleet;
  private final AdmittedRollouts log;
  private final EventLinks links;
  private final Clock clock;

  /**
   * Rollouts this instance decided on, as they stand after its events, until the log shows them.
   */
  private final Map<RolloutId, RolloutState> decidedHere = new HashMap<>();

  Admissions(Supplier<FleetSnapshot> fleet, AdmittedRollouts log, EventLinks links, Clock clock) {
    this.fleet = fleet;
    this.log = log;
    this.links = links;
    this.clock = clock;
  }

  List<Outgoing<?>> handle(RolloutMessage message) {
    forgetWhatTheLogShows();
    RolloutId rollout = message.rolloutId();
    RolloutState state = decidedHere.getOrDefault(rollout, log.beforeAcceptance(rollout));
    if (log.accepted(rollout) || state.standing().accepted()) {
      return toItsOwner(message);
    }
    List<RolloutEvent> events = RolloutDecider.decide(inputOf(message), state, clock.instant());
    if (!decidedHere.containsKey(rollout) && log.lastLink(rollout) != null) {
      links.putAll(Map.of(rollout, log.lastLink(rollout)));
    }
    List<Outgoing<?>> out = new ArrayList<>(events.size() + 1);
    for (RolloutEvent event : events) {
      state = RolloutDecider.evolve(state, event);
      out.add(links.link(event));
      if (event instanceof RolloutAccepted accepted) {
        out.add(Outgoing.to(Topics.CONTROL, RolloutAdmitted.of(accepted, clock.instant())));
        LOG.info("accepted rollout {} ({} devices)", rollout, accepted.devices().size());
      }
    }
    if (!events.isEmpty()) {
      decidedHere.put(rollout, state);
    }
    return out;
  }

  /**
   * A rollout already accepted: a request again changes nothing (the rollout id is its idempotency
   * key), nor does an unreadable copy; a command goes back to the rollout's own coordinator, behind
   * the admission it was sent before.
   */
  private static List<Outgoing<?>> toItsOwner(RolloutMessage message) {
    if (message instanceof ControlCommand control
        && !(control instanceof RejectRequest)
        && !(control instanceof RolloutAdmitted)) {
      return List.of(Outgoing.to(Topics.CONTROL, control));
    }
    return List.of();
  }

  private RolloutInput inputOf(RolloutMessage message) {
    if (message instanceof RolloutRequest request) {
      return new RolloutInput.Requested(request, fleetWithWhatWasDecidedHere());
    }
    return new RolloutInput.Controlled((ControlCommand) message);
  }

  /** The fleet as the log shows it, plus the devices taken by acceptances not read back yet. */
  private FleetSnapshot fleetWithWhatWasDecidedHere() {
    FleetSnapshot snapshot = fleet.get();
    Map<DeviceId, RolloutId> busy = new HashMap<>(snapshot.busy());
    decidedHere.forEach(
        (rollout, state) -> {
          if (state.standing().accepted()) {
            state.devices().forEach(device -> busy.put(device, rollout));
          }
        });
    return new FleetSnapshot(snapshot.catalogue(), snapshot.devices(), busy, snapshot.versions());
  }

  private void forgetWhatTheLogShows() {
    decidedHere
        .entrySet()
        .removeIf(
            entry -> {
              boolean read =
                  log.accepted(entry.getKey())
                      || log.beforeAcceptance(entry.getKey()).lastSequence()
                          >= entry.getValue().lastSequence();
              if (read) {
                links.forget(java.util.Set.of(entry.getKey()));
              }
              return read;
            });
  }

  /**
   * Another instance may have judged meanwhile, or this one's last transaction was aborted: from
   * now on only the log counts, read up to its end before the next judgement.
   */
  void reset() {
    decidedHere.clear();
    links.clear();
  }
}
