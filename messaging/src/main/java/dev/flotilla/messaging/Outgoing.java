package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;

/** A value to publish on a topic; its key comes from the topic ({@link Topic#keyOf}). */
public record Outgoing<V>(Topic<V> topic, V value) {
  public Outgoing {
    if (topic == null || value == null) {
      throw new IllegalArgumentException("an outgoing record needs a topic and a value");
    }
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

  public static <V> Outgoing<V> to(Topic<V> topic, V value) {
    return new Outgoing<>(topic, value);
  }
}
