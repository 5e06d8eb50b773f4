package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.RolloutResumed;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.event.WaveStarted;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.util.List;
import java.util.Locale;

/**
 * The fleet policy of a rollout: waves (each starts when the previous one has ended, after an
 * operator's approval if the policy asks), {@code maxInFlight}, the failure threshold that halts
 * (or rolls back), and the operator's pause, resume and abort.
 */
final class RolloutSteering {
  private RolloutSteering() {}

  static void onControl(ControlCommand command, Decision decision) {
    RolloutState state = decision.state();
    MessageId cause = command.messageId();
    RolloutStanding standing = state.standing();
    if (!state.running()) {
      refuse(command, notRunning(standing), decision);
    } else if (command instanceof PauseRollout) {
      if (standing.paused() || standing.aborted()) {
        refuse(
            command, standing.aborted() ? "the rollout was aborted" : "already paused", decision);
      } else {
        decision.emit(
            (seq, id) ->
                new RolloutPaused(
                    id, state.rolloutId(), seq, cause, decision.now(), command.requestedBy()));
      }
    } else if (command instanceof ResumeRollout) {
      if (standing.aborted() || !(standing.paused() || standing.halted())) {
        refuse(
            command,
            standing.aborted() ? "the rollout was aborted" : "it is neither paused nor halted",
            decision);
      } else {
        decision.emit(
            (seq, id) ->
                new RolloutResumed(
                    id, state.rolloutId(), seq, cause, decision.now(), command.requestedBy()));
      }
    } else if (command instanceof AbortRollout) {
      if (standing.aborted()) {
        refuse(command, "already aborted", decision);
      } else {
        abort(cause, command.requestedBy(), "aborted by " + command.requestedBy(), decision);
      }
    } else if (command instanceof ApproveWave approve) {
      if (standing.awaitingWave() != approve.wave()) {
        refuse(
            command,
            "wave "
                + approve.wave()
                + " is not waiting for approval"
                + (standing.awaitingWave() == 0
                    ? ""
                    : " (wave " + standing.awaitingWave() + " is)"),
            decision);
      } else if (!state.policy().approval().allows(command.requestedBy(), state.requestedBy())) {
        refuse(
            command,
            "four eyes: "
                + command.requestedBy()
                + " asked for this rollout, so someone else must approve its waves",
            decision);
      } else {
        decision.emit(
            (seq, id) ->
                new WaveApproved(
                    id,
                    state.rolloutId(),
                    seq,
                    cause,
                    decision.now(),
                    approve.wave(),
                    command.requestedBy()));
        startWave(approve.wave(), cause, decision);
      }
    }
    afterDeviceChange(cause, decision);
  }

  /** Why a rollout that is not running takes no control command. */
  private static String notRunning(RolloutStanding standing) {
    return "the rollout is "
        + (standing.accepted() ? "finished" : standing.status().name().toLowerCase(Locale.ROOT));
  }

  private static void refuse(ControlCommand command, String reason, Decision decision) {
    RolloutState state = decision.state();
    decision.emit(
        (seq, id) ->
            new ControlRefused(
                id,
                state.rolloutId(),
                seq,
                command.messageId(),
                decision.now(),
                MessageTypes.of(command.getClass()).name(),
                reason,
                command.requestedBy()));
  }

  /** Stops for good: devices that have not begun are skipped; those in flight finish. */
  private static void abort(MessageId cause, String by, String reason, Decision decision) {
    RolloutState state = decision.state();
    decision.emit(
        (seq, id) ->
            new RolloutAborted(id, state.rolloutId(), seq, cause, decision.now(), by, reason));
    for (DeviceId device : state.devices()) {
      DeviceSaga saga = decision.state().sagas().get(device);
      if (saga.stage() == DeviceStage.PENDING
          || (saga.stage() == DeviceStage.DEFERRED && saga.retryStep() == null)) {
        decision.finish(saga, DeviceOutcome.SKIPPED, cause, "not started: rollout " + reason);
      }
    }
  }

  /** The first wave of an accepted rollout, once. */
  static void start(MessageId cause, Decision decision) {
    RolloutState state = decision.state();
    if (!state.standing().accepted() || state.standing().wave() > 0) {
      return;
    }
    startWave(1, cause, decision);
    afterDeviceChange(cause, decision);
  }

  static void startWave(int wave, MessageId cause, Decision decision) {
    RolloutState state = decision.state();
    int from = state.waveLimit();
    int to = state.policy().devicesThroughWave(wave, state.devices().size());
    List<DeviceId> members = state.devices().subList(from, to);
    decision.emit(
        (seq, id) ->
            new WaveStarted(
                id, state.rolloutId(), seq, cause, decision.now(), wave, List.copyOf(members)));
  }

  /**
   * What follows any change: the threshold, new or retried devices in free slots, the next wave,
   * and the end of the rollout.
   */
  static void afterDeviceChange(MessageId cause, Decision decision) {
    if (!decision.state().running()) {
      return;
    }
    checkThreshold(cause, decision);
    admitDevices(cause, decision);
    if (nextWaveDue(decision.state())) {
      int next = decision.state().standing().wave() + 1;
      if (decision.state().policy().approval().betweenWaves()) {
        RolloutState state = decision.state();
        decision.emit(
            (seq, id) ->
                new WaveAwaitingApproval(id, state.rolloutId(), seq, cause, decision.now(), next));
      } else {
        startWave(next, cause, decision);
        admitDevices(cause, decision);
      }
    }
    RolloutState state = decision.state();
    if (state.allFinished()) {
      decision.emit(
          (seq, id) ->
              new RolloutFinished(
                  id, state.rolloutId(), seq, cause, decision.now(), state.counts()));
    }
  }

  /**
   * Failures over finished (not skipped) devices above the threshold halt the rollout. After an
   * operator resumes, only a further failure can halt it again.
   */
  private static void checkThreshold(MessageId cause, Decision decision) {
    RolloutState state = decision.state();
    RolloutPolicy policy = state.policy();
    RolloutCounts counts = state.counts();
    int judged = counts.done() + counts.failures();
    boolean newFailures = counts.failures() > state.acceptedFailures();
    if (state.standing().halted() || state.standing().aborted() || !newFailures) {
      return;
    }
    double rate = counts.failures() / (double) judged;
    if (rate <= policy.failureThreshold()) {
      return;
    }
    decision.emit(
        (seq, id) ->
            new RolloutHalted(
                id,
                state.rolloutId(),
                seq,
                cause,
                decision.now(),
                rate,
                policy.failureThreshold(),
                policy.onThreshold()));
    if (policy.onThreshold() == OnThreshold.ROLLBACK) {
      abort(cause, "flotilla", "stopped: the failure threshold was passed", decision);
      if (!state.dryRun()) {
        for (DeviceId device : state.devices()) {
          DeviceSaga saga = decision.state().sagas().get(device);
          if (saga.stage() == DeviceStage.DONE) {
            decision.dispatch(saga, Step.ROLLBACK, cause);
          }
        }
      }
    }
  }

  /** Deferred devices that are due first, then new ones of the current wave, up to the limit. */
  private static void admitDevices(MessageId cause, Decision decision) {
    if (!decision.state().standing().admitsDevices()) {
      return;
    }
    int max = decision.state().policy().maxInFlight();
    if (decision.state().deferred() > 0) {
      for (DeviceId device : decision.state().devices().subList(0, decision.state().started())) {
        DeviceSaga saga = decision.state().sagas().get(device);
        if (decision.state().inFlight() >= max) {
          return;
        }
        if (saga.stage() == DeviceStage.DEFERRED
            && saga.retryStep() == null
            && !decision.now().isBefore(saga.retryAt())) {
          decision.dispatch(saga, Step.SAFETY_CHECK, cause);
        }
      }
    }
    while (decision.state().started() < decision.state().waveLimit()
        && decision.state().inFlight() < max) {
      DeviceId next = decision.state().devices().get(decision.state().started());
      decision.dispatch(decision.state().sagas().get(next), Step.SAFETY_CHECK, cause);
    }
  }

  /** Every device the waves so far admitted has ended, and more devices remain. */
  private static boolean nextWaveDue(RolloutState state) {
    int limit = state.waveLimit();
    return state.standing().admitsDevices()
        && limit < state.devices().size()
        && state.started() == limit
        && state.counts().total() == limit;
  }
}
