package dev.flotilla.notifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The most recent events, oldest first, at most {@code capacity} of them, so that a dashboard that
 * connects late or reconnects gets what it missed. Not thread-safe: confined to one Vert.x context.
 */
public final class EventHistory {
  private final int capacity;
  private final Deque<FeedEvent> events;

  /**
   * From where on the history holds every event of each partition: just past the last one it
   * forgot. The feed starts at the beginning of the topic, so until it forgets one, that is 0.
   */
  private StreamPosition complete = StreamPosition.START;

  public EventHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.events = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  public void append(FeedEvent event) {
    if (events.size() == capacity) {
      complete = complete.passing(events.removeFirst().position());
    }
    events.addLast(event);
  }

  /**
   * The events a client has not seen yet, in arrival order. With no last seen position: all of
   * them. When {@code lastSeen} is held: the events that arrived after it. When it is not held (it
   * fell out of the history, or comes from before a restart): every held event except the ones of
   * its partition at or before it, which the client has certainly seen; a duplicate is better than
   * a gap.
   */
  public List<FeedEvent> after(Optional<EventPosition> lastSeen, Predicate<FeedEvent> filter) {
    List<FeedEvent> missed = new ArrayList<>();
    if (lastSeen.isEmpty()) {
      for (FeedEvent event : events) {
        if (filter.test(event)) {
          missed.add(event);
        }
      }
      return missed;
    }
    EventPosition seen = lastSeen.get();
    for (FeedEvent event : events) {
      if (event.position().equals(seen)) {
        missed.clear(); // everything up to here was seen, in this same order
      } else if (!event.position().notAfter(seen) && filter.test(event)) {
        missed.add(event);
      }
    }
    return missed;
  }

  /**
   * The held events not before {@code seen}, in arrival order: everything of each partition from
   * the offset {@code seen} gives it on. Complete when {@link #gap} finds no gap.
   */
  public List<FeedEvent> notSeen(StreamPosition seen, Predicate<FeedEvent> filter) {
    List<FeedEvent> missed = new ArrayList<>();
    for (FeedEvent event : events) {
      if (!seen.hasSeen(event.position()) && filter.test(event)) {
        missed.add(event);
      }
    }
    return missed;
  }

  /** The events after {@code seen} that the history no longer holds, if any. */
  public Optional<HistoryGap> gap(StreamPosition seen) {
    Map<Integer, Long> from = new HashMap<>();
    Map<Integer, Long> until = new HashMap<>();
    complete
        .asMap()
        .forEach(
            (partition, heldFrom) -> {
              if (seen.next(partition) < heldFrom) {
                from.put(partition, seen.next(partition));
                until.put(partition, heldFrom);
              }
            });
    return until.isEmpty() ? Optional.empty() : Optional.of(new HistoryGap(from, until));
  }

  public int size() {
    return events.size();
  }

  public int capacity() {
    return capacity;
  }
}
