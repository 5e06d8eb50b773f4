package dev.flotilla.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a set of delays is distributed, in milliseconds: percentiles by nearest rank (the smallest
 * value at or above that share of the values, so every reported figure is one that was measured).
 *
 * @param count how many delays
 */
record LatencyStats(int count, double min, double p50, double p90, double p99, double max) {
  /**
   * @throws IllegalArgumentException for no values: a distribution of nothing has no percentiles
   */
  static LatencyStats of(List<Double> millis) {
    if (millis.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new LatencyStats(
        sorted.size(),
        sorted.get(0),
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  /** The nearest-rank percentile of values sorted ascending. */
  static double percentile(List<Double> sorted, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent must be 1-100: " + percent);
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
