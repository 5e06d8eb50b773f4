package dev.flotilla.notifier;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events/ws}: the same feed as {@code GET /events}, over a WebSocket, one text message
 * per event ({@link WebSocketFrames}). The same query ({@code rollout}, {@code lastEventId}), the
 * same resuming, the same rule for clients that cannot keep up; a ping now and then while idle.
 * Outbound only: what a client sends is ignored. Lives on the notifier's Vert.x context.
 */
public final class WebSocketBridge {
  private static final Logger log = LoggerFactory.getLogger(WebSocketBridge.class);

  /** "Try Again Later": the client reconnects with the id of the last event it got. */
  static final short TOO_FAR_BEHIND = 1013;

  private static final Buffer PING = Buffer.buffer("heartbeat");

  private final StreamClients clients;

  public WebSocketBridge(StreamClients clients) {
    this.clients = clients;
  }

  public void handle(RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      Problems.badRequest(
          ctx,
          "/events/ws is a WebSocket: connect with Upgrade: websocket"
              + " (GET /events serves the same events as Server-Sent Events)");
      return;
    }
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
    ctx.request()
        .toWebSocket()
        .onSuccess(socket -> serve(socket, query))
        .onFailure(failure -> log.debug("a WebSocket handshake failed: {}", failure.toString()));
  }

  private void serve(ServerWebSocket socket, StreamQuery query) {
    Connection connection = new Connection(socket);
    StreamClient client = clients.open(StreamClients.Transport.WEBSOCKET, query, connection);
    connection.client = client;
    socket.textMessageHandler(ignored -> {});
    socket.binaryMessageHandler(ignored -> {});
    socket.closeHandler(closed -> client.gone());
    socket.exceptionHandler(
        failure -> {
          client.gone();
          socket.close();
        });
    socket.drainHandler(drained -> client.drained());
    client.start();
  }

  private static final class Connection implements ClientOutbox.Sink {
    private final ServerWebSocket socket;
    private StreamClient client;

    private Connection(ServerWebSocket socket) {
      this.socket = socket;
    }

    @Override
    public boolean writeQueueFull() {
      return socket.writeQueueFull();
    }

    @Override
    public void send(String id, FeedEvent event) {
      socket.writeTextMessage(WebSocketFrames.event(id, event));
    }

    @Override
    public void heartbeat() {
      socket.writePing(PING);
    }

    @Override
    public void drop(String reason) {
      log.warn("dropping a WebSocket client, {}; it can reconnect with lastEventId", reason);
      client.gone();
      socket.close(TOO_FAR_BEHIND, "too far behind: reconnect with lastEventId");
    }
  }
}
