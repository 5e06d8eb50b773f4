package dev.flotilla.contracts.topic;

import dev.flotilla.contracts.Check;
import java.util.function.Function;

/**
 * A Kafka topic as a typed value: its name, the type of its values, how it is cleaned up and how a
 * value is keyed. Declared once in {@link Topics}; a topic name never appears anywhere else.
 *
 * @param partitions how many partitions it must have, or 0 for as many as the deployment configures
 */
public record Topic<V>(
    String name,
    Class<V> type,
    Cleanup cleanup,
    Function<? super V, String> keyOf,
    int partitions) {
  /** Kafka's {@code cleanup.policy}. */
  public enum Cleanup {
    /** Old records are deleted after the broker's retention time. */
    DELETE,
    /** Never deleted: the event log every view is rebuilt from. */
    KEEP_FOREVER,
    /** Keep the latest value per key for ever: for catalogues and inventories. */
    COMPACT
  }

  public Topic {
    Check.notBlank(name, "name");
    Check.required(type, "type");
    Check.required(cleanup, "cleanup");
    Check.required(keyOf, "keyOf");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be 0 (as configured) or more");
    }
  }

  /** A topic with as many partitions as the deployment configures. */
  public Topic(String name, Class<V> type, Cleanup cleanup, Function<? super V, String> keyOf) {
    this(name, type, cleanup, keyOf, 0);
  }

  /** How many partitions it has when the deployment configures {@code configured}. */
  public int partitionsWhenConfigured(int configured) {
    return partitions == 0 ? configured : partitions;
  }

  public String keyOf(V value) {
    return keyOf.apply(value);
  }

  public boolean compacted() {
    return cleanup == Cleanup.COMPACT;
  }

  @Override
  public String toString() {
    return name;
  }
}
