package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.UpdateRequest;
import java.time.Instant;
import java.util.List;

/**
 * The saga of every device of a rollout as two pure functions: {@link #decide} turns an input and
 * the current state into new events, {@link #evolve} folds an event into the state. No I/O, no
 * clock, no randomness: the same state and input always give the same events.
 *
 * <p>Device saga: safety check → backup → migrate → verify → DONE. A failed safety check skips the
 * device; a failed backup fails it untouched; a failed or timed-out migration is rolled back to the
 * source version (the worker's rollback also proves an atomic failure left nothing behind), and a
 * failed rollback or verification restores the backup; a failed restore needs attention, with the
 * backup named.
 */
public final class RolloutDecider {
  private RolloutDecider() {}

  public static List<RolloutEvent> decide(RolloutInput input, RolloutState state, Instant now) {
    Decision decision = new Decision(state, now);
    if (input instanceof RolloutInput.Requested requested) {
      RequestJudge.judge(requested.request(), requested.fleet(), decision);
    } else if (input instanceof RolloutInput.Replied replied) {
      onReply(replied.reply(), decision);
    } else if (input instanceof RolloutInput.Ticked) {
      onTick(decision);
    }
    // Controlled: pause, resume, abort and approval act on waves, which this decider does not
    // run yet; a control command for a rollout changes nothing and is recorded by its topic only.
    return decision.events();
  }

  public static RolloutState evolve(RolloutState state, RolloutEvent event) {
    RolloutState next = state.sequence(event.sequence());
    if (event instanceof RolloutAccepted accepted) {
      return next.accepted(
          accepted.migrationSet(), accepted.targetVersion(), accepted.policy(), accepted.devices());
    }
    if (event instanceof RolloutRejected) {
      return next.with(RolloutStatus.REJECTED);
    }
    if (event instanceof StepDispatched dispatched) {
      WorkerCommand command = dispatched.command();
      DeviceSaga saga = next.sagas().get(command.deviceId());
      return saga.phase() == Phase.PENDING
          ? next.deviceStarted(saga.dispatched(command))
          : next.withSaga(saga.dispatched(command));
    }
    if (event instanceof StepCompleted completed) {
      return next.withSaga(answered(next.sagas().get(completed.reply().deviceId()), completed));
    }
    if (event instanceof StepTimedOut timedOut) {
      DeviceSaga saga = next.sagas().get(timedOut.deviceId());
      return next.withSaga(
          saga.answered().withProblem(timedOut.step().wireName() + ": timed out without a reply"));
    }
    if (event instanceof DeviceFinished finished) {
      DeviceSaga saga = next.sagas().get(finished.deviceId());
      return next.deviceFinished(
          saga.finished(Phase.of(finished.outcome())), saga.phase().inFlight());
    }
    if (event instanceof RolloutFinished) {
      return next.with(RolloutStatus.FINISHED);
    }
    throw new IllegalArgumentException("unknown event " + event.getClass());
  }

  private static DeviceSaga answered(DeviceSaga saga, StepCompleted completed) {
    DeviceSaga answered = saga.answered();
    WorkerReply reply = completed.reply();
    if (reply instanceof SafetyCheckPassed passed) {
      return answered.withSourceVersion(passed.currentVersion());
    }
    if (reply instanceof BackupCompleted backup) {
      return answered.withBackup(backup);
    }
    String problem = problemOf(reply);
    return problem == null
        ? answered
        : answered.withProblem(reply.step().wireName() + ": " + problem);
  }

  /** A one-line account of a failed reply, or null for a success. */
  private static String problemOf(WorkerReply reply) {
    if (reply instanceof SafetyCheckFailed failed) {
      return String.join(
          "; ", failed.reasons().stream().map(r -> r.code() + " (" + r.message() + ")").toList());
    }
    if (reply instanceof BackupFailed failed) {
      return failed.failure().reason();
    }
    if (reply instanceof MigrationFailed failed) {
      return failed.failure().reason();
    }
    if (reply instanceof VerificationFailed failed) {
      return String.join("; ", failed.problems());
    }
    if (reply instanceof RollbackFailed failed) {
      return failed.failure().reason();
    }
    if (reply instanceof RestoreFailed failed) {
      return failed.failure().reason();
    }
    return null;
  }

  private static void onReply(WorkerReply reply, Decision decision) {
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
    advance(reply.deviceId(), reply, decision);
  }

  /** The next step of a device once its current step has been answered. */
  private static void advance(DeviceId device, WorkerReply reply, Decision decision) {
    DeviceSaga saga = decision.state().sagas().get(device);
    MessageId cause = reply.messageId();
    if (reply instanceof SafetyCheckPassed) {
      decision.dispatch(saga, Step.BACKUP, cause);
    } else if (reply instanceof SafetyCheckFailed) {
      // Every reason is in the saga's problems; an unsafe device is skipped, untouched.
      decision.finish(saga, DeviceOutcome.SKIPPED, cause);
    } else if (reply instanceof BackupCompleted) {
      decision.dispatch(saga, Step.MIGRATE, cause);
    } else if (reply instanceof BackupFailed) {
      decision.finish(saga, DeviceOutcome.FAILED, cause);
    } else if (reply instanceof MigrationsApplied) {
      decision.dispatch(saga, Step.VERIFY, cause);
    } else if (reply instanceof MigrationFailed) {
      decision.dispatch(saga, Step.ROLLBACK, cause);
    } else if (reply instanceof VerificationPassed) {
      decision.finish(saga, DeviceOutcome.DONE, cause);
    } else if (reply instanceof VerificationFailed || reply instanceof RollbackFailed) {
      restoreOrGiveUp(saga, cause, decision);
    } else if (reply instanceof RolledBack || reply instanceof Restored) {
      decision.finish(saga, DeviceOutcome.ROLLED_BACK, cause);
    } else if (reply instanceof RestoreFailed) {
      decision.finish(saga, DeviceOutcome.NEEDS_ATTENTION, cause);
    }
    afterDeviceChange(cause, decision);
  }

  private static void restoreOrGiveUp(DeviceSaga saga, MessageId cause, Decision decision) {
    if (saga.backup() == null) {
      decision.finish(saga, DeviceOutcome.NEEDS_ATTENTION, cause);
    } else {
      decision.dispatch(saga, Step.RESTORE, cause);
    }
  }

  private static void onTick(Decision decision) {
    for (DeviceId device : decision.state().devices()) {
      DeviceSaga saga = decision.state().sagas().get(device);
      WorkerCommand pending = saga.pending();
      if (pending == null || decision.now().isBefore(pending.deadline())) {
        continue;
      }
      decision.emit(
          (sequence, id) ->
              new StepTimedOut(
                  id,
                  decision.state().rolloutId(),
                  sequence,
                  pending.messageId(),
                  decision.now(),
                  device,
                  pending.step(),
                  pending.commandId()));
      DeviceSaga timedOut = decision.state().sagas().get(device);
      switch (pending.step()) {
        case SAFETY_CHECK -> decision.finish(timedOut, DeviceOutcome.SKIPPED, pending.messageId());
        case BACKUP -> decision.finish(timedOut, DeviceOutcome.FAILED, pending.messageId());
        // A timed-out migration may have succeeded after all: undo it, or restore.
        case MIGRATE -> decision.dispatch(timedOut, Step.ROLLBACK, pending.messageId());
        case VERIFY, ROLLBACK -> restoreOrGiveUp(timedOut, pending.messageId(), decision);
        case RESTORE ->
            decision.finish(timedOut, DeviceOutcome.NEEDS_ATTENTION, pending.messageId());
      }
      afterDeviceChange(pending.messageId(), decision);
    }
  }

  /** Fills free slots with pending devices, and ends the rollout once every device has ended. */
  static void afterDeviceChange(MessageId cause, Decision decision) {
    RolloutState state = decision.state();
    if (!state.running()) {
      return;
    }
    while (decision.state().started() < decision.state().devices().size()
        && decision.state().inFlight() < decision.state().policy().maxInFlight()) {
      DeviceId next = decision.state().devices().get(decision.state().started());
      decision.dispatch(decision.state().sagas().get(next), Step.SAFETY_CHECK, cause);
    }
    if (decision.state().allFinished()) {
      RolloutState finished = decision.state();
      decision.emit(
          (sequence, id) ->
              new RolloutFinished(
                  id, finished.rolloutId(), sequence, cause, decision.now(), finished.counts()));
    }
  }

  static void start(UpdateRequest request, List<DeviceId> devices, Decision decision) {
    RolloutState state = decision.state();
    decision.emit(
        (sequence, id) ->
            new RolloutAccepted(
                id,
                state.rolloutId(),
                sequence,
                request.messageId(),
                decision.now(),
                request.migrationSet(),
                request.targetVersion(),
                devices,
                request.policy(),
                request.requestedBy()));
    afterDeviceChange(request.messageId(), decision);
  }
}
