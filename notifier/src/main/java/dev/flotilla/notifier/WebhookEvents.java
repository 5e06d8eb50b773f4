package dev.flotilla.notifier;

import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.RolloutResumed;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.event.WaveStarted;

/**
 * Which events a webhook receiver is told about: the ones an operator must hear of without watching
 * a dashboard — a rollout halted, aborted or finished, a wave waiting for approval, a device that
 * ended needing attention. A visitor, so a new event type does not compile until it is decided
 * here. Pure.
 */
public final class WebhookEvents implements RolloutEvent.Visitor<Boolean> {
  private static final WebhookEvents SELECTION = new WebhookEvents();

  private WebhookEvents() {}

  /** True when webhook receivers are owed {@code event}. */
  public static boolean owed(RolloutEvent event) {
    return event.accept(SELECTION);
  }

  @Override
  public Boolean visit(RolloutHalted rolloutHalted) {
    return true;
  }

  @Override
  public Boolean visit(RolloutAborted rolloutAborted) {
    return true;
  }

  @Override
  public Boolean visit(WaveAwaitingApproval waveAwaitingApproval) {
    return true;
  }

  @Override
  public Boolean visit(RolloutFinished rolloutFinished) {
    return true;
  }

  @Override
  public Boolean visit(DeviceFinished deviceFinished) {
    return deviceFinished.outcome() == DeviceOutcome.NEEDS_ATTENTION;
  }

  @Override
  public Boolean visit(RolloutAccepted rolloutAccepted) {
    return false;
  }

  @Override
  public Boolean visit(RolloutRejected rolloutRejected) {
    return false;
  }

  @Override
  public Boolean visit(WaveStarted waveStarted) {
    return false;
  }

  @Override
  public Boolean visit(WaveApproved waveApproved) {
    return false;
  }

  @Override
  public Boolean visit(RolloutPaused rolloutPaused) {
    return false;
  }

  @Override
  public Boolean visit(RolloutResumed rolloutResumed) {
    return false;
  }

  @Override
  public Boolean visit(ControlRefused controlRefused) {
    return false;
  }

  @Override
  public Boolean visit(StepDispatched stepDispatched) {
    return false;
  }

  @Override
  public Boolean visit(StepCompleted stepCompleted) {
    return false;
  }

  @Override
  public Boolean visit(StepTimedOut stepTimedOut) {
    return false;
  }

  @Override
  public Boolean visit(DeviceDeferred deviceDeferred) {
    return false;
  }
}
