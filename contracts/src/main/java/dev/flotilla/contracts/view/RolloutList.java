package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.util.List;

/** {@code GET /rollouts}: every rollout, newest first. */
public record RolloutList(List<RolloutSummary> rollouts) implements View {
  public RolloutList {
    rollouts = Check.list(rollouts, "rollouts");
  }
}
