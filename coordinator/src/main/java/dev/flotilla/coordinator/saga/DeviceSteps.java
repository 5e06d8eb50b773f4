package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The device saga: safety check → backup → migrate → verify → DONE. An unsafe device is deferred
 * (transient reasons) or skipped; a failed backup fails it untouched; a failed or timed-out
 * migration is rolled back to the source version (the worker's rollback also proves an atomic
 * failure left nothing behind), and a failed rollback or verification restores the backup; a failed
 * restore needs attention, with the backup named. A dry run is safety check → a rehearsal of the
 * migration on a copy → end.
 */
final class DeviceSteps {
  private DeviceSteps() {}

  static void onReply(WorkerReply reply, Decision decision) {
    RolloutState state = decision.state();
    DeviceSaga saga = state.sagas().get(reply.deviceId());
    boolean awaited =
        saga != null
            && saga.pending() != null
            && saga.pending().commandId().equals(reply.commandId());
    if (!awaited) {
      return; // a duplicate, or an answer to a step that already timed out: nothing to do
    }
    decision.emit(
        (sequence, id) ->
            new StepCompleted(
                id, state.rolloutId(), sequence, reply.messageId(), decision.now(), reply));
    advance(reply, decision);
    RolloutSteering.afterDeviceChange(reply.messageId(), decision);
  }

  private static void advance(WorkerReply reply, Decision decision) {
    DeviceSaga saga = decision.state().sagas().get(reply.deviceId());
    MessageId cause = reply.messageId();
    boolean aborted = decision.state().control().aborted();
    boolean dryRun = decision.state().dryRun();
    if (reply instanceof SafetyCheckPassed) {
      if (aborted) {
        decision.finish(saga, DeviceOutcome.SKIPPED, cause, "rollout aborted before it began");
      } else {
        decision.dispatch(saga, dryRun ? Step.MIGRATE : Step.BACKUP, cause);
      }
    } else if (reply instanceof SafetyCheckFailed failed) {
      deferOrSkip(
          saga,
          cause,
          failed.reasons().stream().map(r -> r.code() + " (" + r.message() + ")").toList(),
          failed.reasons().stream().allMatch(SafetyReason::transientReason),
          decision);
    } else if (reply instanceof BackupCompleted) {
      if (aborted) {
        decision.finish(saga, DeviceOutcome.SKIPPED, cause, "rollout aborted before it began");
      } else {
        decision.dispatch(saga, Step.MIGRATE, cause);
      }
    } else if (reply instanceof BackupFailed failed) {
      if (failed.failure().kind() == FailureKind.INFRASTRUCTURE) {
        // A backup only reads: the device is untouched, its surroundings failed (a lock held, an
        // I/O error, a full disk). Start over later; after the give-up time it failed untouched.
        retryLater(
            saga,
            cause,
            List.of(describe("backup", failed.failure())),
            null,
            reason -> decision.finish(saga, DeviceOutcome.FAILED, cause, reason),
            decision);
      } else {
        decision.finish(saga, DeviceOutcome.FAILED, cause);
      }
    } else if (reply instanceof MigrationsApplied) {
      decision.dispatch(saga, Step.VERIFY, cause);
    } else if (reply instanceof MigrationRehearsed rehearsed) {
      decision.finish(saga, DeviceOutcome.DONE, cause, rehearsal(rehearsed));
    } else if (reply instanceof MigrationFailed failed) {
      if (dryRun) {
        decision.finish(saga, DeviceOutcome.FAILED, cause);
      } else if (deferredBeforeAnyChange(failed, saga)) {
        // The application held its lock past the rollout's wait, or the device was no longer
        // safe (it started driving after its safety check): nothing changed, try later.
        deferOrSkip(saga, cause, List.of(describe("migrate", failed.failure())), true, decision);
      } else if (failed.restoreRequired()) {
        // Committed changes no undo script can be trusted with: only the backup brings it back.
        restoreOrGiveUp(saga, cause, decision);
      } else {
        decision.dispatch(saga, Step.ROLLBACK, cause);
      }
    } else if (reply instanceof VerificationPassed) {
      decision.finish(saga, DeviceOutcome.DONE, cause);
    } else if (reply instanceof VerificationFailed failed
        && failed.kind() == FailureKind.INFRASTRUCTURE) {
      // The checks could not run (an I/O error, a lock): the migrated device was not judged.
      retryLater(
          saga,
          cause,
          List.of("verify: (" + String.join("; ", failed.problems()) + ")"),
          Step.VERIFY,
          reason -> restoreOrGiveUp(saga, cause, decision),
          decision);
    } else if (reply instanceof VerificationFailed || reply instanceof RollbackFailed) {
      restoreOrGiveUp(saga, cause, decision);
    } else if (reply instanceof RolledBack || reply instanceof Restored) {
      decision.finish(saga, DeviceOutcome.ROLLED_BACK, cause);
    } else if (reply instanceof RestoreFailed failed
        && failed.failure().kind() == FailureKind.INFRASTRUCTURE) {
      // Nothing was replaced (a restore swaps only once its copy is proven): try it again.
      retryLater(
          saga,
          cause,
          List.of(describe("restore", failed.failure())),
          Step.RESTORE,
          reason -> decision.finish(saga, DeviceOutcome.NEEDS_ATTENTION, cause, reason),
          decision);
    } else if (reply instanceof RestoreFailed) {
      decision.finish(saga, DeviceOutcome.NEEDS_ATTENTION, cause);
    }
  }

  private static String rehearsal(MigrationRehearsed r) {
    return String.format(
        "dry run: %d→%d in %d ms, %d → %d bytes, needs %d bytes free",
        r.fromVersion(),
        r.toVersion(),
        r.durationMillis(),
        r.sizeBeforeBytes(),
        r.sizeAfterBytes(),
        r.diskNeededBytes());
  }

  /** {@code backup: database-busy (the reason)}, as deferral reasons read. */
  private static String describe(String step, Failure failure) {
    return step
        + ": "
        + (failure.code() == null ? "" : failure.code() + " ")
        + "("
        + failure.reason()
        + ")";
  }

  /**
   * A migration that could not take the write lock, or found the device unsafe just before it
   * began, and so changed nothing.
   */
  private static boolean deferredBeforeAnyChange(MigrationFailed failed, DeviceSaga saga) {
    return (failed.failure().is(Failure.DATABASE_BUSY)
            || failed.failure().is(Failure.UNSAFE_DEVICE_STATE))
        && !failed.restoreRequired()
        && saga.sourceVersion() != null
        && failed.versionNow() == saga.sourceVersion();
  }

  /**
   * Transient reasons only (driving, busy) defer the device, checked again from its safety check
   * after the deferral backoff (see {@link #retryLater}); any permanent reason, or an aborted
   * rollout, skips it at once, as does the give-up time.
   */
  private static void deferOrSkip(
      DeviceSaga saga,
      MessageId cause,
      List<String> reasons,
      boolean transientOnly,
      Decision decision) {
    if (!transientOnly || decision.state().control().aborted()) {
      decision.finish(saga, DeviceOutcome.SKIPPED, cause);
      return;
    }
    retryLater(
        saga,
        cause,
        reasons,
        null,
        reason -> decision.finish(saga, DeviceOutcome.SKIPPED, cause, reason),
        decision);
  }

  /** What a device that waited too long ends as: the reason says how long and how often. */
  @FunctionalInterface
  private interface GiveUp {
    void apply(String reason);
  }

  /**
   * The device waits, for a transient reason, and takes up {@code retryStep} (null: starts over
   * from its safety check) after a wait that doubles each time up to ten times the policy's first
   * one. A wait that would end past the give-up time (counted from its first deferral) ends the
   * device by {@code giveUp} instead. A device waiting to start over holds no slot and is skipped
   * by an abort; one waiting to repeat a later step finishes it, as any device in flight does.
   */
  private static void retryLater(
      DeviceSaga saga,
      MessageId cause,
      List<String> reasons,
      Step retryStep,
      GiveUp giveUp,
      Decision decision) {
    if (retryStep == null && decision.state().control().aborted()) {
      decision.finish(saga, DeviceOutcome.SKIPPED, cause, "rollout aborted before it began");
      return;
    }
    RolloutPolicy policy = decision.state().policy();
    int attempt = saga.deferrals() + 1;
    long base = policy.safetyRetrySeconds();
    long delay = Math.min(base << Math.min(attempt - 1, 20), 10 * base);
    Instant now = decision.now();
    Instant first = saga.firstDeferredAt() == null ? now : saga.firstDeferredAt();
    Instant retryAt = now.plusSeconds(delay);
    if (retryAt.isAfter(first.plusSeconds(policy.safetyGiveUpSeconds()))) {
      giveUp.apply(
          "gave up after "
              + attempt
              + (retryStep == null ? " safety checks" : " tries of " + retryStep.wireName())
              + " over "
              + policy.safetyGiveUpSeconds()
              + " s: "
              + String.join("; ", reasons));
      return;
    }
    decision.emit(
        (sequence, id) ->
            new DeviceDeferred(
                id,
                decision.state().rolloutId(),
                sequence,
                cause,
                now,
                saga.deviceId(),
                reasons,
                attempt,
                retryAt,
                retryStep));
  }

  static void restoreOrGiveUp(DeviceSaga saga, MessageId cause, Decision decision) {
    if (saga.backup() == null) {
      decision.finish(saga, DeviceOutcome.NEEDS_ATTENTION, cause, "no backup to restore");
    } else {
      decision.dispatch(saga, Step.RESTORE, cause);
    }
  }

  /**
   * Expired deadlines count as failures of their step; a device waiting to repeat a later step
   * takes it up when due, whatever the rollout's admission (it is in flight, and finishes even in a
   * paused or aborted rollout); then deferred devices may be due.
   */
  static void onTick(Decision decision) {
    if (!decision.state().running()) {
      return;
    }
    for (DeviceId device : decision.state().devices()) {
      DeviceSaga saga = decision.state().sagas().get(device);
      WorkerCommand pending = saga.pending();
      if (pending != null && !decision.now().isBefore(pending.deadline())) {
        timeOut(device, pending, decision);
      } else if (saga.phase() == Phase.DEFERRED
          && saga.retryStep() != null
          && !decision.now().isBefore(saga.retryAt())) {
        decision.dispatch(saga, saga.retryStep(), decision.lastEventId());
      }
    }
    RolloutSteering.afterDeviceChange(decision.lastEventId(), decision);
  }

  private static void timeOut(DeviceId device, WorkerCommand pending, Decision decision) {
    MessageId cause = pending.messageId();
    decision.emit(
        (sequence, id) ->
            new StepTimedOut(
                id,
                decision.state().rolloutId(),
                sequence,
                cause,
                decision.now(),
                device,
                pending.step(),
                pending.commandId()));
    DeviceSaga saga = decision.state().sagas().get(device);
    switch (pending.step()) {
      case SAFETY_CHECK -> decision.finish(saga, DeviceOutcome.SKIPPED, cause);
      case BACKUP -> decision.finish(saga, DeviceOutcome.FAILED, cause);
      // A timed-out migration may have succeeded after all: undo it, or restore. A dry run
      // worked on a copy, so there is nothing to undo.
      case MIGRATE -> {
        if (decision.state().dryRun()) {
          decision.finish(saga, DeviceOutcome.FAILED, cause);
        } else {
          decision.dispatch(saga, Step.ROLLBACK, cause);
        }
      }
      case VERIFY, ROLLBACK -> restoreOrGiveUp(saga, cause, decision);
      case RESTORE -> decision.finish(saga, DeviceOutcome.NEEDS_ATTENTION, cause);
    }
  }
}
