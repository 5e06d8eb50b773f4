package dev.flotilla.notifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The most recent events, oldest first, at most {@code capacity} of them, so that a dashboard that
 * connects late or reconnects gets what it missed. Not thread-safe: confined to one Vert.x context.
 */
public final class EventHistory {
  private final int capacity;
  private final Deque<FeedEvent> events;

  public EventHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.events = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  public void append(FeedEvent event) {
    if (events.size() == capacity) {
      events.removeFirst();
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

  public int size() {
    return events.size();
  }

  public int capacity() {
    return capacity;
  }
}
