package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutRequest;

/** What can happen to a rollout: the inputs of {@link RolloutDecider#decide}. */
public sealed interface RolloutInput {
  /**
   * An update request or an operator's restore, judged against what is known of the fleet: accepted
   * or rejected, nothing more (the acceptance is written where requests are judged in order).
   */
  record Requested(RolloutRequest request, FleetSnapshot fleet) implements RolloutInput {}

  /**
   * The rollout's acceptance reached its own coordinator, which folded it into the state: start the
   * first wave, unless it was started already.
   */
  record Admitted(RolloutAccepted accepted) implements RolloutInput {}

  /** A worker's reply to a dispatched step. */
  record Replied(WorkerReply reply) implements RolloutInput {}

  /** An operator's pause, resume, abort or approval. */
  record Controlled(ControlCommand command) implements RolloutInput {}

  /** Time passed: deadlines may have expired. */
  record Ticked() implements RolloutInput {}
}
