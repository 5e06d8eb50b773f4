package dev.flotilla.bench.fanout;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of delays in milliseconds, so each one is a measured value.
 * Over a primitive array: a run holds millions of (client, event) delays.
 */
public record LatencyPercentiles(int count, double p50, double p90, double p99, double max) {
  static final LatencyPercentiles NONE = new LatencyPercentiles(0, 0, 0, 0, 0);

  /** The first {@code count} values of {@code millis}; the array is left as it was. */
  static LatencyPercentiles of(double[] millis, int count) {
    if (count == 0) {
      return NONE;
    }
    double[] sorted = Arrays.copyOf(millis, count);
    Arrays.sort(sorted);
    return new LatencyPercentiles(
        count, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[count - 1]);
  }

  private static double rank(double[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
