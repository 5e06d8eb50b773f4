package dev.flotilla.contracts.control;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.id.RolloutId;

/** An operator steering a running rollout, published on {@code flotilla.control}. */
public sealed interface ControlCommand extends Message
    permits PauseRollout, ResumeRollout, AbortRollout, ApproveWave {
  RolloutId rolloutId();

  /** Who asked, for the audit trail. */
  String requestedBy();
}
