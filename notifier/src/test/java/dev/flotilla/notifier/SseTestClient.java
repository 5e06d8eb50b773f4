package dev.flotilla.notifier;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A minimal Server-Sent Events reader for tests: collects frames and comments as they arrive. */
final class SseTestClient implements AutoCloseable {
  record Frame(String id, String event, String data) {}

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closedByServer = new AtomicBoolean();
  private final StringBuilder unparsed = new StringBuilder(); // touched on the event loop only
  private final HttpClientRequest request;
  private final HttpClientResponse response;

  private SseTestClient(HttpClientRequest request, HttpClientResponse response) {
    this.request = request;
    this.response = response;
  }

  /**
   * Connects on a Vert.x context, so the frame handler is in place before the first chunk of the
   * body can arrive (a handler set later, from the test thread, would miss it).
   */
  static SseTestClient connect(
      Vertx vertx, HttpClient http, int port, String uri, Map<String, String> headers)
      throws TimeoutException {
    Promise<SseTestClient> connected = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            ignored ->
                http.request(HttpMethod.GET, port, "127.0.0.1", uri)
                    .compose(
                        request -> {
                          headers.forEach(request::putHeader);
                          request.putHeader("Accept", "text/event-stream");
                          return request.send().map(response -> listen(request, response));
                        })
                    .onComplete(connected));
    return connected.future().await(10, TimeUnit.SECONDS);
  }

  static SseTestClient connect(Vertx vertx, HttpClient http, int port, String uri)
      throws TimeoutException {
    return connect(vertx, http, port, uri, Map.of());
  }

  private static SseTestClient listen(HttpClientRequest request, HttpClientResponse response) {
    SseTestClient client = new SseTestClient(request, response);
    response.handler(buffer -> client.received(buffer.toString()));
    request.connection().closeHandler(closed -> client.closedByServer.set(true));
    return client;
  }

  HttpClientResponse response() {
    return response;
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  List<String> comments() {
    return List.copyOf(comments);
  }

  /** True once the connection is closed (by the server, unless {@link #close()} was called). */
  boolean connectionClosed() {
    return closedByServer.get();
  }

  @Override
  public void close() throws TimeoutException {
    request.connection().close().await(10, TimeUnit.SECONDS);
  }

  private void received(String text) {
    unparsed.append(text);
    int end;
    while ((end = unparsed.indexOf("\n\n")) >= 0) {
      String block = unparsed.substring(0, end);
      unparsed.delete(0, end + 2);
      parse(block);
    }
  }

  private void parse(String block) {
    String id = null;
    String event = null;
    List<String> data = new ArrayList<>();
    for (String line : block.split("\n")) {
      if (line.startsWith(":")) {
        comments.add(line.substring(1).strip());
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      }
    }
    if (event != null || !data.isEmpty()) {
      frames.add(new Frame(id, event, String.join("\n", data)));
    }
  }
}
