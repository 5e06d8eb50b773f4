package dev.flotilla.bench;

import dev.flotilla.bench.backup.LargeBackupResult;
import dev.flotilla.bench.backup.RowGuardResult;
import dev.flotilla.bench.fanout.SseFanoutResult;
import dev.flotilla.bench.orchestration.OrchestrationResult;
import dev.flotilla.bench.orchestration.RestartResult;
import dev.flotilla.bench.replay.ReplayMillionResult;
import java.util.List;

/**
 * Everything one bench run found, as written to the results file.
 *
 * @param endToEnd null when not run
 * @param replay null when not run
 * @param orchestration the coordinator alone; null when not run
 * @param restart the coordinator restarted with a rollout in flight; null when not run
 * @param fanout the notifier with many SSE clients, one per event rate; empty when not run
 * @param replayMillion the projections rebuilt from a large log; null when not run
 * @param largeBackup a large database backed up against a file copy; null when not run
 * @param steps each step and the row guard, per device; null when not run
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
    RestartResult restart,
    List<SseFanoutResult> fanout,
    ReplayMillionResult replayMillion,
    LargeBackupResult largeBackup,
    RowGuardResult steps) {

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
