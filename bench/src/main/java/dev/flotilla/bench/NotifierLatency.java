package dev.flotilla.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches what the SSE client received with what the bare consumer read, event by event, and turns
 * the receive times into delays. Pure: the followers hand over what they recorded.
 */
final class NotifierLatency {
  private static final int MISSING_IDS_SHOWN = 10;

  private NotifierLatency() {}

  /**
   * An event of the rollout as the bare consumer read it.
   *
   * @param eventId its message id, which the SSE frame's data carries too (the frame's id is a
   *     stream position, not the event's)
   * @param receivedAtNanos {@link System#nanoTime()} when the poll that returned it returned
   */
  record Published(String eventId, long sequence, Instant occurredAt, long receivedAtNanos) {}

  /**
   * A frame the SSE client received.
   *
   * @param eventId message id of the event its data holds, null when the data is no event of the
   *     rollout
   * @param sequence of the event its data holds, null when the data is no event of the rollout
   */
  record Pushed(String eventId, Long sequence, long receivedAtNanos) {}

  /**
   * Relates {@link System#nanoTime()} to the wall clock, read once, so every receive time converts
   * the same way and compares with the coordinator's {@code occurredAt} (same machine).
   */
  record WallAnchor(Instant wall, long nanos) {
    static WallAnchor now() {
      long before = System.nanoTime();
      Instant wall = Instant.now();
      long after = System.nanoTime();
      return new WallAnchor(wall, before + (after - before) / 2);
    }

    double millisAfter(Instant occurredAt, long receivedAtNanos) {
      long wallNanos = epochNanos(wall) + (receivedAtNanos - nanos);
      return (wallNanos - epochNanos(occurredAt)) / 1e6;
    }

    private static long epochNanos(Instant instant) {
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
  }

  static NotifierLatencyResult analyse(
      String does,
      String rollout,
      List<Published> published,
      List<Pushed> pushed,
      boolean streamEnded,
      WallAnchor anchor) {
    Map<String, Published> byEventId = new HashMap<>();
    long lastSequence = 0;
    Set<Long> sequences = new HashSet<>();
    List<Double> bareDelays = new ArrayList<>();
    for (Published event : published) {
      if (byEventId.putIfAbsent(event.eventId(), event) == null) {
        sequences.add(event.sequence());
        lastSequence = Math.max(lastSequence, event.sequence());
        bareDelays.add(anchor.millisAfter(event.occurredAt(), event.receivedAtNanos()));
      }
    }
    Set<String> received = new HashSet<>();
    int duplicates = 0;
    int unmatched = 0;
    List<Double> sseDelays = new ArrayList<>();
    List<Double> sseAfterBare = new ArrayList<>();
    for (Pushed frame : pushed) {
      Published event = frame.eventId() == null ? null : byEventId.get(frame.eventId());
      if (event == null
          || frame.sequence() == null
          || frame.sequence().longValue() != event.sequence()) {
        unmatched++;
      } else if (!received.add(frame.eventId())) {
        duplicates++;
      } else {
        sseDelays.add(anchor.millisAfter(event.occurredAt(), frame.receivedAtNanos()));
        sseAfterBare.add((frame.receivedAtNanos() - event.receivedAtNanos()) / 1e6);
      }
    }
    List<String> missingIds = new ArrayList<>();
    int missing = 0;
    for (Published event :
        byEventId.values().stream()
            .sorted(Comparator.comparingLong(Published::sequence))
            .toList()) {
      if (!received.contains(event.eventId())) {
        missing++;
        if (missingIds.size() < MISSING_IDS_SHOWN) {
          missingIds.add(event.eventId());
        }
      }
    }
    LatencyStats bare = bareDelays.isEmpty() ? null : LatencyStats.of(bareDelays);
    LatencyStats sse = sseDelays.isEmpty() ? null : LatencyStats.of(sseDelays);
    return new NotifierLatencyResult(
        does,
        rollout,
        byEventId.size(),
        (int) (lastSequence - sequences.size()),
        received.size(),
        missing,
        missingIds,
        duplicates,
        unmatched,
        streamEnded,
        bare,
        sse,
        sseAfterBare.isEmpty() ? null : LatencyStats.of(sseAfterBare),
        bare == null || sse == null ? null : sse.p50() / bare.p50(),
        bare == null || sse == null ? null : sse.p99() / bare.p99());
  }
}
