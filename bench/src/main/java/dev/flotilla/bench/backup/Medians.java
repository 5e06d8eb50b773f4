package dev.flotilla.bench.backup;

import java.util.Arrays;
import java.util.List;

/** The median and the range of a few rounds' values. */
public record Medians(double median, double min, double max) {
  public static Medians of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Medians(median, sorted[0], sorted[n - 1]);
  }

  String format(String pattern) {
    return String.format(java.util.Locale.ROOT, pattern, median)
        + " ("
        + String.format(java.util.Locale.ROOT, pattern, min)
        + "–"
        + String.format(java.util.Locale.ROOT, pattern, max)
        + ")";
  }
}
