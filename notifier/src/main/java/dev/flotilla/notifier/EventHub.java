package dev.flotilla.notifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The live end of the feed: keeps the history and hands each new event to every subscriber whose
 * query accepts it. Not thread-safe: every call happens on the notifier's Vert.x context, which is
 * also what makes "replay the history, then follow live" free of gaps and duplicates.
 */
public final class EventHub {
  /** Stops the events of one subscription. */
  public interface Subscription {
    void cancel();
  }

  /** Compared by identity: two clients asking the same thing are still two subscribers. */
  private static final class Subscriber {
    private final StreamQuery query;
    private final Consumer<FeedEvent> listener;

    private Subscriber(StreamQuery query, Consumer<FeedEvent> listener) {
      this.query = query;
      this.listener = listener;
    }
  }

  private final EventHistory history;
  private final Set<Subscriber> subscribers = new LinkedHashSet<>();
  private long eventsSeen;

  public EventHub(EventHistory history) {
    this.history = history;
  }

  public void publish(FeedEvent event) {
    history.append(event);
    eventsSeen++;
    // A listener may cancel (a dropped client) while we iterate.
    for (Subscriber subscriber : new ArrayList<>(subscribers)) {
      if (subscribers.contains(subscriber) && subscriber.query.test(event)) {
        subscriber.listener.accept(event);
      }
    }
  }

  /**
   * Hands {@code listener} the held events the query asks for (those after its last event id, if
   * any), then every new one it accepts, until cancelled.
   */
  public Subscription subscribe(StreamQuery query, Consumer<FeedEvent> listener) {
    for (FeedEvent missed : history.after(query.lastEventId(), query)) {
      listener.accept(missed);
    }
    Subscriber subscriber = new Subscriber(query, listener);
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
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
