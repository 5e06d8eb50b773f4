package dev.flotilla.notifier;

import java.util.Map;

/**
 * What a resuming client has not seen and the history no longer holds: for each partition listed,
 * the events from {@code from} (inclusive) to {@code until} (exclusive), to be read from Kafka.
 */
public record HistoryGap(Map<Integer, Long> from, Map<Integer, Long> until) {
  public HistoryGap {
    from = Map.copyOf(from);
    until = Map.copyOf(until);
    if (!from.keySet().equals(until.keySet()) || until.isEmpty()) {
      throw new IllegalArgumentException("a gap needs the same partitions on both ends");
    }
    for (Map.Entry<Integer, Long> end : until.entrySet()) {
      if (from.get(end.getKey()) >= end.getValue()) {
        throw new IllegalArgumentException("an empty range is no gap: " + from + " " + until);
      }
    }
  }
}
