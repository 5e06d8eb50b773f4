package dev.flotilla.notifier;

import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A WebSocket client for tests: collects the notifier's messages as JSON as they arrive. */
final class WsTestClient implements AutoCloseable {
  private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ClientWebSocket socket;

  private WsTestClient(ClientWebSocket socket) {
    this.socket = socket;
  }

  /** Connects with its handlers in place first, so no message can arrive before them. */
  static WsTestClient connect(WebSocketClient client, int port, String uri)
      throws TimeoutException {
    ClientWebSocket socket = client.webSocket();
    WsTestClient test = new WsTestClient(socket);
    socket.textMessageHandler(text -> test.messages.add(new JsonObject(text)));
    socket.closeHandler(ignored -> test.closed.set(true));
    socket.connect(port, "127.0.0.1", uri).await(10, TimeUnit.SECONDS);
    return test;
  }

  ClientWebSocket socket() {
    return socket;
  }

  List<JsonObject> messages() {
    return List.copyOf(messages);
  }

  List<String> ids() {
    return messages.stream().map(message -> message.getString("id")).toList();
  }

  /** The last id received: what the client resumes with. */
  String lastId() {
    List<String> ids = ids();
    return ids.get(ids.size() - 1);
  }

  boolean closedByServer() {
    return closed.get();
  }

  @Override
  public void close() throws TimeoutException {
    if (!socket.isClosed()) {
      socket.close().await(10, TimeUnit.SECONDS);
    }
  }
}
