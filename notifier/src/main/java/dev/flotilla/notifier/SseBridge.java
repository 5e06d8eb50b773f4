package dev.flotilla.notifier;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: pushes the feed to a browser as Server-Sent Events. Replays what the client
 * missed, then follows live; sends a comment every {@code heartbeat} so idle proxies keep the
 * stream open; forgets clients that leave and drops those that cannot keep up. Outbound only. Lives
 * on the notifier's Vert.x context.
 */
public final class SseBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SseBridge.class);

  /** How long a browser waits before reconnecting after the stream ends. */
  static final long RETRY_MILLIS = 3_000;

  private final Vertx vertx;
  private final EventHub hub;
  private final int maxBacklog;
  private final Set<Client> clients = new LinkedHashSet<>();
  private final long heartbeatTimer;

  public SseBridge(Vertx vertx, EventHub hub, Duration heartbeat, int maxBacklog) {
    this.vertx = vertx;
    this.hub = hub;
    this.maxBacklog = maxBacklog;
    this.heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), timer -> heartbeat());
  }

  public void handle(RoutingContext ctx) {
    StreamQuery query;
    try {
      query =
          StreamQuery.parse(
              ctx.queryParam("rollout"),
              ctx.request().getHeader("Last-Event-ID"),
              ctx.queryParam("lastEventId"));
    } catch (BadQueryException e) {
      Problems.badRequest(ctx, e.getMessage());
      return;
    }
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        // nginx and friends would otherwise buffer the stream.
        .putHeader("X-Accel-Buffering", "no");
    response.write(SseFrames.retry(RETRY_MILLIS));
    Client client = new Client(response);
    clients.add(client);
    response.closeHandler(closed -> client.gone());
    response.exceptionHandler(failure -> client.gone());
    response.drainHandler(drained -> client.outbox.drained());
    client.subscription = hub.subscribe(query, client.outbox::offer);
    if (client.outbox.closed()) {
      client.gone(); // dropped while replaying
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(heartbeatTimer);
    for (Client client : new ArrayList<>(clients)) {
      client.gone();
    }
  }

  private void heartbeat() {
    for (Client client : clients) {
      client.outbox.heartbeat();
    }
  }

  private final class Client implements ClientOutbox.Sink {
    private final HttpServerResponse response;
    private final ClientOutbox outbox;
    private EventHub.Subscription subscription;

    private Client(HttpServerResponse response) {
      this.response = response;
      this.outbox = new ClientOutbox(this, maxBacklog);
    }

    @Override
    public boolean writeQueueFull() {
      return response.writeQueueFull();
    }

    @Override
    public void write(String frame) {
      response.write(frame);
    }

    @Override
    public void drop() {
      log.warn(
          "dropping an SSE client more than {} events behind; it can reconnect with Last-Event-ID",
          maxBacklog);
      gone();
      response.reset(); // closes an HTTP/1.x connection, cancels an HTTP/2 stream
    }

    private void gone() {
      outbox.close();
      if (subscription != null) {
        subscription.cancel();
      }
      clients.remove(this);
    }
  }
}
