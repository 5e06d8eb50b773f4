package dev.flotilla.messaging;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topic.Cleanup;
import dev.flotilla.devkit.SharedTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** The shared test broker, and test-only topics with names no other test uses. */
final class TestKafka {
  static final int PARTITIONS = 2;

  private TestKafka() {}

  static KafkaSettings settings() {
    return new KafkaSettings(
        SharedTestBroker.get().bootstrapServers(), PARTITIONS, "it-" + shortId());
  }

  /** A fresh topic of control commands keyed by rollout id, created on the broker. */
  static Topic<ControlCommand> controlTopic(KafkaSettings kafka, String purpose) {
    Topic<ControlCommand> topic =
        new Topic<>(
            "it." + purpose + "." + shortId(),
            ControlCommand.class,
            Cleanup.DELETE,
            c -> c.rolloutId().value());
    TopicProvisioner.ensureTopics(kafka, List.of(topic));
    return topic;
  }

  /** Awaitility with room for a busy two-core machine. */
  static ConditionFactory eventually() {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
  }

  static String unique(String prefix) {
    return prefix + "-" + shortId();
  }

  /** Sends raw bytes, as a foreign or broken producer would; headers as alternating key, value. */
  static void sendRaw(
      KafkaSettings kafka, String topic, String key, byte[] value, String... headers) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(ClientConfigs.producer(kafka, unique("it-raw")))) {
      RecordHeaders recordHeaders = new RecordHeaders();
      for (int i = 0; i < headers.length; i += 2) {
        recordHeaders.add(headers[i], utf8(headers[i + 1]));
      }
      producer.send(new ProducerRecord<>(topic, null, utf8(key), value, recordHeaders));
      producer.flush();
      producer.close(Duration.ofSeconds(5));
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
