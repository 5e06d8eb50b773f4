package dev.flotilla.bench;

import dev.flotilla.contracts.id.DeviceId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the in-process variants: for each round, each variant migrates a fresh copy of the same
 * fleet, one device after the other. A warm-up round on part of the fleet comes first and is not
 * reported. The order of the variants rotates from round to round, so none always runs first after
 * a pause or last after the others have filled the page cache. Every run is checked afterwards:
 * every device at the latest version, or the bench stops.
 */
final class InProcessBench {
  private final Workspace workspace;
  private final FleetCheck check;
  private final PrintStream out;

  InProcessBench(Workspace workspace, FleetCheck check, PrintStream out) {
    this.workspace = workspace;
    this.check = check;
    this.out = out;
  }

  List<VariantSummary> run(List<MigrationVariant> variants, int devices, int rounds, int warmup)
      throws Exception {
    Map<String, ConnectionSettings> settings = new LinkedHashMap<>();
    for (MigrationVariant variant : variants) {
      DeviceId first = workspace.freshCopy(variant.fleetDir(), 1).get(0);
      variant.beforeRun();
      settings.put(variant.key(), variant.connectionSettings(first));
    }
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    variants.forEach(variant -> results.put(variant.key(), new ArrayList<>()));
    for (int round = 0; round <= rounds; round++) {
      int size = round == 0 ? warmup : devices;
      String label = round == 0 ? "warm-up" : "round " + round + "/" + rounds;
      for (int i = 0; i < variants.size(); i++) {
        MigrationVariant variant = variants.get((i + round) % variants.size());
        RunResult result = timedRun(variant, round, size);
        out.printf(
            "  %-8s %-24s %4d devices  %8.2f ms/device%n",
            label, variant.title(), result.devices(), result.msPerDevice());
        if (round > 0) {
          results.get(variant.key()).add(result);
        }
      }
    }
    List<VariantSummary> summaries = new ArrayList<>();
    // The last run's copies stay, to be looked at; the next bench run empties the workspace.
    for (MigrationVariant variant : variants) {
      summaries.add(
          VariantSummary.of(variant, settings.get(variant.key()), results.get(variant.key())));
    }
    return summaries;
  }

  private RunResult timedRun(MigrationVariant variant, int round, int size) throws Exception {
    List<DeviceId> devices = workspace.freshCopy(variant.fleetDir(), size);
    variant.beforeRun();
    HeapWatch watch = HeapWatch.start();
    long started;
    long elapsed;
    HeapWatch.Usage usage;
    try {
      started = System.nanoTime();
      variant.migrateAll(devices);
      elapsed = System.nanoTime() - started;
    } finally {
      usage = watch.stop();
    }
    List<String> problems = check.problems(variant.fleetDir(), devices);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          variant.title()
              + " left "
              + problems.size()
              + " device(s) short of the latest version, e.g. "
              + problems.get(0));
    }
    Map<String, Double> steps = new LinkedHashMap<>();
    variant.nanosByStep().forEach((step, nanos) -> steps.put(step, nanos / 1e6 / devices.size()));
    return new RunResult(variant.key(), round, devices.size(), elapsed, usage, steps);
  }
}
