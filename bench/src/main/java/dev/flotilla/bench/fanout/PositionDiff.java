package dev.flotilla.bench.fanout;

import java.util.Arrays;

/**
 * Which event an SSE frame carries, from its id alone: an id ({@code v2.} and every partition's
 * next offset in base 36, as the notifier writes it) is where a reader stands once it has seen the
 * event, so against the id before it exactly one partition moved, to the event's offset + 1. This
 * keeps matching cheap enough for a thousand streams (no JSON is parsed). Pure; one per stream.
 */
final class PositionDiff {
  /** No event: the id did not parse, or did not move exactly one partition forward. */
  static final long NONE = -1;

  private long[] last;
  private long[] scratch;

  /** A stream that resumed from {@code start} (the partitions' next offsets). */
  PositionDiff(long[] start) {
    this.last = Arrays.copyOf(start, Math.max(start.length, 1));
    this.scratch = new long[last.length];
  }

  /** The event the id names as {@link #key}, or {@link #NONE}. */
  long next(byte[] id, int length) {
    if (length < 3 || id[0] != 'v' || id[1] != '2' || id[2] != '.') {
      return NONE;
    }
    Arrays.fill(scratch, 0);
    int partition = 0;
    long value = 0;
    for (int i = 3; i <= length; i++) {
      if (i == length || id[i] == '.') {
        if (partition >= scratch.length) {
          scratch = Arrays.copyOf(scratch, partition + 1);
        }
        scratch[partition++] = value;
        value = 0;
        continue;
      }
      int digit = Character.digit(id[i], 36);
      if (digit < 0) {
        return NONE;
      }
      value = value * 36 + digit;
    }
    int size = Math.max(last.length, scratch.length);
    if (last.length != size || scratch.length != size) {
      last = Arrays.copyOf(last, size);
      scratch = Arrays.copyOf(scratch, size); // partitions past the id's list are at 0
    }
    int moved = -1;
    for (int p = 0; p < size; p++) {
      if (scratch[p] == last[p]) {
        continue;
      }
      if (moved != -1 || scratch[p] < last[p]) {
        return NONE; // more than one partition moved, or one went back
      }
      moved = p;
    }
    if (moved < 0) {
      return NONE;
    }
    long offset = scratch[moved] - 1;
    System.arraycopy(scratch, 0, last, 0, size);
    return key(moved, offset);
  }

  /** One number for an event's partition and offset. */
  static long key(int partition, long offset) {
    return ((long) partition << 48) | offset;
  }

  static int partitionOf(long key) {
    return (int) (key >>> 48);
  }

  static long offsetOf(long key) {
    return key & ((1L << 48) - 1);
  }
}
