package dev.flotilla.bench;

import dev.flotilla.bench.orchestration.OrchestrationResult;
import dev.flotilla.bench.orchestration.RestartResult;
import java.util.List;

/**
 * Everything one bench run found, as written to the results file.
 *
 * @param endToEnd null when not run
 * @param replay null when not run
 * @param orchestration the coordinator alone; null when not run
 * @param restart the coordinator restarted with a rollout in flight; null when not run
 */
record BenchReport(
    String startedAt,
    double tookSeconds,
    MachineFacts machine,
    double loadAverageAtEnd,
    Setup setup,
    List<VariantSummary> variants,
    List<Ratio> ratios,
    EndToEndResult endToEnd,
    ReplayResult replay,
    OrchestrationResult orchestration,
    RestartResult restart) {

  /** What was migrated, how often. */
  record Setup(
      String migrationSet,
      int fromVersion,
      int toVersion,
      int devices,
      int rounds,
      int warmupDevices,
      long seed,
      String workDir,
      long fleetBytes) {}
}
