package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
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
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which device is in which unfinished rollout, folded from every partition of {@code
 * flotilla.events}: a device belongs to at most one active rollout at a time. A visitor, so a new
 * event type has to say whether it takes a device in or lets it go.
 */
final class ActiveDevices implements RolloutEvent.Visitor<Void> {
  private final Map<DeviceId, RolloutId> busy = new ConcurrentHashMap<>();

  void apply(RolloutEvent event) {
    event.accept(this);
  }

  Map<DeviceId, RolloutId> snapshot() {
    return Map.copyOf(busy);
  }

  @Override
  public Void visit(RolloutAccepted accepted) {
    accepted.devices().forEach(d -> busy.put(d, accepted.rolloutId()));
    return null;
  }

  @Override
  public Void visit(StepDispatched dispatched) {
    // A rollout that rolls back finished devices holds them again.
    busy.put(dispatched.command().deviceId(), dispatched.rolloutId());
    return null;
  }

  @Override
  public Void visit(DeviceFinished finished) {
    busy.remove(finished.deviceId(), finished.rolloutId());
    return null;
  }

  @Override
  public Void visit(RolloutFinished finished) {
    busy.values().removeIf(finished.rolloutId()::equals);
    return null;
  }

  // The rest neither take a device in nor let one go.

  @Override
  public Void visit(RolloutRejected rejected) {
    return null;
  }

  @Override
  public Void visit(WaveStarted started) {
    return null;
  }

  @Override
  public Void visit(WaveAwaitingApproval awaiting) {
    return null;
  }

  @Override
  public Void visit(WaveApproved approved) {
    return null;
  }

  @Override
  public Void visit(RolloutPaused paused) {
    return null;
  }

  @Override
  public Void visit(RolloutResumed resumed) {
    return null;
  }

  @Override
  public Void visit(RolloutHalted halted) {
    return null;
  }

  @Override
  public Void visit(RolloutAborted aborted) {
    return null;
  }

  @Override
  public Void visit(ControlRefused refused) {
    return null;
  }

  @Override
  public Void visit(StepCompleted completed) {
    return null;
  }

  @Override
  public Void visit(StepTimedOut timedOut) {
    return null;
  }

  @Override
  public Void visit(DeviceDeferred deferred) {
    return null;
  }
}
