package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.request.BackupChoice;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.List;

/**
 * Accepts or rejects a request against the catalogue and the inventory: an update request, or an
 * operator's restore of one device. A rejection lists every problem at once and touches no device.
 * An acceptance starts nothing: the rollout's own coordinator starts it ({@link
 * RolloutInput.Admitted}).
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

  static void judge(RolloutRequest request, FleetSnapshot fleet, Decision decision) {
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
    decision.emit((sequence, id) -> accepted(request, verdict.devices(), sequence, id, decision));
  }

  /**
   * A migration names its set and target; a restore runs one device under its restore policy and
   * puts back the backup it names, or the newest made before now, the time of its acceptance.
   */
  private static RolloutAccepted accepted(
      RolloutRequest request,
      List<DeviceId> devices,
      long sequence,
      MessageId id,
      Decision decision) {
    RolloutState state = decision.state();
    if (request instanceof RestoreRequest restore) {
      return new RolloutAccepted(
          id,
          state.rolloutId(),
          sequence,
          restore.messageId(),
          decision.now(),
          null,
          null,
          devices,
          restore.policy().asRolloutPolicy(),
          restore.requestedBy(),
          new BackupChoice(restore.backupId(), decision.now()));
    }
    UpdateRequest update = (UpdateRequest) request;
    return new RolloutAccepted(
        id,
        state.rolloutId(),
        sequence,
        update.messageId(),
        decision.now(),
        update.migrationSet(),
        update.targetVersion(),
        devices,
        update.policy(),
        update.requestedBy());
  }
}
