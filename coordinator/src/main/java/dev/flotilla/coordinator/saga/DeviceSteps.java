package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
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
 * migration on a copy → end. An operator's restore is safety check → a fresh backup (which first
 * finds the backup to restore) → restore of that backup → DONE, at the restored backup's version;
 * its failed restore needs attention with both backups named. Its whole table is {@link AfterReply}
 * and {@link #afterTimeout}, the same as the table beside the diagram in the README.
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
    DeviceSaga answered = decision.state().sagas().get(reply.deviceId());
    reply
        .accept(new AfterReply(answered, saga.pending(), decision.state()))
        .take(answered, reply.messageId(), decision);
    RolloutSteering.afterDeviceChange(reply.messageId(), decision);
  }

  /** The saga's table by reply: where a device goes when its step answers. */
  private static final class AfterReply implements WorkerReply.Visitor<Transition> {
    private static final String ABORTED = "rollout aborted before it began";

    private final DeviceSaga saga;
    private final WorkerCommand answeredCommand;
    private final boolean aborted;
    private final boolean rollingBack;
    private final boolean dryRun;
    private final boolean restoring;
    private final String requestedBy;

    AfterReply(DeviceSaga saga, WorkerCommand answeredCommand, RolloutState state) {
      this.saga = saga;
      this.answeredCommand = answeredCommand;
      this.aborted = state.standing().aborted();
      this.rollingBack = state.rollingBack();
      this.dryRun = state.dryRun();
      this.restoring = state.restoring();
      this.requestedBy = state.requestedBy();
    }

    @Override
    public Transition visit(SafetyCheckPassed passed) {
      if (aborted) {
        return finish(DeviceOutcome.SKIPPED, ABORTED);
      }
      return new Transition.Dispatch(dryRun ? Step.MIGRATE : Step.BACKUP);
    }

    @Override
    public Transition visit(SafetyCheckFailed failed) {
      return unsafe(
          failed.reasons().stream().map(r -> r.code() + " (" + r.message() + ")").toList(),
          failed.reasons().stream().allMatch(SafetyReason::transientReason));
    }

    @Override
    public Transition visit(BackupCompleted backup) {
      if (aborted) {
        return finish(DeviceOutcome.SKIPPED, ABORTED);
      }
      if (restoring) {
        // The database as it is now is kept: the backup the worker found may go in its place.
        return backup.toRestore() == null
            ? finish(DeviceOutcome.FAILED, "backup: the backup worker named no backup to restore")
            : new Transition.Dispatch(Step.RESTORE);
      }
      return new Transition.Dispatch(Step.MIGRATE);
    }

    @Override
    public Transition visit(BackupFailed failed) {
      if (failed.failure().kind() == FailureKind.INFRASTRUCTURE) {
        // A backup only reads: the device is untouched, its surroundings failed (a lock held, an
        // I/O error, a full disk). Start over later; after the give-up time it failed untouched.
        return new Transition.Defer(
            List.of(describe("backup", failed.failure())), null, finish(DeviceOutcome.FAILED));
      }
      return finish(DeviceOutcome.FAILED);
    }

    @Override
    public Transition visit(MigrationsApplied applied) {
      if (rollingBack) {
        // The threshold passed while it migrated: it goes back with the devices already done.
        return new Transition.Dispatch(Step.ROLLBACK);
      }
      if (answeredCommand instanceof ApplyMigrations migrate && migrate.verifyAfter() != null) {
        // The worker verified right after migrating; that reply follows this one.
        return new Transition.AwaitCarried(migrate.verifyAfter(), migrate.commandId());
      }
      return new Transition.Dispatch(Step.VERIFY);
    }

    @Override
    public Transition visit(MigrationRehearsed rehearsed) {
      return finish(DeviceOutcome.DONE, rehearsal(rehearsed));
    }

    @Override
    public Transition visit(MigrationFailed failed) {
      if (dryRun) {
        return finish(DeviceOutcome.FAILED);
      }
      if (deferredBeforeAnyChange(failed)) {
        // The application held its lock past the rollout's wait, or the device was no longer
        // safe (it started driving after its safety check): nothing changed, try later.
        return unsafe(List.of(describe("migrate", failed.failure())), true);
      }
      if (failed.restoreRequired()) {
        // Committed changes no undo script can be trusted with: only the backup brings it back.
        return restore();
      }
      if (failed.failure().is(Failure.UNKNOWN_SCHEMA)) {
        // An adopted database that changed since its safety check: refused before anything was
        // applied, and no later try will find it more adoptable.
        return finish(DeviceOutcome.FAILED);
      }
      return new Transition.Dispatch(Step.ROLLBACK);
    }

    @Override
    public Transition visit(VerificationPassed passed) {
      if (rollingBack) {
        // The threshold passed while it was verified: it goes back with the devices already done.
        return new Transition.Dispatch(Step.ROLLBACK);
      }
      return finish(DeviceOutcome.DONE);
    }

    @Override
    public Transition visit(VerificationFailed failed) {
      if (failed.kind() == FailureKind.INFRASTRUCTURE) {
        // The checks could not run (an I/O error, a lock): the migrated device was not judged.
        return new Transition.Defer(
            List.of("verify: (" + String.join("; ", failed.problems()) + ")"),
            Step.VERIFY,
            restore());
      }
      return restore();
    }

    @Override
    public Transition visit(RolledBack rolledBack) {
      return finish(DeviceOutcome.ROLLED_BACK);
    }

    @Override
    public Transition visit(RollbackFailed failed) {
      return restore();
    }

    @Override
    public Transition visit(Restored restored) {
      if (restoring) {
        return finish(DeviceOutcome.DONE, restoredByHand(saga, restored, requestedBy));
      }
      return finish(DeviceOutcome.ROLLED_BACK);
    }

    @Override
    public Transition visit(RestoreFailed failed) {
      if (failed.failure().kind() == FailureKind.INFRASTRUCTURE) {
        // Nothing was replaced (a restore swaps only once its copy is proven): try it again.
        return new Transition.Defer(
            List.of(describe("restore", failed.failure())),
            Step.RESTORE,
            restoreFailed(saga, restoring));
      }
      return restoreFailed(saga, restoring);
    }

    /**
     * Transient reasons only (driving, busy) defer the device, checked again from its safety check
     * after the deferral backoff (see {@link #retryLater}); any permanent reason, or an aborted
     * rollout, skips it at once, as does the give-up time.
     */
    private Transition unsafe(List<String> reasons, boolean transientOnly) {
      if (!transientOnly || aborted) {
        return finish(DeviceOutcome.SKIPPED);
      }
      return new Transition.Defer(reasons, null, finish(DeviceOutcome.SKIPPED));
    }

    private Transition restore() {
      return DeviceSteps.restore(saga);
    }

    /**
     * A migration that could not take the write lock, or found the device unsafe just before it
     * began, and so changed nothing.
     */
    private boolean deferredBeforeAnyChange(MigrationFailed failed) {
      return (failed.failure().is(Failure.DATABASE_BUSY)
              || failed.failure().is(Failure.UNSAFE_DEVICE_STATE))
          && !failed.restoreRequired()
          && saga.sourceVersion() != null
          && failed.versionNow().equals(saga.sourceVersion());
    }
  }

  /** The saga's table by timed-out step: a step without a reply by its deadline failed. */
  private static Transition afterTimeout(Step step, DeviceSaga saga, RolloutState state) {
    boolean dryRun = state.dryRun();
    return switch (step) {
      case SAFETY_CHECK -> finish(DeviceOutcome.SKIPPED);
      case BACKUP -> finish(DeviceOutcome.FAILED);
      // A timed-out migration may have succeeded after all: undo it, or restore. A dry run
      // worked on a copy, so there is nothing to undo.
      case MIGRATE ->
          dryRun ? finish(DeviceOutcome.FAILED) : new Transition.Dispatch(Step.ROLLBACK);
      case VERIFY, ROLLBACK -> restore(saga);
      case RESTORE -> restoreFailed(saga, state.restoring());
    };
  }

  /**
   * A restore that did not happen needs attention. An operator's restore names both backups: the
   * one it was to put back, and the fresh one that holds the database as it was.
   */
  private static Transition restoreFailed(DeviceSaga saga, boolean restoring) {
    if (!restoring) {
      return finish(DeviceOutcome.NEEDS_ATTENTION);
    }
    return finish(
        DeviceOutcome.NEEDS_ATTENTION,
        "backup "
            + saga.backup().toRestore().backupId()
            + " was not restored; the database as it was before is kept in backup "
            + saga.backup().backupId());
  }

  /**
   * What an operator's restore did, in words, for the device's own trail: who asked, which backup
   * went back, and where the database it replaced went.
   */
  private static String restoredByHand(DeviceSaga saga, Restored restored, String requestedBy) {
    return "restored backup "
        + restored.backupId()
        + " (version "
        + restored.version()
        + ", taken "
        + saga.backup().toRestore().createdAt()
        + ") as "
        + requestedBy
        + " asked; the database it replaced is kept in backup "
        + saga.backup().backupId();
  }

  private static Transition finish(DeviceOutcome outcome, String... reasons) {
    return new Transition.Finish(outcome, List.of(reasons));
  }

  /** Back to the verified backup; without one, nothing can bring the device back. */
  private static Transition restore(DeviceSaga saga) {
    return saga.backup() == null
        ? finish(DeviceOutcome.NEEDS_ATTENTION, "no backup to restore")
        : new Transition.Dispatch(Step.RESTORE);
  }

  private static String rehearsal(MigrationRehearsed r) {
    return String.format(
        "dry run: %s→%s in %d ms, %d → %d bytes, needs %d bytes free",
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
   * The device waits, for a transient reason, and takes up its retry step (null: starts over from
   * its safety check) after a wait that doubles each time up to ten times the policy's first one. A
   * wait that would end past the give-up time (counted from its first deferral) ends the device by
   * its give-up transition instead. A device waiting to start over holds no slot and is skipped by
   * an abort; one waiting to repeat a later step finishes it, as any device in flight does.
   */
  static void retryLater(
      DeviceSaga saga, MessageId cause, Transition.Defer wait, Decision decision) {
    Step retryStep = wait.retryStep();
    if (retryStep == null && decision.state().standing().aborted()) {
      finish(DeviceOutcome.SKIPPED, "rollout aborted before it began").take(saga, cause, decision);
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
      String why =
          "gave up after "
              + attempt
              + (retryStep == null ? " safety checks" : " tries of " + retryStep.wireName())
              + " over "
              + policy.safetyGiveUpSeconds()
              + " s: "
              + String.join("; ", wait.reasons());
      wait.giveUp().afterGivingUp(why).take(saga, cause, decision);
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
                wait.reasons(),
                attempt,
                retryAt,
                retryStep));
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
      } else if (saga.stage() == DeviceStage.DEFERRED
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
    afterTimeout(pending.step(), saga, decision.state()).take(saga, cause, decision);
  }
}
