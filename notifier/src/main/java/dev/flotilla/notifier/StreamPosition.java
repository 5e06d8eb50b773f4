package dev.flotilla.notifier;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a client has read {@code flotilla.events}: for every partition, the offset of the first
 * event it has not seen (0 for a partition it has seen nothing of). Unlike one event's position it
 * means the same in every notifier run, however a run interleaves the partitions, so it is what an
 * event id carries: {@code v2.} and the offsets of partitions 0, 1, 2… in base 36, joined by dots
 * ({@code v2.0.1a.3f}: partition 1 up to offset 45, partition 2 up to 135). Partitions past the end
 * of the list are at 0. Immutable.
 */
public final class StreamPosition implements LastEventId {
  static final String PREFIX = "v2.";

  /** More partitions than this in an id is a forgery, not a topic. */
  static final int MAX_PARTITIONS = 10_000;

  public static final StreamPosition START = new StreamPosition(new long[0]);

  private final long[] next;
  private final String id;

  private StreamPosition(long[] next) {
    this.next = next;
    this.id = encode(next);
  }

  /** A position from partition → next offset; partitions absent are at 0. */
  public static StreamPosition of(Map<Integer, Long> nextOffsets) {
    int size = nextOffsets.keySet().stream().mapToInt(p -> p + 1).max().orElse(0);
    long[] next = new long[size];
    nextOffsets.forEach(
        (partition, offset) -> {
          if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partitions and offsets must be at least 0");
          }
          next[partition] = offset;
        });
    return new StreamPosition(next);
  }

  /**
   * Reads an id this class wrote.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static StreamPosition parse(String text) {
    String value = text == null ? "" : text.strip();
    if (!value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("'" + text + "' does not start with " + PREFIX);
    }
    String[] parts = value.substring(PREFIX.length()).split("\\.", -1);
    if (parts.length > MAX_PARTITIONS) {
      throw new IllegalArgumentException("'" + abbreviated(value) + "' names too many partitions");
    }
    long[] next = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      next[i] = offset(parts[i], value);
    }
    return new StreamPosition(next);
  }

  /** The offset of the first event of {@code partition} not seen. */
  public long next(int partition) {
    return partition < next.length ? next[partition] : 0;
  }

  /** True when the event at {@code partition}/{@code offset} is before this position. */
  public boolean hasSeen(EventPosition event) {
    return event.offset() < next(event.partition());
  }

  /** This position once the event at {@code event} is seen too (a partition never goes back). */
  public StreamPosition passing(EventPosition event) {
    long after = event.offset() + 1;
    if (after <= next(event.partition())) {
      return this;
    }
    long[] moved = Arrays.copyOf(next, Math.max(next.length, event.partition() + 1));
    moved[event.partition()] = after;
    return new StreamPosition(moved);
  }

  /** Each partition at the further of the two. */
  public StreamPosition max(StreamPosition other) {
    if (atOrPast(other)) {
      return this;
    }
    if (other.atOrPast(this)) {
      return other;
    }
    long[] joined = new long[Math.max(next.length, other.next.length)];
    for (int p = 0; p < joined.length; p++) {
      joined[p] = Math.max(next(p), other.next(p));
    }
    return new StreamPosition(joined);
  }

  /** True when this position is at or past {@code other} in every partition. */
  public boolean atOrPast(StreamPosition other) {
    for (int p = 0; p < other.next.length; p++) {
      if (next(p) < other.next[p]) {
        return false;
      }
    }
    return true;
  }

  /** Partition → next offset, for the partitions past 0. */
  public Map<Integer, Long> asMap() {
    Map<Integer, Long> offsets = new TreeMap<>();
    for (int p = 0; p < next.length; p++) {
      if (next[p] > 0) {
        offsets.put(p, next[p]);
      }
    }
    return offsets;
  }

  /** The event id: {@code v2.} and the offsets in base 36. */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StreamPosition that && atOrPast(that) && that.atOrPast(this);
  }

  @Override
  public int hashCode() {
    int end = next.length;
    while (end > 0 && next[end - 1] == 0) {
      end--; // trailing zeros mean nothing
    }
    return Arrays.hashCode(Arrays.copyOf(next, end));
  }

  @Override
  public String toString() {
    return id;
  }

  private static String encode(long[] next) {
    StringBuilder text = new StringBuilder(PREFIX.length() + next.length * 4).append(PREFIX);
    for (int p = 0; p < next.length; p++) {
      if (p > 0) {
        text.append('.');
      }
      text.append(Long.toString(next[p], 36));
    }
    return text.toString();
  }

  private static long offset(String digits, String whole) {
    if (digits.isEmpty()
        || digits.length() > 13
        || !digits.chars().allMatch(StreamPosition::base36)) {
      throw new IllegalArgumentException(
          "'" + abbreviated(whole) + "' is not a position: '" + digits + "' is no base-36 offset");
    }
    try {
      return Long.parseLong(digits, 36);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + abbreviated(whole) + "' holds too large an offset");
    }
  }

  private static boolean base36(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  }

  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
