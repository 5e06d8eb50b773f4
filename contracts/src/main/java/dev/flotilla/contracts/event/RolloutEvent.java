package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;

/**
 * A fact about a rollout, appended by the coordinator to {@code flotilla.events} (keyed by rollout
 * id) inside the Kafka transaction that consumed its cause. Every view of the system is a fold over
 * these.
 */
public sealed interface RolloutEvent extends Message
    permits RolloutAccepted,
        RolloutRejected,
        WaveStarted,
        WaveAwaitingApproval,
        WaveApproved,
        RolloutPaused,
        RolloutResumed,
        RolloutHalted,
        RolloutAborted,
        ControlRefused,
        StepDispatched,
        StepCompleted,
        StepTimedOut,
        DeviceDeferred,
        DeviceFinished,
        RolloutFinished {
  RolloutId rolloutId();

  /** 1, 2, 3… within a rollout, so a reader can tell a gap or a duplicate. */
  long sequence();

  /** The message (request, reply, control command or timer) that caused this event. */
  MessageId causationId();
}
