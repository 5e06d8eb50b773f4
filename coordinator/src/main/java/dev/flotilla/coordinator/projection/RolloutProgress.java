package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
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
import dev.flotilla.coordinator.saga.RolloutStanding;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far one rollout has come, folded from its events: where it stands as a whole, and how many
 * devices stand at each stage. Not thread-safe; feed it from one thread.
 */
public final class RolloutProgress {
  private final RolloutId rolloutId;
  private final Map<DeviceId, DeviceStage> stages = new HashMap<>();
  private final Map<DeviceId, DeviceFinished> finishes = new TreeMap<>();
  private final Devices devices = new Devices();
  private RolloutStanding standing = RolloutStanding.NEW;
  private List<String> rejection = List.of();
  private long lastSequence;

  public RolloutProgress(RolloutId rolloutId) {
    this.rolloutId = rolloutId;
  }

  /** Applies an event of this rollout; events of other rollouts and repeats are ignored. */
  public void apply(RolloutEvent event) {
    if (!event.rolloutId().equals(rolloutId) || event.sequence() <= lastSequence) {
      return;
    }
    lastSequence = event.sequence();
    standing = standing.evolve(event);
    event.accept(devices);
  }

  public RolloutId rolloutId() {
    return rolloutId;
  }

  /** Where the rollout stands as a whole, as the coordinator and its API see it. */
  public RolloutStanding standing() {
    return standing;
  }

  public boolean accepted() {
    return standing.accepted();
  }

  public boolean rejected() {
    return standing.status() == RolloutStatus.REJECTED;
  }

  public List<String> rejection() {
    return rejection;
  }

  /** The rollout has ended: rejected, or every device finished. */
  public boolean finished() {
    return standing.ended();
  }

  public int devices() {
    return stages.size();
  }

  public Map<DeviceStage, Integer> countsByStage() {
    Map<DeviceStage, Integer> counts = new EnumMap<>(DeviceStage.class);
    stages.values().forEach(s -> counts.merge(s, 1, Integer::sum));
    return counts;
  }

  public int count(DeviceOutcome outcome) {
    return (int) finishes.values().stream().filter(f -> f.outcome() == outcome).count();
  }

  /** The final event of every finished device, by device id. */
  public Map<DeviceId, DeviceFinished> finishes() {
    return Collections.unmodifiableMap(new TreeMap<>(finishes));
  }

  /** Where each device stands; the rollout-wide events are {@link RolloutStanding}'s. */
  private final class Devices implements RolloutEvent.Visitor<Void> {
    @Override
    public Void visit(RolloutAccepted accepted) {
      // A rollout id whose request was rejected may be used again: it starts afresh.
      stages.clear();
      finishes.clear();
      rejection = List.of();
      accepted.devices().forEach(d -> stages.put(d, DeviceStage.PENDING));
      return null;
    }

    @Override
    public Void visit(RolloutRejected rejected) {
      rejection = rejected.reasons();
      return null;
    }

    @Override
    public Void visit(StepDispatched dispatched) {
      stages.put(dispatched.command().deviceId(), DeviceStage.of(dispatched.command().step()));
      return null;
    }

    @Override
    public Void visit(DeviceDeferred deferred) {
      stages.put(deferred.deviceId(), DeviceStage.DEFERRED);
      return null;
    }

    @Override
    public Void visit(DeviceFinished finished) {
      stages.put(finished.deviceId(), DeviceStage.of(finished.outcome()));
      finishes.put(finished.deviceId(), finished);
      return null;
    }

    @Override
    public Void visit(StepCompleted completed) {
      return null; // the device stays at its step until the next one is dispatched
    }

    @Override
    public Void visit(StepTimedOut timedOut) {
      return null; // likewise
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
    public Void visit(RolloutFinished finished) {
      return null;
    }
  }
}
