package dev.flotilla.devkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka image tests run in a container, and the {@code KAFKA_*} settings that make it a single
 * KRaft node on the host's loopback. The settings are those the {@code apache/kafka} image reads,
 * which the stand-in image {@code deploy/build-images.sh} builds reads too.
 */
public final class KafkaImage {
  /** Names the image, e.g. the local stand-in {@code flotilla-local/kafka:4.4.0}. */
  public static final String ENV = "FLOTILLA_KAFKA_IMAGE";

  /** The same as a system property, which wins over {@value #ENV}. */
  public static final String PROPERTY = "flotilla.kafka.image";

  /** The release of the parent POM's {@code kafka.version}, as the child-JVM broker runs. */
  public static final String DEFAULT = "apache/kafka:4.4.0";

  private static final String HOST = "127.0.0.1";

  private KafkaImage() {}

  /** The image this JVM's settings name, else {@value #DEFAULT}. */
  public static String name() {
    return name(System.getProperty(PROPERTY), System.getenv(ENV));
  }

  static String name(String property, String environment) {
    if (property != null && !property.isBlank()) {
      return property.strip();
    }
    if (environment != null && !environment.isBlank()) {
      return environment.strip();
    }
    return DEFAULT;
  }

  /**
   * Broker and controller in one node, listening on {@code 127.0.0.1} at the two ports: a container
   * on host networking, so clients reach it where it says it is and no traffic leaves loopback.
   */
  public static Map<String, String> singleNodeEnvironment(int brokerPort, int controllerPort) {
    String broker = HOST + ":" + brokerPort;
    String controller = HOST + ":" + controllerPort;
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_NODE_ID", "1");
    env.put("KAFKA_PROCESS_ROLES", "broker,controller");
    env.put("KAFKA_LISTENERS", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + broker);
    env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
    env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + controller);
    // A single node: every replication factor and ISR minimum is 1.
    env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
    env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
    env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1");
    env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
    // Fewer internal partitions, each created on first use: quicker on a small machine.
    env.put("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "10");
    env.put("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "10");
    env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    return Map.copyOf(env);
  }
}
