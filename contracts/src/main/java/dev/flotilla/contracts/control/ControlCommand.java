package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.id.RolloutId;

/**
 * A command about one rollout, published on {@code flotilla.control}: an operator steering it
 * (pause, resume, abort, approve), or a coordinator rejecting an unreadable request for it.
 */
public sealed interface ControlCommand extends Message
    permits PauseRollout, ResumeRollout, AbortRollout, ApproveWave, RejectRequest {
  RolloutId rolloutId();

  /** Who asked, for the audit trail. */
  String requestedBy();
}
