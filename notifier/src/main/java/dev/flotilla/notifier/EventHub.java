package dev.flotilla.notifier;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The live end of the feed: keeps the history and hands each new event to every subscriber whose
 * query accepts it. Not thread-safe: every call happens on the notifier's Vert.x context, which is
 * also what makes "replay the history, then follow live" free of gaps and duplicates.
 */
public final class EventHub {
  /**
   * A listener that can take the events of one hand-over at once, e.g. to write them to its
   * connection in one go. Given a batch only when its query accepts every event of it.
   */
  public interface BatchListener extends Consumer<FeedEvent> {
    default void acceptAll(List<FeedEvent> events) {
      events.forEach(this);
    }
  }

  /** Stops the events of one subscription. */
  public interface Subscription {
    void cancel();
  }

  /** Compared by identity: two clients asking the same thing are still two subscribers. */
  private static final class Subscriber {
    private final Predicate<FeedEvent> query;
    private final Consumer<FeedEvent> listener;
    private boolean cancelled;

    private Subscriber(Predicate<FeedEvent> query, Consumer<FeedEvent> listener) {
      this.query = query;
      this.listener = listener;
    }
  }

  private final EventHistory history;
  private final Set<Subscriber> subscribers = new LinkedHashSet<>();

  /**
   * The subscribers as an array, made again only when they change: every event goes to every one of
   * them, and copying a thousand of them per event would cost more than handing it over.
   */
  private Subscriber[] snapshot = new Subscriber[0];

  private long eventsSeen;

  public EventHub(EventHistory history) {
    this.history = history;
  }

  /**
   * Hands over the events read together (one poll of the topic), in order: a subscriber that
   * accepts all of them and takes batches gets them in one call.
   */
  public void publishAll(List<FeedEvent> events) {
    if (events.size() == 1) {
      publish(events.get(0));
      return;
    }
    for (FeedEvent event : events) {
      history.append(event);
    }
    eventsSeen += events.size();
    for (Subscriber subscriber : snapshot) {
      if (subscriber.cancelled) {
        continue;
      }
      if (subscriber.listener instanceof BatchListener batch && acceptsAll(subscriber, events)) {
        batch.acceptAll(events);
        continue;
      }
      for (FeedEvent event : events) {
        if (!subscriber.cancelled && subscriber.query.test(event)) {
          subscriber.listener.accept(event);
        }
      }
    }
  }

  private static boolean acceptsAll(Subscriber subscriber, List<FeedEvent> events) {
    for (FeedEvent event : events) {
      if (!subscriber.query.test(event)) {
        return false;
      }
    }
    return true;
  }

  public void publish(FeedEvent event) {
    history.append(event);
    eventsSeen++;
    // A listener may cancel (a dropped client) while we iterate: the snapshot stays as it was.
    Subscriber[] current = snapshot;
    for (Subscriber subscriber : current) {
      if (!subscriber.cancelled && subscriber.query.test(event)) {
        subscriber.listener.accept(event);
      }
    }
  }

  /**
   * Hands {@code listener} the held events the query asks for (those after its last event id, if
   * any), then every new one it accepts, until cancelled.
   */
  public Subscription subscribe(StreamQuery query, Consumer<FeedEvent> listener) {
    return subscribe(query, query.lastEventId(), listener);
  }

  /**
   * Hands {@code listener} the held events {@code filter} accepts that came after {@code lastSeen},
   * then every new one it accepts, until cancelled. With no last seen event: every held one. With
   * an {@link EventPosition}: as {@link EventHistory#after} says. With a {@link StreamPosition}:
   * the held events not before it, which is everything it missed only when {@link #gap} finds no
   * gap: ask that first.
   */
  public Subscription subscribe(
      Predicate<FeedEvent> filter,
      Optional<? extends LastEventId> lastSeen,
      Consumer<FeedEvent> listener) {
    List<FeedEvent> missed;
    if (lastSeen.isPresent() && lastSeen.get() instanceof StreamPosition seen) {
      missed = history.notSeen(seen, filter);
    } else {
      missed = history.after(lastSeen.map(EventPosition.class::cast), filter);
    }
    for (FeedEvent event : missed) {
      listener.accept(event);
    }
    Subscriber subscriber = new Subscriber(filter, listener);
    subscribers.add(subscriber);
    snapshot = subscribers.toArray(new Subscriber[0]);
    return () -> {
      subscriber.cancelled = true;
      if (subscribers.remove(subscriber)) {
        snapshot = subscribers.toArray(new Subscriber[0]);
      }
    };
  }

  /** The events after {@code seen} that are no longer held, to be read from Kafka first. */
  public Optional<HistoryGap> gap(StreamPosition seen) {
    return history.gap(seen);
  }

  public long eventsSeen() {
    return eventsSeen;
  }

  public int subscribers() {
    return subscribers.size();
  }

  public int held() {
    return history.size();
  }
}
