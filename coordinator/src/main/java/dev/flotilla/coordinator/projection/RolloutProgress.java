package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far one rollout has come, folded from its events: how many devices stand at each step or
 * outcome. Not thread-safe; feed it from one thread.
 */
public final class RolloutProgress {
  /** Where a device stands, as shown to people. */
  public enum Stage {
    PENDING,
    SAFETY_CHECK,
    BACKUP,
    MIGRATE,
    VERIFY,
    ROLLBACK,
    RESTORE,
    DONE,
    FAILED,
    ROLLED_BACK,
    SKIPPED,
    NEEDS_ATTENTION,
    /** Not safe to migrate for now (driving, busy): checked again later. */
    DEFERRED;

    /** The stage of a device whose {@code step} was dispatched. */
    public static Stage of(Step step) {
      return switch (step) {
        case SAFETY_CHECK -> SAFETY_CHECK;
        case BACKUP -> BACKUP;
        case MIGRATE -> MIGRATE;
        case VERIFY -> VERIFY;
        case ROLLBACK -> ROLLBACK;
        case RESTORE -> RESTORE;
      };
    }

    /** The stage of a device that ended in {@code outcome}. */
    public static Stage of(DeviceOutcome outcome) {
      return switch (outcome) {
        case DONE -> DONE;
        case FAILED -> FAILED;
        case ROLLED_BACK -> ROLLED_BACK;
        case SKIPPED -> SKIPPED;
        case NEEDS_ATTENTION -> NEEDS_ATTENTION;
      };
    }
  }

  private final RolloutId rolloutId;
  private final Map<DeviceId, Stage> stages = new HashMap<>();
  private final Map<DeviceId, DeviceFinished> finishes = new TreeMap<>();
  private List<String> rejection = List.of();
  private boolean accepted;
  private boolean finished;
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
    if (event instanceof RolloutAccepted a) {
      accepted = true;
      a.devices().forEach(d -> stages.put(d, Stage.PENDING));
    } else if (event instanceof RolloutRejected r) {
      rejection = r.reasons();
      finished = true;
    } else if (event instanceof StepDispatched d) {
      stages.put(d.command().deviceId(), Stage.of(d.command().step()));
    } else if (event instanceof DeviceDeferred d) {
      stages.put(d.deviceId(), Stage.DEFERRED);
    } else if (event instanceof DeviceFinished f) {
      stages.put(f.deviceId(), Stage.of(f.outcome()));
      finishes.put(f.deviceId(), f);
    } else if (event instanceof RolloutFinished) {
      finished = true;
    }
  }

  public RolloutId rolloutId() {
    return rolloutId;
  }

  public boolean accepted() {
    return accepted;
  }

  public boolean rejected() {
    return !rejection.isEmpty();
  }

  public List<String> rejection() {
    return rejection;
  }

  /** The rollout has ended: rejected, or every device finished. */
  public boolean finished() {
    return finished;
  }

  public int devices() {
    return stages.size();
  }

  public Map<Stage, Integer> countsByStage() {
    Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
    stages.values().forEach(s -> counts.merge(s, 1, Integer::sum));
    return counts;
  }

  public int count(DeviceOutcome outcome) {
    return (int) finishes.values().stream().filter(f -> f.outcome() == outcome).count();
  }

  /** The final event of every finished device, by device id. */
  public Map<DeviceId, DeviceFinished> finishes() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(finishes));
  }
}
