package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.view.Outcomes;
import dev.flotilla.contracts.view.Rehearsal;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutDevice;
import dev.flotilla.contracts.view.RolloutLinks;
import dev.flotilla.contracts.view.RolloutSummary;
import dev.flotilla.contracts.view.StageCounts;
import dev.flotilla.contracts.view.ViewSamples;
import java.util.List;
import java.util.Map;

/** Rollouts as the API answers them, in the states the commands' tests need. */
final class Rollouts {
  private Rollouts() {}

  static RolloutDetail rollout(String status, boolean ended, Outcomes outcomes, int devices) {
    return rollout(status, null, ended, outcomes, devices, false, null);
  }

  static RolloutDetail rollout(
      String status,
      String detail,
      boolean ended,
      Outcomes outcomes,
      int devices,
      boolean dryRun,
      Rehearsal rehearsal) {
    RolloutSummary summary =
        new RolloutSummary(
            "r-1",
            status,
            detail,
            "coachiq",
            VersionId.of(5),
            "ops@example.com",
            dryRun,
            devices,
            1,
            1,
            ViewSamples.OPENED,
            ViewSamples.OPENED,
            ended ? ViewSamples.FINISHED : null,
            outcomes,
            List.of(),
            9,
            ViewSamples.UPDATED,
            RolloutLinks.of("r-1"));
    return RolloutDetail.of(summary, StageCounts.NONE, List.of(), 0, rehearsal);
  }

  static RolloutDetail rejected() {
    return RolloutDetail.of(ViewSamples.REJECTED, StageCounts.NONE, List.of(), 0, null);
  }

  static Outcomes outcomes(int done, int failed, int rolledBack, int skipped, int attention) {
    return new Outcomes(
        done,
        failed,
        rolledBack,
        skipped,
        attention,
        done + failed + rolledBack + skipped + attention);
  }

  static RolloutDevice device(String id, DeviceStage stage, String backup, String... reasons) {
    return new RolloutDevice(
        "r-1", id, stage, 1, VersionId.of(2), backup, List.of(reasons), ViewSamples.UPDATED);
  }

  static StageCounts stages(Map<DeviceStage, Integer> counts) {
    return new StageCounts(counts);
  }
}
