package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * A value to publish on a topic; its key comes from the topic ({@link Topic#keyOf}).
 *
 * @param headers record headers besides the trace context, as text (e.g. the event chain's)
 * @param trace the trace context the record carries; null for the one current when it is encoded
 */
public record Outgoing<V>(Topic<V> topic, V value, Map<String, String> headers, Context trace) {
  public Outgoing {
    if (topic == null || value == null) {
      throw new IllegalArgumentException("an outgoing record needs a topic and a value");
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    // Guards against raw-typed callers putting a command on the events topic.
    if (!topic.type().isInstance(value)) {
      throw new IllegalArgumentException(
          value.getClass().getSimpleName()
              + " cannot go to "
              + topic.name()
              + ", which carries "
              + topic.type().getSimpleName());
    }
  }

  public Outgoing(Topic<V> topic, V value) {
    this(topic, value, Map.of(), null);
  }

  public static <V> Outgoing<V> to(Topic<V> topic, V value) {
    return new Outgoing<>(topic, value);
  }

  /** The same record with one more header. */
  public Outgoing<V> withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new Outgoing<>(topic, this.value, more, trace);
  }

  /** The same record, carrying {@code trace} rather than the context current when encoded. */
  public Outgoing<V> withTrace(Context trace) {
    return new Outgoing<>(topic, value, headers, trace);
  }
}
