package dev.flotilla.notifier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One connected client, whatever carries its events. Resumes it where its last event id says —
 * reading from Kafka first what the history no longer holds — then follows the live feed; every
 * event once, in order. Lives on the notifier's Vert.x context.
 */
final class StreamClient implements CatchUps.Receiver {
  private final StreamQuery query;
  private final ClientOutbox outbox;
  private final EventHub hub;
  private final CatchUps catchUps;
  private final Runnable onGone;
  private ResumeFloor floor = ResumeFloor.none();
  private EventHub.Subscription subscription;
  private CatchUps.CatchUp catchUp;
  private boolean gone;

  StreamClient(
      StreamQuery query,
      ClientOutbox.Sink sink,
      int maxBacklog,
      EventHub hub,
      CatchUps catchUps,
      Runnable onGone) {
    this.query = query;
    this.outbox = new ClientOutbox(sink, maxBacklog);
    this.hub = hub;
    this.catchUps = catchUps;
    this.onGone = onGone;
  }

  /** Sends what the client missed, then live events. */
  void start() {
    Optional<LastEventId> lastSeen = query.lastEventId();
    if (lastSeen.isPresent() && lastSeen.get() instanceof StreamPosition seen) {
      resume(seen);
    } else {
      follow(lastSeen);
    }
  }

  /** The connection has room again. */
  void drained() {
    outbox.drained();
  }

  void heartbeat() {
    outbox.heartbeat();
  }

  /** True while events of a gap are read from Kafka for this client. */
  boolean catchingUp() {
    return catchUp != null;
  }

  /** The client went away or is dropped: nothing more is sent or read for it. */
  void gone() {
    if (gone) {
      return;
    }
    gone = true;
    outbox.close();
    if (subscription != null) {
      subscription.cancel();
    }
    if (catchUp != null) {
      catchUp.cancel();
      catchUp = null;
    }
    onGone.run();
  }

  @Override
  public Future<Void> take(List<FeedEvent> events) {
    Promise<Void> written = Promise.promise();
    offerWithinBacklog(events.iterator(), written);
    return written.future();
  }

  @Override
  public void reached(StreamPosition position) {
    catchUp = null;
    if (!gone) {
      resume(position); // the history may have forgotten more meanwhile: then another gap
    }
  }

  @Override
  public void failed(Throwable cause) {
    catchUp = null;
    if (!gone) {
      outbox.drop("it could not be caught up: " + cause.getMessage());
    }
  }

  private void resume(StreamPosition seen) {
    Optional<HistoryGap> gap = hub.gap(seen);
    if (gap.isPresent()) {
      catchUp = catchUps.start(gap.get(), seen, this);
      return;
    }
    floor = ResumeFloor.at(seen);
    follow(Optional.of(seen));
  }

  /** Replays the held events after {@code lastSeen}, then follows live: one step, no gap. */
  private void follow(Optional<LastEventId> lastSeen) {
    subscription =
        hub.subscribe(
            query,
            lastSeen,
            new EventHub.BatchListener() {
              @Override
              public void accept(FeedEvent event) {
                offer(event);
              }

              @Override
              public void acceptAll(List<FeedEvent> events) {
                offerAll(events);
              }
            });
    if (outbox.closed()) {
      gone(); // dropped while replaying
    }
  }

  /** A client past its floor with nothing queued gets the whole batch in one write. */
  private void offerAll(List<FeedEvent> events) {
    if (floor.passed() && outbox.offerAll(events)) {
      return;
    }
    for (FeedEvent event : events) {
      offer(event);
    }
  }

  private void offer(FeedEvent event) {
    String id = floor.idOrNull(event);
    if (id != null) {
      outbox.offer(id, event);
    }
  }

  /**
   * Catch-up events go out no faster than the connection takes them, so a gap never counts against
   * the backlog that drops a slow live client.
   */
  private void offerWithinBacklog(Iterator<FeedEvent> events, Promise<Void> written) {
    while (events.hasNext() && outbox.hasRoom()) {
      FeedEvent event = events.next();
      if (query.test(event)) {
        outbox.offer(event.id(), event);
      }
    }
    if (gone || outbox.closed()) {
      written.tryFail("the client went away");
      return;
    }
    outbox.whenFlushed(
        () -> {
          if (events.hasNext()) {
            offerWithinBacklog(events, written);
          } else {
            written.tryComplete();
          }
        });
  }
}
