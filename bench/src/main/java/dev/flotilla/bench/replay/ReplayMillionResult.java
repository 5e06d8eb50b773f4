package dev.flotilla.bench.replay;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rebuilding the coordinator's projections from a large generated log of {@code flotilla.events},
 * against a bare read of the same log in the same rounds.
 *
 * @param eventsGenerated events the generator wrote for this run
 * @param eventsReplayed events on the topic when measured (generated plus whatever was there
 *     before), every one of them read by both sides in every round
 * @param rebuildEventsPerSecond eventsReplayed over the rebuild's time
 * @param timeRatio the rebuild's time over the bare read's, round by round
 * @param rebuildHeapPeakMegabytes heap used above the start, sampled, while rebuilding
 * @param meetsTarget at least {@value #TARGET_EVENTS_PER_SECOND} events/s and at most {@value
 *     #TARGET_RATIO}× the bare read, at the medians
 */
public record ReplayMillionResult(
    String does,
    long eventsGenerated,
    int rolloutsGenerated,
    int devicesPerRollout,
    double generatorSeconds,
    long eventsReplayed,
    long rolloutsProjected,
    int rounds,
    Spread rebuildSeconds,
    Spread bareReadSeconds,
    Spread rebuildEventsPerSecond,
    Spread bareReadEventsPerSecond,
    Spread timeRatio,
    Spread rebuildHeapPeakMegabytes,
    boolean meetsTarget) {
  public static final double TARGET_EVENTS_PER_SECOND = 100_000;
  public static final double TARGET_RATIO = 2.0;

  /** The median of a few measurements and how far they spread. */
  public record Spread(double median, double min, double max) {
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

    String format(String unit, String pattern) {
      return String.format(pattern, median)
          + unit
          + " ("
          + String.format(pattern, min)
          + "–"
          + String.format(pattern, max)
          + ")";
    }
  }

  public void printTo(PrintStream out) {
    out.printf(
        "Replay of %,d events (%,d generated: %d rollouts of %d devices, written in %.1f s),"
            + " %d rounds, median (min–max):%n%n",
        eventsReplayed,
        eventsGenerated,
        rolloutsGenerated,
        devicesPerRollout,
        generatorSeconds,
        rounds);
    out.println("| | seconds | events/s |");
    out.println("|---|---|---|");
    out.printf(
        "| Projector.rebuild (new file) | %s | %s |%n",
        rebuildSeconds.format("", "%.2f"), rebuildEventsPerSecond.format("", "%,.0f"));
    out.printf(
        "| bare read, read_committed | %s | %s |%n",
        bareReadSeconds.format("", "%.2f"), bareReadEventsPerSecond.format("", "%,.0f"));
    out.printf("| rebuild over bare read | %s | |%n", timeRatio.format("×", "%.2f"));
    out.printf(
        "| rebuild heap peak above start | %s | |%n",
        rebuildHeapPeakMegabytes.format(" MB", "%.0f"));
    out.printf(
        "%nTarget (>= %,.0f events/s and <= %.1f× the bare read): %s%n",
        TARGET_EVENTS_PER_SECOND, TARGET_RATIO, meetsTarget ? "met" : "NOT met");
  }
}
