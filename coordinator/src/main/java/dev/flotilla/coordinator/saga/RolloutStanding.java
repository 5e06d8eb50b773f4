package dev.flotilla.coordinator.saga;

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
import java.util.Locale;

/**
 * Where a rollout stands as a whole, folded from its events: the one account of its status, its
 * waves and what holds it back, which the decider steers by and the projections show. Pure.
 *
 * @param status what people are shown: the latest of running, awaiting approval, paused, halted and
 *     aborted, then finished or rejected (an aborted rollout stays aborted when it ends)
 * @param detail why it stands so, in one line (who paused it, the halt's failure rate, why it was
 *     aborted or rejected); null when there is nothing to add
 * @param wave the last wave started, 1-based; 0 before the first
 * @param awaitingWave the wave waiting for an operator's approval, or 0
 * @param paused an operator paused it
 * @param halted the failure threshold stopped it
 * @param aborted it was stopped for good: devices not yet begun are skipped, those in flight finish
 * @param ended it was rejected, or every device has ended
 */
public record RolloutStanding(
    RolloutStatus status,
    String detail,
    int wave,
    int awaitingWave,
    boolean paused,
    boolean halted,
    boolean aborted,
    boolean ended) {

  public static final RolloutStanding NEW =
      new RolloutStanding(RolloutStatus.NEW, null, 0, 0, false, false, false, false);

  /** The standing after {@code event}. */
  public RolloutStanding evolve(RolloutEvent event) {
    return event.accept(new Evolution(this));
  }

  /** Accepted and not yet ended: its inputs are decided on. */
  public boolean running() {
    return status != RolloutStatus.NEW && !ended;
  }

  /** Accepted once: the rollout id is taken (a rejected one may be used again). */
  public boolean accepted() {
    return status != RolloutStatus.NEW && status != RolloutStatus.REJECTED;
  }

  /** New devices (and deferred ones) may start their saga now. */
  public boolean admitsDevices() {
    return !paused && !halted && !aborted && awaitingWave == 0;
  }

  /** What a halt says, as a status detail and in the audit trail. */
  public static String describe(RolloutHalted h) {
    return String.format(
        Locale.ROOT,
        "halted: failure rate %.1f%% passed the threshold %.1f%% (%s)",
        h.failureRate() * 100,
        h.threshold() * 100,
        h.onThreshold().name().toLowerCase(Locale.ROOT));
  }

  private RolloutStanding shown(RolloutStatus newStatus, String newDetail) {
    return new RolloutStanding(
        newStatus, newDetail, wave, awaitingWave, paused, halted, aborted, ended);
  }

  /** One event at a time; events about single devices leave the rollout's standing as it was. */
  private static final class Evolution implements RolloutEvent.Visitor<RolloutStanding> {
    private final RolloutStanding s;

    Evolution(RolloutStanding before) {
      this.s = before;
    }

    @Override
    public RolloutStanding visit(RolloutAccepted accepted) {
      // A fresh start, also for a rollout id whose earlier request was rejected.
      return new RolloutStanding(RolloutStatus.RUNNING, null, 0, 0, false, false, false, false);
    }

    @Override
    public RolloutStanding visit(RolloutRejected rejected) {
      return new RolloutStanding(
          RolloutStatus.REJECTED,
          String.join("; ", rejected.reasons()),
          0,
          0,
          false,
          false,
          false,
          true);
    }

    @Override
    public RolloutStanding visit(WaveStarted started) {
      RolloutStanding next =
          new RolloutStanding(
              s.status,
              s.detail,
              Math.max(s.wave, started.wave()),
              0,
              s.paused,
              s.halted,
              s.aborted,
              s.ended);
      return s.status == RolloutStatus.AWAITING_APPROVAL
          ? next.shown(RolloutStatus.RUNNING, null)
          : next;
    }

    @Override
    public RolloutStanding visit(WaveAwaitingApproval awaiting) {
      return new RolloutStanding(
          RolloutStatus.AWAITING_APPROVAL,
          "wave " + awaiting.wave() + " awaits approval",
          s.wave,
          awaiting.wave(),
          s.paused,
          s.halted,
          s.aborted,
          s.ended);
    }

    @Override
    public RolloutStanding visit(WaveApproved approved) {
      RolloutStanding next =
          new RolloutStanding(
              s.status, s.detail, s.wave, 0, s.paused, s.halted, s.aborted, s.ended);
      // Approved while paused or halted, it stays so: the wave starts, its devices wait.
      return s.status == RolloutStatus.AWAITING_APPROVAL
          ? next.shown(
              RolloutStatus.RUNNING,
              "wave " + approved.wave() + " approved by " + approved.requestedBy())
          : next;
    }

    @Override
    public RolloutStanding visit(RolloutPaused paused) {
      return new RolloutStanding(
          RolloutStatus.PAUSED,
          "paused by " + paused.requestedBy(),
          s.wave,
          s.awaitingWave,
          true,
          s.halted,
          s.aborted,
          s.ended);
    }

    @Override
    public RolloutStanding visit(RolloutResumed resumed) {
      RolloutStanding next =
          new RolloutStanding(
              s.status, s.detail, s.wave, s.awaitingWave, false, false, s.aborted, s.ended);
      // A wave may still wait for its approval: resuming does not approve it.
      return s.awaitingWave > 0
          ? next.shown(
              RolloutStatus.AWAITING_APPROVAL, "wave " + s.awaitingWave + " awaits approval")
          : next.shown(RolloutStatus.RUNNING, "resumed by " + resumed.requestedBy());
    }

    @Override
    public RolloutStanding visit(RolloutHalted halted) {
      return new RolloutStanding(
          RolloutStatus.HALTED,
          describe(halted),
          s.wave,
          s.awaitingWave,
          s.paused,
          true,
          s.aborted,
          s.ended);
    }

    @Override
    public RolloutStanding visit(RolloutAborted aborted) {
      return new RolloutStanding(
          RolloutStatus.ABORTED, aborted.reason(), s.wave, 0, s.paused, s.halted, true, s.ended);
    }

    @Override
    public RolloutStanding visit(RolloutFinished finished) {
      RolloutStanding ended =
          new RolloutStanding(
              s.status, s.detail, s.wave, s.awaitingWave, s.paused, s.halted, s.aborted, true);
      return s.aborted ? ended : ended.shown(RolloutStatus.FINISHED, null);
    }

    @Override
    public RolloutStanding visit(ControlRefused refused) {
      return s; // nothing changed: that is what a refusal says
    }

    @Override
    public RolloutStanding visit(StepDispatched dispatched) {
      return s;
    }

    @Override
    public RolloutStanding visit(StepCompleted completed) {
      return s;
    }

    @Override
    public RolloutStanding visit(StepTimedOut timedOut) {
      return s;
    }

    @Override
    public RolloutStanding visit(DeviceDeferred deferred) {
      return s;
    }

    @Override
    public RolloutStanding visit(DeviceFinished finished) {
      return s;
    }
  }
}
