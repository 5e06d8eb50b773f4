package dev.flotilla.coordinator.projection;

import dev.flotilla.coordinator.projection.RolloutProgress.Stage;
import java.time.Instant;
import java.util.Optional;

/**
 * One rollout as the HTTP API shows it. Counts are of devices whose saga has ended in that outcome
 * now (a device rolled back after it was done moves from one count to the other).
 *
 * @param migrationSet null for a rejected rollout (the rejection does not name it)
 * @param currentWave the last wave started; 0 before the first
 * @param openedAt when the rollout was accepted or rejected
 * @param lastSequence the sequence of the last event applied to this rollout
 */
public record RolloutRow(
    String rolloutId,
    Status status,
    String statusDetail,
    String migrationSet,
    Integer targetVersion,
    String requestedBy,
    boolean dryRun,
    int deviceCount,
    int waveCount,
    int currentWave,
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

  /** Where a rollout as a whole stands. */
  public enum Status {
    RUNNING,
    PAUSED,
    HALTED,
    AWAITING_APPROVAL,
    FINISHED,
    REJECTED,
    ABORTED
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

  RolloutRow withStatus(Status newStatus, String detail) {
    return new RolloutRow(
        rolloutId,
        newStatus,
        detail,
        migrationSet,
        targetVersion,
        requestedBy,
        dryRun,
        deviceCount,
        waveCount,
        currentWave,
        openedAt,
        acceptedAt,
        finishedAt,
        done,
        failed,
        rolledBack,
        skipped,
        needsAttention,
        rejectionReasons,
        lastSequence,
        updatedAt);
  }

  RolloutRow withCurrentWave(int wave) {
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
        wave,
        openedAt,
        acceptedAt,
        finishedAt,
        done,
        failed,
        rolledBack,
        skipped,
        needsAttention,
        rejectionReasons,
        lastSequence,
        updatedAt);
  }

  RolloutRow withFinishedAt(Instant at) {
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
        openedAt,
        acceptedAt,
        at,
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
  RolloutRow withDeviceMoved(Stage from, Stage to) {
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

  private static Optional<Integer> slot(Stage stage) {
    return switch (stage) {
      case DONE -> Optional.of(0);
      case FAILED -> Optional.of(1);
      case ROLLED_BACK -> Optional.of(2);
      case SKIPPED -> Optional.of(3);
      case NEEDS_ATTENTION -> Optional.of(4);
      case PENDING, SAFETY_CHECK, BACKUP, MIGRATE, VERIFY, ROLLBACK, RESTORE, DEFERRED ->
          Optional.empty();
    };
  }

  /** Devices whose saga has ended, in any outcome. */
  public int ended() {
    return done + failed + rolledBack + skipped + needsAttention;
  }
}
