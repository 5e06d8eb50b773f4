package dev.flotilla.contracts.event;

import dev.flotilla.contracts.Check;

/** How many devices of a rollout ended in each outcome. */
public record RolloutCounts(int done, int failed, int rolledBack, int skipped, int needsAttention) {
  public RolloutCounts {
    Check.atLeast(done, 0, "done");
    Check.atLeast(failed, 0, "failed");
    Check.atLeast(rolledBack, 0, "rolledBack");
    Check.atLeast(skipped, 0, "skipped");
    Check.atLeast(needsAttention, 0, "needsAttention");
  }

  public static final RolloutCounts NONE = new RolloutCounts(0, 0, 0, 0, 0);

  public int total() {
    return done + failed + rolledBack + skipped + needsAttention;
  }

  /** Devices that ended badly: failed, rolled back, or needing attention (skipped ones are not). */
  public int failures() {
    return failed + rolledBack + needsAttention;
  }

  public RolloutCounts minus(DeviceOutcome outcome) {
    return switch (outcome) {
      case DONE -> new RolloutCounts(done - 1, failed, rolledBack, skipped, needsAttention);
      case FAILED -> new RolloutCounts(done, failed - 1, rolledBack, skipped, needsAttention);
      case ROLLED_BACK -> new RolloutCounts(done, failed, rolledBack - 1, skipped, needsAttention);
      case SKIPPED -> new RolloutCounts(done, failed, rolledBack, skipped - 1, needsAttention);
      case NEEDS_ATTENTION ->
          new RolloutCounts(done, failed, rolledBack, skipped, needsAttention - 1);
    };
  }

  public RolloutCounts plus(DeviceOutcome outcome) {
    return switch (outcome) {
      case DONE -> new RolloutCounts(done + 1, failed, rolledBack, skipped, needsAttention);
      case FAILED -> new RolloutCounts(done, failed + 1, rolledBack, skipped, needsAttention);
      case ROLLED_BACK -> new RolloutCounts(done, failed, rolledBack + 1, skipped, needsAttention);
      case SKIPPED -> new RolloutCounts(done, failed, rolledBack, skipped + 1, needsAttention);
      case NEEDS_ATTENTION ->
          new RolloutCounts(done, failed, rolledBack, skipped, needsAttention + 1);
    };
  }
}
