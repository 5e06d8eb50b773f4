package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.List;

/**
 * Accepts or rejects an update request against the catalogue and the inventory. A rejection lists
 * every problem at once and touches no device.
 */
final class RequestJudge {
  private RequestJudge() {}

  /**
   * A request that could not be read is rejected under the rollout id it named, so its sender sees
   * why; a rollout already accepted under that id goes on, untouched by a garbled copy.
   */
  static void rejectUnreadable(RejectRequest reject, Decision decision) {
    if (accepted(decision.state())) {
      return;
    }
    decision.emit(
        (sequence, id) ->
            new RolloutRejected(
                id,
                reject.rolloutId(),
                sequence,
                reject.messageId(),
                decision.now(),
                reject.reasons().stream().map(reason -> "unreadable request: " + reason).toList(),
                reject.requestedBy()));
  }

  private static boolean accepted(RolloutState state) {
    return state.standing().accepted();
  }

  static void judge(UpdateRequest request, FleetSnapshot fleet, Decision decision) {
    RolloutState state = decision.state();
    if (accepted(state)) {
      return; // the rollout id is the idempotency key: a request seen again changes nothing
    }
    RequestChecks.Verdict verdict = RequestChecks.check(request, fleet);
    if (!verdict.problems().isEmpty()) {
      decision.emit(
          (sequence, id) ->
              new RolloutRejected(
                  id,
                  state.rolloutId(),
                  sequence,
                  request.messageId(),
                  decision.now(),
                  verdict.problems(),
                  request.requestedBy()));
      return;
    }
    start(request, verdict.devices(), decision);
  }

  private static void start(UpdateRequest request, List<DeviceId> devices, Decision decision) {
    RolloutState state = decision.state();
    decision.emit(
        (sequence, id) ->
            new RolloutAccepted(
                id,
                state.rolloutId(),
                sequence,
                request.messageId(),
                decision.now(),
                request.migrationSet(),
                request.targetVersion(),
                devices,
                request.policy(),
                request.requestedBy()));
    RolloutSteering.startWave(1, request.messageId(), decision);
    RolloutSteering.afterDeviceChange(request.messageId(), decision);
  }
}
