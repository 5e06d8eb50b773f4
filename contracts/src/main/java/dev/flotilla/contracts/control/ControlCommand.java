package dev.flotilla.contracts.control;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.id.RolloutId;

/**
 * A command about one rollout, published on {@code flotilla.control}: an operator steering it
 * (pause, resume, abort, approve), or a coordinator rejecting an unreadable request for it or
 * handing an accepted one to its owner.
 */
public sealed interface ControlCommand extends RolloutMessage
    permits PauseRollout, ResumeRollout, AbortRollout, ApproveWave, RejectRequest, RolloutAdmitted {
  RolloutId rolloutId();

  /** Who asked, for the audit trail. */
  String requestedBy();
}
