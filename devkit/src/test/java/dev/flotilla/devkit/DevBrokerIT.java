package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevBrokerIT {
  @TempDir Path workDir;

  @Test
  void theSharedBrokerTakesTopicsAndHandsRecordsBack() throws Exception {
    DevBroker broker = SharedTestBroker.get();
    assertThat(SharedTestBroker.get()).isSameAs(broker);

    String topic = "devkit-it-" + UUID.randomUUID();
    createTopic(broker, topic);
    produce(broker, topic, "rv-0001", "hello");

    assertThat(consumeAll(broker, topic, 1)).containsExactly("rv-0001=hello");
  }

  @Test
  void aKilledBrokerStartsAgainOnItsPortsWithItsData() throws Exception {
    try (DevBroker broker = DevBroker.start(workDir)) {
      String bootstrap = broker.bootstrapServers();
      String topic = "bounced";
      createTopic(broker, topic);
      produce(broker, topic, "rv-0001", "before the crash");

      long firstPid = broker.pid().orElseThrow();
      assertThat(ProcessHandle.of(firstPid)).isPresent();
      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      assertThat(broker.pid()).isEmpty();

      broker.restart();
      assertThat(broker.isRunning()).isTrue();
      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      produce(broker, topic, "rv-0002", "after the crash");
      assertThat(consumeAll(broker, topic, 2))
          .containsExactly("rv-0001=before the crash", "rv-0002=after the crash");

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();
      assertThat(consumeAll(broker, topic, 2)).hasSize(2);
    }
  }

  @Test
  void theBrokerLogsThroughItsOwnBindingIntoTheLogFile() throws Exception {
    DevBroker broker = SharedTestBroker.get();

    String log = Files.readString(broker.logFile(), StandardCharsets.UTF_8);

    assertThat(log).contains("INFO").contains("Kafka Server started");
  }

  @Test
  void aBrokerThatCannotStartFailsQuotingItsLog() throws Exception {
    // A file where the data directory belongs: formatting the storage fails.
    Files.createDirectories(workDir);
    Files.writeString(workDir.resolve("data"), "not a directory");

    assertThatThrownBy(() -> DevBroker.start(workDir))
        .isInstanceOf(DevBrokerException.class)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("Last lines of " + workDir.resolve("broker.log"));
  }

  private static void createTopic(DevBroker broker, String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  private static void produce(DevBroker broker, String topic, String key, String value)
      throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<String> consumeAll(DevBroker broker, String topic, int expected) {
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "devkit-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  seen.add(record.key() + "=" + record.value());
                }
                return seen.size() >= expected;
              });
    }
    return seen;
  }
}
