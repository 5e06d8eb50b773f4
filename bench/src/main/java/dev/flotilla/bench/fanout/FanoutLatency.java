package dev.flotilla.bench.fanout;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches what every SSE stream received against what the bare consumer read: per (stream, event)
 * the stream's arrival minus the bare consumer's, counted once; repeats, events missing from a
 * stream and events no one else read are counted apart. Only events at or past {@code measuredFrom}
 * (each partition's next offset when the measured window began) count. Pure.
 */
final class FanoutLatency {
  /** An arrival of one event on one stream: its {@link PositionDiff#key} and nanoTime. */
  interface Arrivals {
    int count();

    long key(int i);

    long nanos(int i);
  }

  /**
   * @param events events the bare consumer read in the window
   * @param delivered (stream, event) pairs received once or more
   * @param missing (stream, event) pairs never received
   * @param duplicates arrivals of an event the stream had already received
   * @param unknown arrivals in the window of an event the bare consumer did not read
   */
  record Matched(
      int events,
      long delivered,
      long missing,
      long duplicates,
      long unknown,
      LatencyPercentiles sseAfterBare) {}

  private FanoutLatency() {}

  static Matched match(
      Map<Long, Long> bareReadAt, long[] measuredFrom, List<? extends Arrivals> streams) {
    Map<Long, Integer> index = new HashMap<>();
    long[] bareNanos = new long[bareReadAt.size()];
    for (Map.Entry<Long, Long> read : bareReadAt.entrySet()) {
      if (inWindow(read.getKey(), measuredFrom)) {
        bareNanos[index.size()] = read.getValue();
        index.put(read.getKey(), index.size());
      }
    }
    int events = index.size();
    double[] delays = new double[16];
    int count = 0;
    long duplicates = 0;
    long unknown = 0;
    for (Arrivals stream : streams) {
      BitSet seen = new BitSet(events);
      for (int i = 0; i < stream.count(); i++) {
        long key = stream.key(i);
        if (!inWindow(key, measuredFrom)) {
          continue;
        }
        Integer event = index.get(key);
        if (event == null) {
          unknown++;
        } else if (seen.get(event)) {
          duplicates++;
        } else {
          seen.set(event);
          if (count == delays.length) {
            delays = Arrays.copyOf(delays, count * 2);
          }
          delays[count++] = (stream.nanos(i) - bareNanos[event]) / 1e6;
        }
      }
    }
    long expected = (long) events * streams.size();
    return new Matched(
        events, count, expected - count, duplicates, unknown, LatencyPercentiles.of(delays, count));
  }

  private static boolean inWindow(long key, long[] measuredFrom) {
    int partition = PositionDiff.partitionOf(key);
    long from = partition < measuredFrom.length ? measuredFrom[partition] : 0;
    return PositionDiff.offsetOf(key) >= from;
  }
}
