package dev.flotilla.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings every Flotilla process uses, on top of the deployment's SASL and TLS
 * settings ({@link KafkaSecurity}). Keys and values stay raw bytes in the clients so a dead letter
 * keeps exactly the bytes it arrived with.
 */
final class ClientConfigs {
  /**
   * The largest record Flotilla writes, for producers and topics alike: a rollout's acceptance
   * names every device (about 15 bytes each), so 16 MiB holds a rollout of a million devices.
   */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  /** Kafka's default: what a follower's idle fetch waits at the broker. */
  private static final int FOLLOWER_FETCH_WAIT_MS = 500;

  private ClientConfigs() {}

  static Map<String, Object> producer(KafkaSettings kafka, String clientId) {
    Map<String, Object> config = new HashMap<>(kafka.security());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  static Map<String, Object> transactionalProducer(KafkaSettings kafka, String transactionalId) {
    Map<String, Object> config = producer(kafka, transactionalId);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return config;
  }

  /** A consumer outside any group: the caller assigns partitions itself. */
  static Map<String, Object> reader(KafkaSettings kafka, String clientId) {
    Map<String, Object> config = new HashMap<>(kafka.security());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // Records of aborted or still-open transactions must never be seen.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A catch-up (the migrate step's last look at device states, a request's judgement) must not
    // sit out the broker's 500 ms long poll of an idle topic, and a loop sees a new record sooner;
    // the price is one empty fetch every 50 ms per idle consumer.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /**
   * A consumer that follows topics and never waits for a catch-up on a hot path: the broker holds
   * each fetch up to half a second when there is nothing new (new records answer it at once), so an
   * idle follower costs the broker two fetches a second, not twenty.
   */
  static Map<String, Object> follower(KafkaSettings kafka, String clientId) {
    Map<String, Object> config = reader(kafka, clientId);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FOLLOWER_FETCH_WAIT_MS);
    return config;
  }

  /**
   * A group member whose offsets are committed only inside producer transactions.
   *
   * @param maxPollInterval how long the member may go without polling before the group drops it
   *     (also how long a rebalance waits for it); null for Kafka's default of five minutes
   */
  static Map<String, Object> groupMember(
      KafkaSettings kafka,
      String groupId,
      String clientId,
      int maxPollRecords,
      Duration maxPollInterval) {
    // A loop waits for no catch-up: it follows its topics (see follower).
    Map<String, Object> config = follower(kafka, clientId);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    // Range assignment keeps co-partitioned topics together: whoever owns partition p of one
    // subscribed topic owns partition p of the others.
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    if (maxPollInterval != null) {
      config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis());
    }
    if (kafka.namedInstance()) {
      // A static member: restarted after a crash under the same name, it gets its partitions
      // back at once; its transactional id fences whatever the crashed process left open.
      config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId + "-" + kafka.instanceId());
    }
    return config;
  }

  static Map<String, Object> admin(KafkaSettings kafka) {
    Map<String, Object> config = new HashMap<>(kafka.security());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "flotilla-admin-" + kafka.instanceId());
    return config;
  }
}
