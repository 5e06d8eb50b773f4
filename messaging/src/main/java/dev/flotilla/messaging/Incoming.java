package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;

/** One decoded record as a handler sees it: where it came from and its value. */
public record Incoming<V>(Topic<V> topic, int partition, long offset, String key, V value) {
  public Incoming {
    if (topic == null || value == null) {
      throw new IllegalArgumentException("an incoming record needs a topic and a value");
    }
  }
}
