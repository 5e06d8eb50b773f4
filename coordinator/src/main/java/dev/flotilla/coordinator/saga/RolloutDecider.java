package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
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
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
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
import java.time.Instant;
import java.util.List;

/**
 * A rollout as two pure functions: {@link #decide} turns an input and the current state into new
 * events, {@link #evolve} folds an event into the state. No I/O, no clock, no randomness: the same
 * state and input always give the same events. {@link DeviceSteps} holds the device saga, {@link
 * RolloutSteering} the fleet policy (waves, approval, threshold, pause, abort), {@link
 * RequestJudge} the acceptance of a request, and {@link RolloutStanding} where the rollout stands
 * as a whole.
 */
public final class RolloutDecider {
  private RolloutDecider() {}

  public static List<RolloutEvent> decide(RolloutInput input, RolloutState state, Instant now) {
    Decision decision = new Decision(state, now);
    if (input instanceof RolloutInput.Requested requested) {
      RequestJudge.judge(requested.request(), requested.fleet(), decision);
    } else if (input instanceof RolloutInput.Admitted admitted) {
      RolloutSteering.start(admitted.accepted().causationId(), decision);
    } else if (input instanceof RolloutInput.Replied replied) {
      DeviceSteps.onReply(replied.reply(), decision);
    } else if (input instanceof RolloutInput.Controlled controlled) {
      if (controlled.command() instanceof RejectRequest reject) {
        RequestJudge.rejectUnreadable(reject, decision);
      } else {
        RolloutSteering.onControl(controlled.command(), decision);
      }
    } else if (input instanceof RolloutInput.Ticked) {
      DeviceSteps.onTick(decision);
    }
    return decision.events();
  }

  /**
   * The state with its acceptance folded in, once: where requests are judged wrote the event, and
   * the rollout's own coordinator may have read it from the log already.
   */
  public static RolloutState admitted(RolloutState state, RolloutAccepted accepted) {
    return state.standing().accepted() ? state : evolve(state, accepted);
  }

  public static RolloutState evolve(RolloutState state, RolloutEvent event) {
    RolloutState.Copy copy = event.accept(new Evolution(state)).copy();
    copy.lastSequence = event.sequence();
    copy.standing = state.standing().evolve(event);
    return copy.build();
  }

  /** What each event changes beyond the rollout's standing: its devices, waves and counters. */
  private static final class Evolution implements RolloutEvent.Visitor<RolloutState> {
    private final RolloutState state;

    Evolution(RolloutState state) {
      this.state = state;
    }

    @Override
    public RolloutState visit(RolloutAccepted accepted) {
      return state.accepted(
          accepted.migrationSet(),
          accepted.targetVersion(),
          accepted.policy(),
          accepted.devices(),
          accepted.restore(),
          accepted.requestedBy());
    }

    @Override
    public RolloutState visit(RolloutRejected rejected) {
      return state;
    }

    @Override
    public RolloutState visit(WaveStarted started) {
      RolloutState.Copy copy = state.copy();
      copy.waveLimit += started.devices().size();
      return copy.build();
    }

    @Override
    public RolloutState visit(WaveAwaitingApproval awaiting) {
      return state;
    }

    @Override
    public RolloutState visit(WaveApproved approved) {
      return state;
    }

    @Override
    public RolloutState visit(RolloutPaused paused) {
      return state;
    }

    @Override
    public RolloutState visit(RolloutResumed resumed) {
      RolloutState.Copy copy = state.copy();
      copy.acceptedFailures = state.counts().failures();
      return copy.build();
    }

    @Override
    public RolloutState visit(RolloutHalted halted) {
      return state;
    }

    @Override
    public RolloutState visit(RolloutAborted aborted) {
      return state;
    }

    @Override
    public RolloutState visit(ControlRefused refused) {
      return state; // recorded for the audit trail; changes nothing
    }

    @Override
    public RolloutState visit(RolloutFinished finished) {
      return state;
    }

    @Override
    public RolloutState visit(StepDispatched dispatched) {
      return state.withSaga(saga(dispatched.command().deviceId()).dispatched(dispatched.command()));
    }

    @Override
    public RolloutState visit(StepCompleted completed) {
      WorkerReply reply = completed.reply();
      return state.withSaga(reply.accept(new Answered(saga(reply.deviceId()).answered())));
    }

    @Override
    public RolloutState visit(StepTimedOut timedOut) {
      return state.withSaga(
          saga(timedOut.deviceId())
              .answered()
              .withProblem(timedOut.step().wireName() + ": timed out without a reply"));
    }

    @Override
    public RolloutState visit(DeviceDeferred deferred) {
      return state.withSaga(
          saga(deferred.deviceId())
              .deferred(deferred.occurredAt(), deferred.retryAt(), deferred.retryStep()));
    }

    @Override
    public RolloutState visit(DeviceFinished finished) {
      return state.withSaga(saga(finished.deviceId()).finished(DeviceStage.of(finished.outcome())));
    }

    private DeviceSaga saga(DeviceId device) {
      return state.sagas().get(device);
    }
  }

  /**
   * What an answered saga keeps of its reply: the source version, the backup, and a one-line
   * account of what failed, for the device's final event.
   */
  private static final class Answered implements WorkerReply.Visitor<DeviceSaga> {
    private final DeviceSaga saga;

    Answered(DeviceSaga answered) {
      this.saga = answered;
    }

    @Override
    public DeviceSaga visit(SafetyCheckPassed passed) {
      return saga.withSourceVersion(passed.currentVersion());
    }

    @Override
    public DeviceSaga visit(SafetyCheckFailed failed) {
      return problem(
          failed,
          String.join(
              "; ",
              failed.reasons().stream().map(r -> r.code() + " (" + r.message() + ")").toList()));
    }

    @Override
    public DeviceSaga visit(BackupCompleted backup) {
      return saga.withBackup(backup);
    }

    @Override
    public DeviceSaga visit(BackupFailed failed) {
      return problem(failed, failed.failure().reason());
    }

    @Override
    public DeviceSaga visit(MigrationsApplied applied) {
      return saga;
    }

    @Override
    public DeviceSaga visit(MigrationFailed failed) {
      return problem(failed, failed.failure().reason());
    }

    @Override
    public DeviceSaga visit(MigrationRehearsed rehearsed) {
      return saga;
    }

    @Override
    public DeviceSaga visit(VerificationPassed passed) {
      return saga;
    }

    @Override
    public DeviceSaga visit(VerificationFailed failed) {
      return problem(failed, String.join("; ", failed.problems()));
    }

    @Override
    public DeviceSaga visit(RolledBack rolledBack) {
      return saga;
    }

    @Override
    public DeviceSaga visit(RollbackFailed failed) {
      return problem(failed, failed.failure().reason());
    }

    @Override
    public DeviceSaga visit(Restored restored) {
      return saga;
    }

    @Override
    public DeviceSaga visit(RestoreFailed failed) {
      return problem(failed, failed.failure().reason());
    }

    private DeviceSaga problem(WorkerReply reply, String problem) {
      return saga.withProblem(reply.step().wireName() + ": " + problem);
    }
  }
}
