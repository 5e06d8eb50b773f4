package dev.flotilla.messaging;

import java.util.UUID;

/**
 * How one service instance reaches Kafka.
 *
 * @param bootstrapServers the {@code bootstrap.servers} list, e.g. {@code 127.0.0.1:9092}
 * @param partitions the partition count of the topics this instance creates
 * @param instanceId stable name of this instance; the suffix of its transactional ids
 */
public record KafkaSettings(String bootstrapServers, int partitions, String instanceId) {
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
  }

  /** {@value #DEFAULT_PARTITIONS} partitions and a random instance id. */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, DEFAULT_PARTITIONS, randomInstanceId());
  }

  static String randomInstanceId() {
    return "i-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
