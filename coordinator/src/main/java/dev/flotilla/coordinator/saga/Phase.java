package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceOutcome;
import java.util.Optional;

/** Where a device saga stands: waiting, at a step, or at its end. */
public enum Phase {
  PENDING(null, null),
  /** Unsafe for transient reasons; checked again later. Holds no slot. */
  DEFERRED(null, null),
  SAFETY_CHECK(Step.SAFETY_CHECK, null),
  BACKUP(Step.BACKUP, null),
  MIGRATE(Step.MIGRATE, null),
  VERIFY(Step.VERIFY, null),
  ROLLBACK(Step.ROLLBACK, null),
  RESTORE(Step.RESTORE, null),
  DONE(null, DeviceOutcome.DONE),
  FAILED(null, DeviceOutcome.FAILED),
  ROLLED_BACK(null, DeviceOutcome.ROLLED_BACK),
  SKIPPED(null, DeviceOutcome.SKIPPED),
  NEEDS_ATTENTION(null, DeviceOutcome.NEEDS_ATTENTION);

  private final Step step;
  private final DeviceOutcome outcome;

  Phase(Step step, DeviceOutcome outcome) {
    this.step = step;
    this.outcome = outcome;
  }

  public static Phase of(Step step) {
    for (Phase phase : values()) {
      if (phase.step == step) {
        return phase;
      }
    }
    throw new IllegalArgumentException("no phase for " + step);
  }

  public static Phase of(DeviceOutcome outcome) {
    for (Phase phase : values()) {
      if (phase.outcome == outcome) {
        return phase;
      }
    }
    throw new IllegalArgumentException("no phase for " + outcome);
  }

  public Optional<Step> step() {
    return Optional.ofNullable(step);
  }

  public Optional<DeviceOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  public boolean finished() {
    return outcome != null;
  }

  /** Between its first dispatched step and its end: counts against {@code maxInFlight}. */
  public boolean inFlight() {
    return step != null;
  }
}
