package dev.flotilla.contracts.event;

import dev.flotilla.contracts.command.Step;
import java.util.Optional;

/**
 * Where a device stands in its rollout: waiting, at a step, or at its end. The one word for it that
 * the coordinator decides by and that people see (the HTTP API, {@code flotilla status} and {@code
 * watch}); the names are part of the public surface. Events move a device: {@link StepDispatched}
 * to its step, {@link DeviceDeferred} to {@code DEFERRED}, {@link DeviceFinished} to its outcome.
 */
public enum DeviceStage {
  /** Selected, not started yet. */
  PENDING(null, null),
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
  NEEDS_ATTENTION(null, DeviceOutcome.NEEDS_ATTENTION),
  /**
   * Waiting for transient reasons (driving, busy, a repeatable step that failed for its
   * surroundings); takes up its step again later. Holds no slot.
   */
  DEFERRED(null, null);

  private final Step step;
  private final DeviceOutcome outcome;

  DeviceStage(Step step, DeviceOutcome outcome) {
    this.step = step;
    this.outcome = outcome;
  }

  /** The stage of a device whose {@code step} was dispatched. */
  public static DeviceStage of(Step step) {
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
  public static DeviceStage of(DeviceOutcome outcome) {
    return switch (outcome) {
      case DONE -> DONE;
      case FAILED -> FAILED;
      case ROLLED_BACK -> ROLLED_BACK;
      case SKIPPED -> SKIPPED;
      case NEEDS_ATTENTION -> NEEDS_ATTENTION;
    };
  }

  /** The step a device at this stage awaits the reply of; empty when it is at none. */
  public Optional<Step> step() {
    return Optional.ofNullable(step);
  }

  /** How the device ended; empty while it has not. */
  public Optional<DeviceOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  public boolean finished() {
    return outcome != null;
  }

  /** Between a dispatched step and its end: counts against the policy's {@code maxInFlight}. */
  public boolean inFlight() {
    return step != null;
  }
}
