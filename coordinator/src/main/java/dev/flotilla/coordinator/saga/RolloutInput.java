package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.UpdateRequest;

/** What can happen to a rollout: the inputs of {@link RolloutDecider#decide}. */
public sealed interface RolloutInput {
  /** An update request, judged against what the coordinator knows of the fleet. */
  record Requested(UpdateRequest request, FleetSnapshot fleet) implements RolloutInput {}

  /** A worker's reply to a dispatched step. */
  record Replied(WorkerReply reply) implements RolloutInput {}

  /** An operator's pause, resume, abort or approval. */
  record Controlled(ControlCommand command) implements RolloutInput {}

  /** Time passed: deadlines may have expired. */
  record Ticked() implements RolloutInput {}
}
