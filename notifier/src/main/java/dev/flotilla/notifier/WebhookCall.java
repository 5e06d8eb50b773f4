package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.event.RolloutEvent;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One event owed to a webhook receiver: where it sits in {@code flotilla.events} (what is committed
 * once it is delivered) and the body to POST, {@code {"id": …, "type": …, "rolloutId": …, "event":
 * {…}}}. The id is the event's message id: the same on every delivery, so a receiver can drop a
 * duplicate.
 */
public record WebhookCall(EventPosition position, String id, String type, String body) {
  public WebhookCall {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(body, "body");
  }

  public static WebhookCall of(EventPosition position, RolloutEvent event, MessageCodec codec) {
    String id = event.messageId().value().toString();
    String type = MessageTypes.of(event.getClass()).name();
    String body =
        new JsonObject()
            .put("id", id)
            .put("type", type)
            .put("rolloutId", event.rolloutId().value())
            .put("event", new JsonObject(codec.encodeToString(event)))
            .encode();
    return new WebhookCall(position, id, type, body);
  }
}
