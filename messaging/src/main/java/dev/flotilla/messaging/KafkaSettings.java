package dev.flotilla.messaging;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How one service instance reaches Kafka.
 *
 * @param bootstrapServers the {@code bootstrap.servers} list, e.g. {@code 127.0.0.1:9092}
 * @param partitions the partition count of the topics this instance creates
 * @param instanceId stable name of this instance; the suffix of its transactional ids
 * @param namedInstance the instance id was given (FLOTILLA_INSTANCE_ID), not made up: the instance
 *     is then a static member of its consumer groups, so when it comes back after a crash it takes
 *     its partitions back at once instead of waiting out the session timeout
 * @param security the {@link KafkaSecurity} settings every client of the process is given (SASL,
 *     TLS); empty for a plaintext broker. Never shown: {@link #toString()} names the keys
 */
public record KafkaSettings(
    String bootstrapServers,
    int partitions,
    String instanceId,
    boolean namedInstance,
    Map<String, String> security) {
  public static final int DEFAULT_PARTITIONS = 6;

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    if (instanceId == null || instanceId.isBlank()) {
      throw new IllegalArgumentException("instanceId must not be blank");
    }
    security = Map.copyOf(Objects.requireNonNull(security, "security"));
  }

  /** Clients on a plaintext broker. */
  public KafkaSettings(
      String bootstrapServers, int partitions, String instanceId, boolean namedInstance) {
    this(bootstrapServers, partitions, instanceId, namedInstance, Map.of());
  }

  /** The same, each client authenticating and encrypting as {@code settings} say. */
  public KafkaSettings withSecurity(Map<String, String> settings) {
    return new KafkaSettings(bootstrapServers, partitions, instanceId, namedInstance, settings);
  }

  /** Without the security settings' values: a JAAS config holds a password. */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", partitions="
        + partitions
        + ", instanceId="
        + instanceId
        + ", namedInstance="
        + namedInstance
        + ", security="
        + new java.util.TreeSet<>(security.keySet())
        + "]";
  }

  /** An instance whose id was made up, and which is therefore no static group member. */
  public KafkaSettings(String bootstrapServers, int partitions, String instanceId) {
    this(bootstrapServers, partitions, instanceId, false);
  }

  /** {@value #DEFAULT_PARTITIONS} partitions and a random instance id. */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, DEFAULT_PARTITIONS, randomInstanceId());
  }

  static String randomInstanceId() {
    return "i-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
