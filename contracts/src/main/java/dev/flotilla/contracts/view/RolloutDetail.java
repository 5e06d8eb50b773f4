package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /rollouts/{id}}: the rollout as the list shows it ({@link RolloutSummary}, the same
 * fields), with its devices counted by stage overall and per wave.
 *
 * @param notYetInAWave devices no wave has admitted yet
 * @param rehearsal for a dry run, what its rehearsals found so far; null for a real rollout
 */
public record RolloutDetail(
    String rolloutId,
    String status,
    String statusDetail,
    String migrationSet,
    VersionId targetVersion,
    String requestedBy,
    boolean dryRun,
    int devices,
    int waves,
    int currentWave,
    Instant openedAt,
    Instant acceptedAt,
    Instant finishedAt,
    Outcomes outcomes,
    List<String> rejectionReasons,
    long lastSequence,
    Instant updatedAt,
    RolloutLinks links,
    StageCounts byStage,
    List<WaveProgress> byWave,
    int notYetInAWave,
    Rehearsal rehearsal)
    implements View {
  public RolloutDetail {
    Check.required(rolloutId, "rolloutId");
    Check.required(status, "status");
    Check.required(outcomes, "outcomes");
    rejectionReasons = Check.list(rejectionReasons, "rejectionReasons");
    byStage = byStage == null ? StageCounts.NONE : byStage;
    byWave = Check.list(byWave, "byWave");
  }

  /** The summary's fields with the counts added. */
  public static RolloutDetail of(
      RolloutSummary r,
      StageCounts byStage,
      List<WaveProgress> byWave,
      int notYetInAWave,
      Rehearsal rehearsal) {
    return new RolloutDetail(
        r.rolloutId(),
        r.status(),
        r.statusDetail(),
        r.migrationSet(),
        r.targetVersion(),
        r.requestedBy(),
        r.dryRun(),
        r.devices(),
        r.waves(),
        r.currentWave(),
        r.openedAt(),
        r.acceptedAt(),
        r.finishedAt(),
        r.outcomes(),
        r.rejectionReasons(),
        r.lastSequence(),
        r.updatedAt(),
        r.links(),
        byStage,
        byWave,
        notYetInAWave,
        rehearsal);
  }

  /** The fields the rollout list shows. */
  public RolloutSummary summary() {
    return new RolloutSummary(
        rolloutId,
        status,
        statusDetail,
        migrationSet,
        targetVersion,
        requestedBy,
        dryRun,
        devices,
        waves,
        currentWave,
        openedAt,
        acceptedAt,
        finishedAt,
        outcomes,
        rejectionReasons,
        lastSequence,
        updatedAt,
        links);
  }
}
