package dev.flotilla.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A variant's measured rounds, summed up. */
record VariantSummary(
    String key,
    String title,
    String does,
    ConnectionSettings connection,
    Spread msPerDevice,
    Spread devicesPerSecond,
    Spread peakHeapMb,
    Spread peakLiveMb,
    Spread allocatedKbPerDevice,
    Map<String, Spread> msPerDeviceByStep,
    List<RunResult> runs) {

  static VariantSummary of(
      MigrationVariant variant, ConnectionSettings connection, List<RunResult> runs) {
    return new VariantSummary(
        variant.key(),
        variant.title(),
        variant.does(),
        connection,
        spread(runs, RunResult::msPerDevice),
        spread(runs, RunResult::devicesPerSecond),
        spread(runs, RunResult::peakHeapMb),
        spread(runs, RunResult::peakLiveMb),
        spread(runs, RunResult::allocatedKbPerDevice),
        steps(runs),
        List.copyOf(runs));
  }

  private static Map<String, Spread> steps(List<RunResult> runs) {
    Map<String, Spread> steps = new LinkedHashMap<>();
    for (String step : runs.get(0).msPerDeviceByStep().keySet()) {
      steps.put(step, spread(runs, run -> run.msPerDeviceByStep().getOrDefault(step, 0.0)));
    }
    return steps;
  }

  private static Spread spread(List<RunResult> runs, ToDoubleFunction<RunResult> measure) {
    return Spread.of(runs.stream().map(run -> measure.applyAsDouble(run)).toList());
  }
}
