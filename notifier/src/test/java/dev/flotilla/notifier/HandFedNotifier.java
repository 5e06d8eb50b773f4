package dev.flotilla.notifier;

import dev.flotilla.ops.access.AccessGuard;
import dev.flotilla.ops.access.AccessSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The notifier's router, hub and clients on a Vert.x context, fed by hand instead of by Kafka (the
 * ITs cover that path). What it publishes is also kept as "the topic", from which clients the
 * history no longer reaches are caught up, a few events at a time.
 */
final class HandFedNotifier extends VerticleBase {
  private static final int CATCH_UP_CHUNK = 3;

  private final int historyCapacity;
  private final int maxBacklog;
  private final List<FeedEvent> topic = new CopyOnWriteArrayList<>();
  private final TestEvents.Feed feed = new TestEvents.Feed();
  private EventHub hub;
  private HttpServer server;
  private volatile int catchUps;

  HandFedNotifier(int historyCapacity, int maxBacklog) {
    this.historyCapacity = historyCapacity;
    this.maxBacklog = maxBacklog;
  }

  @Override
  public Future<?> start() {
    hub = new EventHub(new EventHistory(historyCapacity));
    StreamClients clients =
        new StreamClients(vertx, hub, this::catchUp, Duration.ofMillis(100), maxBacklog);
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                NotifierRouter.create(
                    vertx,
                    AccessGuard.create(vertx, AccessSettings.OFF, NotifierAccess.RULES),
                    hub,
                    clients,
                    Webhooks.none(vertx),
                    dev.flotilla.ops.ServiceHealth.of("notifier")));
    return server.listen(0);
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  int port() {
    return server.actualPort();
  }

  /** Publishes the next event of the topic, as the feed would read it. */
  FeedEvent publish(int partition, long offset, String rollout) {
    FeedEvent event;
    synchronized (feed) {
      event = feed.next(partition, offset, rollout);
    }
    publish(event);
    return event;
  }

  void publish(FeedEvent event) {
    topic.add(event);
    context.runOnContext(ignored -> hub.publish(event));
  }

  /** How many gaps were read from "the topic" so far. */
  int catchUps() {
    return catchUps;
  }

  private CatchUps.CatchUp catchUp(
      HistoryGap gap, StreamPosition seen, CatchUps.Receiver receiver) {
    catchUps++;
    List<FeedEvent> missed = new ArrayList<>();
    StreamPosition at = seen;
    for (FeedEvent event : topic) {
      EventPosition position = event.position();
      Long from = gap.from().get(position.partition());
      if (from != null
          && position.offset() >= from
          && position.offset() < gap.until().get(position.partition())) {
        FeedEvent caughtUp =
            new FeedEvent(
                position, at.passing(position), event.rolloutId(), event.type(), event.json());
        missed.add(caughtUp);
        at = caughtUp.after();
      }
    }
    StreamPosition reached = at.max(StreamPosition.of(gap.until()));
    boolean[] cancelled = new boolean[1];
    context.runOnContext(ignored -> handOver(missed.iterator(), receiver, reached, cancelled));
    return () -> cancelled[0] = true;
  }

  private void handOver(
      Iterator<FeedEvent> missed,
      CatchUps.Receiver receiver,
      StreamPosition reached,
      boolean[] cancelled) {
    if (cancelled[0]) {
      return;
    }
    if (!missed.hasNext()) {
      receiver.reached(reached);
      return;
    }
    List<FeedEvent> chunk = new ArrayList<>();
    while (missed.hasNext() && chunk.size() < CATCH_UP_CHUNK) {
      chunk.add(missed.next());
    }
    receiver
        .take(chunk)
        .onSuccess(taken -> handOver(missed, receiver, reached, cancelled))
        .onFailure(failure -> cancelled[0] = true);
  }
}
