package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.time.Instant;

/**
 * One wave of a rollout and its devices by stage.
 *
 * @param state {@code AWAITING_APPROVAL}, {@code APPROVED} or {@code STARTED}
 * @param devices how many devices it admitted; 0 while it awaits approval
 * @param approvedBy who approved it, when the policy asked for approval; else null
 */
public record WaveProgress(
    int wave,
    String state,
    int devices,
    Instant awaitingSince,
    String approvedBy,
    Instant approvedAt,
    Instant startedAt,
    StageCounts byStage) {
  public WaveProgress {
    Check.required(state, "state");
    byStage = byStage == null ? StageCounts.NONE : byStage;
  }
}
