package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.coordinator.saga.RolloutStanding;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One rollout as the HTTP API shows it. Counts are of devices whose saga has ended in that outcome
 * now (a device rolled back after it was done moves from one count to the other). Its status,
 * detail and waves are the rollout's {@link RolloutStanding}, the one the decider steers by, kept
 * in whole.
 *
 * @param migrationSet null for a rejected rollout (the rejection does not name it)
 * @param currentWave the last wave started; 0 before the first
 * @param awaitingWave the wave waiting for an operator's approval, or 0
 * @param openedAt when the rollout was accepted or rejected
 * @param finishedAt when it ended: rejected, or its last device ended
 * @param lastSequence the sequence of the last event applied to this rollout
 */
public record RolloutRow(
    String rolloutId,
    RolloutStatus status,
    String statusDetail,
    String migrationSet,
    VersionId targetVersion,
    String requestedBy,
    boolean dryRun,
    int deviceCount,
    int waveCount,
    int currentWave,
    int awaitingWave,
    boolean paused,
    boolean halted,
    boolean aborted,
    Instant openedAt,
    Instant acceptedAt,
    Instant finishedAt,
    int done,
    int failed,
    int rolledBack,
    int skipped,
    int needsAttention,
    Reasons rejectionReasons,
    long lastSequence,
    Instant updatedAt) {

  /** The row of a rollout as its first event opened it. */
  static RolloutRow opened(
      String rolloutId,
      RolloutStanding standing,
      String migrationSet,
      VersionId targetVersion,
      String requestedBy,
      boolean dryRun,
      int deviceCount,
      int waveCount,
      Reasons rejectionReasons,
      long sequence,
      Instant at) {
    boolean accepted = standing.accepted();
    return new RolloutRow(
            rolloutId,
            RolloutStatus.NEW,
            null,
            migrationSet,
            targetVersion,
            requestedBy,
            dryRun,
            deviceCount,
            waveCount,
            0,
            0,
            false,
            false,
            false,
            at,
            accepted ? at : null,
            null,
            0,
            0,
            0,
            0,
            0,
            rejectionReasons,
            sequence,
            at)
        .withStanding(standing, at);
  }

  /** Where the rollout stands, as the decider knows it: what the next event is folded into. */
  RolloutStanding standing() {
    return new RolloutStanding(
        status,
        statusDetail,
        currentWave,
        awaitingWave,
        paused,
        halted,
        aborted,
        finishedAt != null);
  }

  RolloutRow withEvent(long sequence, Instant at) {
    return new RolloutRow(
        rolloutId,
        status,
        statusDetail,
        migrationSet,
        targetVersion,
        requestedBy,
        dryRun,
        deviceCount,
        waveCount,
        currentWave,
        awaitingWave,
        paused,
        halted,
        aborted,
        openedAt,
        acceptedAt,
        finishedAt,
        done,
        failed,
        rolledBack,
        skipped,
        needsAttention,
        rejectionReasons,
        sequence,
        at);
  }

  /** The rollout's new standing; the time it ended, once it has. */
  RolloutRow withStanding(RolloutStanding s, Instant at) {
    return new RolloutRow(
        rolloutId,
        s.status(),
        s.detail(),
        migrationSet,
        targetVersion,
        requestedBy,
        dryRun,
        deviceCount,
        waveCount,
        s.wave(),
        s.awaitingWave(),
        s.paused(),
        s.halted(),
        s.aborted(),
        openedAt,
        acceptedAt,
        s.ended() && finishedAt == null ? at : finishedAt,
        done,
        failed,
        rolledBack,
        skipped,
        needsAttention,
        rejectionReasons,
        lastSequence,
        updatedAt);
  }

  /** A device moved from one stage to another: the outcome counts follow. */
  RolloutRow withDeviceMoved(DeviceStage from, DeviceStage to) {
    int[] counts = {done, failed, rolledBack, skipped, needsAttention};
    slot(from).ifPresent(i -> counts[i]--);
    slot(to).ifPresent(i -> counts[i]++);
    return new RolloutRow(
        rolloutId,
        status,
        statusDetail,
        migrationSet,
        targetVersion,
        requestedBy,
        dryRun,
        deviceCount,
        waveCount,
        currentWave,
        awaitingWave,
        paused,
        halted,
        aborted,
        openedAt,
        acceptedAt,
        finishedAt,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        rejectionReasons,
        lastSequence,
        updatedAt);
  }

  private static Optional<Integer> slot(DeviceStage stage) {
    return stage
        .outcome()
        .map(
            outcome ->
                switch (outcome) {
                  case DONE -> 0;
                  case FAILED -> 1;
                  case ROLLED_BACK -> 2;
                  case SKIPPED -> 3;
                  case NEEDS_ATTENTION -> 4;
                });
  }

  /** Devices whose saga has ended, in any outcome. */
  public int ended() {
    return done + failed + rolledBack + skipped + needsAttention;
  }
}
