package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.RejectRequest;
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
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import java.time.Instant;
import java.util.List;

/**
 * A rollout as two pure functions: {@link #decide} turns an input and the current state into new
 * events, {@link #evolve} folds an event into the state. No I/O, no clock, no randomness: the same
 * state and input always give the same events. {@link DeviceSteps} holds the device saga, {@link
 * RolloutSteering} the fleet policy (waves, approval, threshold, pause, abort) and {@link
 * RequestJudge} the acceptance of a request.
 */
public final class RolloutDecider {
  private RolloutDecider() {}

  public static List<RolloutEvent> decide(RolloutInput input, RolloutState state, Instant now) {
    Decision decision = new Decision(state, now);
    if (input instanceof RolloutInput.Requested requested) {
      RequestJudge.judge(requested.request(), requested.fleet(), decision);
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

  public static RolloutState evolve(RolloutState state, RolloutEvent event) {
    RolloutState.Copy copy = state.copy();
    copy.lastSequence = event.sequence();
    if (event instanceof RolloutAccepted accepted) {
      return copy.build()
          .accepted(
              accepted.migrationSet(),
              accepted.targetVersion(),
              accepted.policy(),
              accepted.devices());
    }
    if (event instanceof RolloutRejected) {
      copy.status = RolloutStatus.REJECTED;
    } else if (event instanceof RolloutFinished) {
      copy.status = RolloutStatus.FINISHED;
    } else if (event instanceof WaveStarted wave) {
      copy.control = copy.control.startingWave(wave.wave(), wave.devices().size());
    } else if (event instanceof WaveAwaitingApproval awaiting) {
      copy.control = copy.control.awaitingApprovalOf(awaiting.wave());
    } else if (event instanceof WaveApproved) {
      copy.control = copy.control.approving();
    } else if (event instanceof RolloutPaused) {
      copy.control = copy.control.pausing(true);
    } else if (event instanceof RolloutResumed) {
      copy.control = copy.control.resuming(copy.counts.failures());
    } else if (event instanceof RolloutHalted) {
      copy.control = copy.control.halting();
    } else if (event instanceof RolloutAborted) {
      copy.control = copy.control.aborting();
    } else if (event instanceof ControlRefused) {
      return copy.build(); // recorded for the audit trail; changes nothing
    } else {
      return evolveDevice(copy.build(), event);
    }
    return copy.build();
  }

  private static RolloutState evolveDevice(RolloutState state, RolloutEvent event) {
    if (event instanceof StepDispatched dispatched) {
      WorkerCommand command = dispatched.command();
      return state.withSaga(state.sagas().get(command.deviceId()).dispatched(command));
    }
    if (event instanceof StepCompleted completed) {
      WorkerReply reply = completed.reply();
      return state.withSaga(answered(state.sagas().get(reply.deviceId()), reply));
    }
    if (event instanceof StepTimedOut timedOut) {
      DeviceSaga saga = state.sagas().get(timedOut.deviceId());
      return state.withSaga(
          saga.answered().withProblem(timedOut.step().wireName() + ": timed out without a reply"));
    }
    if (event instanceof DeviceDeferred deferred) {
      DeviceSaga saga = state.sagas().get(deferred.deviceId());
      return state.withSaga(
          saga.deferred(deferred.occurredAt(), deferred.retryAt(), deferred.retryStep()));
    }
    if (event instanceof DeviceFinished finished) {
      DeviceSaga saga = state.sagas().get(finished.deviceId());
      return state.withSaga(saga.finished(Phase.of(finished.outcome())));
    }
    throw new IllegalArgumentException("unknown event " + event.getClass());
  }

  private static DeviceSaga answered(DeviceSaga saga, WorkerReply reply) {
    DeviceSaga answered = saga.answered();
    if (reply instanceof SafetyCheckPassed passed) {
      return answered.withSourceVersion(passed.currentVersion());
    }
    if (reply instanceof BackupCompleted backup) {
      return answered.withBackup(backup);
    }
    return ReplyProblems.of(reply)
        .map(problem -> answered.withProblem(reply.step().wireName() + ": " + problem))
        .orElse(answered);
  }
}
