package dev.flotilla.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How one variant compares with another, round by round: both ran in the same round, one after the
 * other, so the ratio of the two cancels much of what the machine was doing meanwhile. Above 1
 * means the first variant takes more time or memory than the second.
 *
 * @param time ms per device of {@code of} over that of {@code over}
 * @param allocation bytes allocated per device, likewise
 * @param peakHeap peak heap used, likewise
 * @param peakLive peak heap live after a collection, likewise
 */
record Ratio(
    String of, String over, Spread time, Spread allocation, Spread peakHeap, Spread peakLive) {
  static Ratio between(VariantSummary of, VariantSummary over) {
    return new Ratio(
        of.key(),
        over.key(),
        perRound(of, over, RunResult::msPerDevice),
        perRound(of, over, RunResult::allocatedKbPerDevice),
        perRound(of, over, RunResult::peakHeapMb),
        perRound(of, over, RunResult::peakLiveMb));
  }

  private static Spread perRound(
      VariantSummary of, VariantSummary over, ToDoubleFunction<RunResult> measure) {
    List<Double> ratios = new ArrayList<>();
    for (RunResult run : of.runs()) {
      for (RunResult other : over.runs()) {
        if (other.round() == run.round()) {
          ratios.add(measure.applyAsDouble(run) / measure.applyAsDouble(other));
        }
      }
    }
    return Spread.of(ratios);
  }
}
