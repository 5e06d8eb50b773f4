package dev.flotilla.notifier;

import io.vertx.core.json.Json;

/**
 * The text of the notifier's WebSocket messages: one JSON object per event, {@code {"id": …,
 * "type": …, "event": {…}}}, the event being its JSON as {@code MessageCodec} wrote it. Pure.
 */
public final class WebSocketFrames {
  private WebSocketFrames() {}

  public static String event(String id, FeedEvent event) {
    return new StringBuilder(event.json().length() + id.length() + 48)
        .append("{\"id\":")
        .append(Json.encode(id))
        .append(",\"type\":")
        .append(Json.encode(event.type()))
        .append(",\"event\":")
        .append(event.json())
        .append('}')
        .toString();
  }
}
