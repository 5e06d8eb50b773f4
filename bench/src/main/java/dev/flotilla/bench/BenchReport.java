package dev.flotilla.bench;

import java.util.List;

/**
 * Everything one bench run found, as written to the results file.
 *
 * @param endToEnd null when not run
 * @param replay null when not run
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
    ReplayResult replay) {

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
