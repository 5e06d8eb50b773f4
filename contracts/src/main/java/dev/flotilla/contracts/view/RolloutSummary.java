package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import java.time.Instant;
import java.util.List;

/**
 * One rollout as the list shows it.
 *
 * @param status {@code NEW}, {@code RUNNING}, {@code PAUSED}, {@code HALTED}, {@code
 *     AWAITING_APPROVAL}, {@code FINISHED}, {@code REJECTED} or {@code ABORTED}
 * @param statusDetail why it stands so, in one line; null when there is nothing to add
 * @param migrationSet null for a rejected rollout (the rejection does not name it)
 * @param targetVersion null for a rejected rollout
 * @param devices how many devices it covers
 * @param waves how many waves its policy has
 * @param currentWave the last wave started; 0 before the first
 * @param finishedAt when it ended (rejected, or its last device ended); null while it runs
 * @param rejectionReasons why it was rejected; empty otherwise
 * @param lastSequence the sequence of the last event applied to it
 */
public record RolloutSummary(
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
    RolloutLinks links) {
  public RolloutSummary {
    Check.required(rolloutId, "rolloutId");
    Check.required(status, "status");
    Check.required(outcomes, "outcomes");
    rejectionReasons = Check.list(rejectionReasons, "rejectionReasons");
  }
}
