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

  /** Calls the one method of {@code visitor} that takes this event's type. */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per event type, none with a default: a fold written as a visitor handles every event
   * there is, and a new event type does not compile until every fold says what it does with it.
   */
  interface Visitor<R> {
    R visit(RolloutAccepted rolloutAccepted);

    R visit(RolloutRejected rolloutRejected);

    R visit(WaveStarted waveStarted);

    R visit(WaveAwaitingApproval waveAwaitingApproval);

    R visit(WaveApproved waveApproved);

    R visit(RolloutPaused rolloutPaused);

    R visit(RolloutResumed rolloutResumed);

    R visit(RolloutHalted rolloutHalted);

    R visit(RolloutAborted rolloutAborted);

    R visit(ControlRefused controlRefused);

    R visit(StepDispatched stepDispatched);

    R visit(StepCompleted stepCompleted);

    R visit(StepTimedOut stepTimedOut);

    R visit(DeviceDeferred deviceDeferred);

    R visit(DeviceFinished deviceFinished);

    R visit(RolloutFinished rolloutFinished);
  }
}
