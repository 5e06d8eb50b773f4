package dev.flotilla.contracts;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutRequest;

/**
 * What is sent to one rollout from outside its saga: a request to start it, or a command to steer
 * it. Before the rollout is accepted, these are judged in one place ({@code flotilla.admissions}),
 * so that a device is never taken into two active rollouts. Its kinds are {@link RolloutRequest}
 * and {@link ControlCommand} (sealed there: Java allows no sealed family across packages here).
 */
public interface RolloutMessage extends Message {
  RolloutId rolloutId();

  /** Who asked, for the audit trail. */
  String requestedBy();
}
