package dev.flotilla.notifier;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: pushes the feed to a browser as Server-Sent Events. Replays what the client
 * missed, then follows live; a comment now and then keeps idle proxies from closing the stream; a
 * client that cannot keep up is dropped. Outbound only. Lives on the notifier's Vert.x context.
 */
public final class SseBridge {
  private static final Logger log = LoggerFactory.getLogger(SseBridge.class);

  /** How long a browser waits before reconnecting after the stream ends. */
  static final long RETRY_MILLIS = 3_000;

  private final StreamClients clients;
  private final SharedSseFrame shared = new SharedSseFrame();

  public SseBridge(StreamClients clients) {
    this.clients = clients;
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
    Connection connection = new Connection(response, shared);
    StreamClient client = clients.open(StreamClients.Transport.SSE, query, connection);
    connection.client = client;
    response.closeHandler(closed -> client.gone());
    response.exceptionHandler(failure -> client.gone());
    response.drainHandler(drained -> client.drained());
    client.start();
  }

  private static final class Connection implements ClientOutbox.Sink {
    private final HttpServerResponse response;
    private final SharedSseFrame shared;
    private StreamClient client;

    private Connection(HttpServerResponse response, SharedSseFrame shared) {
      this.response = response;
      this.shared = shared;
    }

    @Override
    public boolean writeQueueFull() {
      return response.writeQueueFull();
    }

    @Override
    public void send(String id, FeedEvent event) {
      if (id.equals(event.id())) {
        response.write(shared.of(event));
      } else {
        // A client resuming from ahead of the notifier gets its own ids until the feed passes it.
        response.write(SseFrames.event(id, event.type(), event.json()));
      }
    }

    @Override
    public void sendAll(List<FeedEvent> events) {
      response.write(shared.of(events)); // one write, one flush, for the whole batch
    }

    @Override
    public void heartbeat() {
      response.write(SseFrames.comment("heartbeat"));
    }

    @Override
    public void drop(String reason) {
      log.warn("dropping an SSE client, {}; it can reconnect with Last-Event-ID", reason);
      client.gone();
      response.reset(); // closes an HTTP/1.x connection, cancels an HTTP/2 stream
    }
  }
}
