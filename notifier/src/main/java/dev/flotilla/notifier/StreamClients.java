package dev.flotilla.notifier;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The clients connected over every transport: opens them on the hub, beats their hearts while they
 * are idle, counts them, and ends them all when the notifier stops. Lives on the notifier's Vert.x
 * context.
 */
public final class StreamClients implements AutoCloseable {
  /** What carries a client's events; the name is how {@code /health} counts it. */
  public enum Transport {
    SSE("sse"),
    WEBSOCKET("websocket");

    private final String label;

    Transport(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private record Connected(Transport transport, StreamClient client) {}

  private final Vertx vertx;
  private final EventHub hub;
  private final CatchUps catchUps;
  private final int maxBacklog;
  private final Set<Connected> connected = new LinkedHashSet<>();
  private final long heartbeatTimer;

  /**
   * @param maxBacklog how many events a client may have queued before it is dropped
   */
  public StreamClients(
      Vertx vertx, EventHub hub, CatchUps catchUps, Duration heartbeat, int maxBacklog) {
    this.vertx = vertx;
    this.hub = hub;
    this.catchUps = catchUps;
    this.maxBacklog = maxBacklog;
    this.heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), timer -> heartbeat());
  }

  /**
   * A new client writing to {@code sink}; call {@link StreamClient#start()} once the connection's
   * handlers are in place, and {@link StreamClient#gone()} when it closes.
   */
  StreamClient open(Transport transport, StreamQuery query, ClientOutbox.Sink sink) {
    Connected[] self = new Connected[1];
    StreamClient client =
        new StreamClient(query, sink, maxBacklog, hub, catchUps, () -> connected.remove(self[0]));
    self[0] = new Connected(transport, client);
    connected.add(self[0]);
    return client;
  }

  /** The number of connected clients. */
  public int count() {
    return connected.size();
  }

  /** {@code {"sse": n, "websocket": m}}: the connected clients of each transport. */
  public JsonObject byTransport() {
    Map<Transport, Integer> counts = new EnumMap<>(Transport.class);
    for (Transport transport : Transport.values()) {
      counts.put(transport, 0);
    }
    connected.forEach(client -> counts.merge(client.transport(), 1, Integer::sum));
    JsonObject byTransport = new JsonObject();
    counts.forEach((transport, count) -> byTransport.put(transport.label(), count));
    return byTransport;
  }

  /** How many clients are being caught up from Kafka. */
  public int catchingUp() {
    return (int) connected.stream().filter(client -> client.client().catchingUp()).count();
  }

  @Override
  public void close() {
    vertx.cancelTimer(heartbeatTimer);
    for (Connected client : new ArrayList<>(connected)) {
      client.client().gone();
    }
  }

  private void heartbeat() {
    for (Connected client : new ArrayList<>(connected)) {
      client.client().heartbeat();
    }
  }
}
