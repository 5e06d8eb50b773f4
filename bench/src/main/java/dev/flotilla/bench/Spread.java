package dev.flotilla.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median of a few measurements and how far they spread. */
record Spread(double median, double min, double max) {
  static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int size = sorted.size();
    double median =
        size % 2 == 1
            ? sorted.get(size / 2)
            : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
    return new Spread(median, sorted.get(0), sorted.get(size - 1));
  }
}
