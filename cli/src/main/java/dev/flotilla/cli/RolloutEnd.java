package dev.flotilla.cli;

import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.coordinator.saga.RolloutStatus;

/**
 * How a followed rollout stands for the exit code of {@code flotilla watch} and {@code dry-run}:
 * the codes {@code flotilla --help} lists.
 */
final class RolloutEnd {
  private RolloutEnd() {}

  static int exitCode(RolloutDetail r) {
    if (RolloutStatus.REJECTED.name().equals(r.status())) {
      return FlotillaCommand.REJECTED;
    }
    if (r.finishedAt() == null) {
      return FlotillaCommand.STILL_RUNNING;
    }
    if (RolloutStatus.ABORTED.name().equals(r.status())) {
      return FlotillaCommand.ABORTED;
    }
    return r.outcomes().done() == r.devices() ? FlotillaCommand.OK : FlotillaCommand.NOT_ALL_DONE;
  }
}
