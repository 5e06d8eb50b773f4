package dev.flotilla.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each partition a per-record loop has taken in and which it has finished, so that
 * each reply can be committed as soon as its record is finished, while offsets stay exact.
 *
 * <p>Kafka keeps one offset per partition: everything below it is done. A record finished while an
 * earlier one still runs cannot move that offset, so the committed offset stops at the earliest
 * unfinished record and the finished records past it travel in the offset's metadata, in the same
 * transaction as their replies. Whoever reads the partition from that offset again skips them: each
 * reply is published exactly once.
 *
 * <p>Used on the loop's thread only.
 */
final class InFlightOffsets {
  private static final String DONE = "done:";

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  private static final class Partition {
    /** Taken in, not finished. */
    final NavigableSet<Long> unfinished = new TreeSet<>();

    /** Finished, at or past the first unfinished record: skipped when read again. */
    final NavigableSet<Long> finishedAhead = new TreeSet<>();

    /** One past the last offset taken in or skipped; -1 before the first. */
    long next = -1;

    long committable() {
      return unfinished.isEmpty() ? next : unfinished.first();
    }
  }

  /**
   * Starts following a partition from what was committed for it (null when nothing was), e.g. when
   * it is assigned, or to go back to the last commit.
   */
  void resume(TopicPartition partition, OffsetAndMetadata committed) {
    Partition state = new Partition();
    if (committed != null) {
      state.next = committed.offset();
      state.finishedAhead.addAll(finishedIn(committed));
    }
    partitions.put(partition, state);
  }

  void forget(TopicPartition partition) {
    partitions.remove(partition);
  }

  /** True when the record must be handled; false when it was finished before (skip it). */
  boolean take(TopicPartition partition, long offset) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.next = Math.max(state.next, offset + 1);
    if (state.finishedAhead.contains(offset)) {
      prune(state);
      return false;
    }
    state.unfinished.add(offset);
    return true;
  }

  void finish(TopicPartition partition, long offset) {
    Partition state = partitions.get(partition);
    if (state != null && state.unfinished.remove(offset)) {
      state.finishedAhead.add(offset);
      prune(state);
    }
  }

  /** Records taken in and not finished, over all partitions. */
  int unfinished() {
    return partitions.values().stream().mapToInt(state -> state.unfinished.size()).sum();
  }

  /**
   * What to commit for the partition: the earliest unfinished offset (or one past the last taken
   * in) and the finished ones past it; null when nothing was taken in yet.
   */
  OffsetAndMetadata commitPoint(TopicPartition partition) {
    Partition state = partitions.get(partition);
    if (state == null || state.next < 0) {
      return null;
    }
    StringBuilder metadata = new StringBuilder();
    for (long offset : state.finishedAhead) {
      metadata.append(metadata.length() == 0 ? DONE : ",").append(offset);
    }
    return new OffsetAndMetadata(state.committable(), metadata.toString());
  }

  /** Finished offsets past the committed one are of no use once the committed one passed them. */
  private static void prune(Partition state) {
    state.finishedAhead.headSet(state.committable(), false).clear();
  }

  private static NavigableSet<Long> finishedIn(OffsetAndMetadata committed) {
    NavigableSet<Long> offsets = new TreeSet<>();
    String metadata = committed.metadata();
    if (metadata == null || !metadata.startsWith(DONE)) {
      return offsets; // committed by a loop that finishes whole batches, or by nobody
    }
    try {
      for (String offset : metadata.substring(DONE.length()).split(",")) {
        if (!offset.isBlank() && Long.parseLong(offset.trim()) >= committed.offset()) {
          offsets.add(Long.parseLong(offset.trim()));
        }
      }
    } catch (NumberFormatException e) {
      offsets.clear(); // not ours after all: handle those records again, handlers are idempotent
    }
    return offsets;
  }
}
