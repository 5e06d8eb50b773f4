package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageType;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.messaging.DeadLetters;
import dev.flotilla.messaging.RawLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison on every topic a service reads — random bytes, truncated JSON, a message of another topic,
 * an unknown message type, the right type with fields of the wrong types, the right type with a
 * text of 5 MiB — while the whole suite runs: each record lands on {@code flotilla.dlq} exactly
 * once, with the reason and where it was read, and the services go on: a rollout afterwards brings
 * its devices to the target.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonInputIT {
  private static final MigrationSetId SET = MigrationSetId.of("coachiq");

  @TempDir static Path work;
  private RunningSuite suite;
  private List<DeviceId> devices;

  /** Where each service serves its health probes and metrics. */
  private final Map<String, String> ops = new java.util.LinkedHashMap<>();

  /** Where a poison record was written. */
  private record At(String topic, int partition, long offset) {}

  @BeforeAll
  void startTheSuite() throws Exception {
    suite = RunningSuite.in(work);
    devices = DemoFleet.generate(suite.fleet(), 3, 3);
    suite.push(SET, DemoFleet.sampleMigrations(work.resolve("migrations")));
    int migrationPort = RunningSuite.freePort();
    suite.startMigrationWorker("a", migrationPort);
    int backupPort = RunningSuite.freePort();
    suite.startBackupWorker(backupPort);
    String api = suite.startCoordinatorWithApi("a");
    int notifierPort = RunningSuite.freePort();
    suite.startNotifier("a", notifierPort, api);
    ops.put("coordinator", api);
    ops.put("migration-worker", "http://127.0.0.1:" + migrationPort);
    ops.put("backup-worker", "http://127.0.0.1:" + backupPort);
    ops.put("notifier", "http://127.0.0.1:" + notifierPort);
    suite.readEvents();
    suite.awaitInventoryOf(devices, Duration.ofMinutes(2));
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void poisonOnEveryInputTopicIsDeadLetteredOnceAndTheServicesGoOn() throws Exception {
    Map<At, String> written = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      for (Topic<?> topic : Topics.all()) {
        if (topic.equals(Topics.DEAD_LETTERS)) {
          continue;
        }
        for (Map.Entry<String, byte[]> poison : poisonFor(topic).entrySet()) {
          RecordMetadata at =
              producer
                  .send(
                      new ProducerRecord<>(
                          topic.name(),
                          ("poison-" + poison.getKey()).getBytes(StandardCharsets.UTF_8),
                          poison.getValue()))
                  .get();
          written.put(new At(topic.name(), at.partition(), at.offset()), poison.getKey());
        }
      }
    }

    Map<At, List<String>> deadLetters = new HashMap<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              deadLetters.clear();
              deadLetters.putAll(readDeadLetters());
              return deadLetters.keySet().containsAll(written.keySet());
            });
    // Once each, and still once each a few seconds on: a duplicate would have shown by then.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<At, List<String>> now = readDeadLetters();
              for (Map.Entry<At, String> poison : written.entrySet()) {
                assertThat(now.get(poison.getKey()))
                    .as("dead letters of %s (%s)", poison.getKey(), poison.getValue())
                    .singleElement()
                    .asString()
                    .isNotBlank();
              }
            });

    RolloutId rollout = RolloutId.of("it-after-poison-" + System.nanoTime());
    suite.publish(
        new UpdateRequest(
            rollout,
            SET,
            VersionId.of(DemoFleet.LATEST_VERSION),
            Selector.devices(devices),
            RolloutPolicy.DEFAULT.withStepTimeoutSeconds(60),
            "it@example.com",
            MessageId.random(),
            Instant.now()));
    RolloutFinished finished = suite.awaitFinished(rollout, Duration.ofMinutes(3));
    assertThat(finished.counts().done()).isEqualTo(devices.size());
    for (DeviceId device : devices) {
      assertThat(suite.finishOf(rollout, device).outcome()).isEqualTo(DeviceOutcome.DONE);
    }
    assertEveryServiceIsReadyAndCountsWhatItDid();
  }

  /**
   * Each service, as its own process, says it is live and ready, and its metrics count what this
   * test made it do: dead letters, steps handled, the consumers' lag.
   */
  private void assertEveryServiceIsReadyAndCountsWhatItDid() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (Map.Entry<String, String> service : ops.entrySet()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                var ready = get(http, service.getValue() + "/health/ready");
                assertThat(ready.statusCode())
                    .as(service.getKey() + ": " + ready.body())
                    .isEqualTo(200);
                assertThat(ready.body()).contains("\"service\":\"" + service.getKey() + "\"");
              });
      assertThat(get(http, service.getValue() + "/health/live").statusCode()).isEqualTo(200);
    }
    // The fleet's gauges are read from the projections every ten seconds.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get(http, ops.get("coordinator") + "/metrics").body())
                    .contains(
                        "flotilla_dead_letters_total{group=\"flotilla-poison-guard\",topic=\"flotilla.events\"}")
                    .contains("flotilla_rollouts{status=\"FINISHED\"}"));
    assertThat(get(http, ops.get("migration-worker") + "/metrics").body())
        .contains(
            "flotilla_messages_handled_seconds_count{group=\"flotilla-migration-worker\",outcome=\"ok\",topic=\"flotilla.commands.migrate\"}")
        .contains("kafka_consumer_fetch_manager_records_lag");
    assertThat(get(http, ops.get("backup-worker") + "/metrics").body())
        .contains("topic=\"flotilla.commands.backup\"");
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url)
      throws Exception {
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** The dead letters written so far, by where their record was read, with their reasons. */
  private Map<At, List<String>> readDeadLetters() {
    Map<At, List<String>> found = new HashMap<>();
    RawLog.readToEnd(
        suite.kafka(),
        Topics.DEAD_LETTERS.name(),
        Duration.ofMinutes(1),
        record -> {
          if (record.header(DeadLetters.TOPIC) == null) {
            return;
          }
          At at =
              new At(
                  record.header(DeadLetters.TOPIC),
                  Integer.parseInt(record.header(DeadLetters.PARTITION)),
                  Long.parseLong(record.header(DeadLetters.OFFSET)));
          found.computeIfAbsent(at, a -> new ArrayList<>()).add(record.header(DeadLetters.REASON));
        });
    return found;
  }

  /** Six kinds of poison for one topic, by name. */
  private static Map<String, byte[]> poisonFor(Topic<?> topic) {
    Map<String, byte[]> poison = new HashMap<>();
    byte[] random = new byte[64];
    new Random(topic.name().hashCode()).nextBytes(random);
    poison.put("random-bytes", random);
    MessageType own =
        MessageTypes.ALL.stream()
            .filter(type -> topic.type().isAssignableFrom(type.javaType()))
            .findFirst()
            .orElseThrow();
    String wrongTypes =
        "{\"type\":\""
            + own.name()
            + "\",\"schema\":1,\"messageId\":12345,\"occurredAt\":true,\"rolloutId\":[1]}";
    poison.put("wrong-field-types", utf8(wrongTypes));
    poison.put("truncated-json", utf8(wrongTypes.substring(0, wrongTypes.length() / 2)));
    MessageType other =
        MessageTypes.ALL.stream()
            .filter(type -> !topic.type().isAssignableFrom(type.javaType()))
            .findFirst()
            .orElseThrow();
    poison.put(
        "message-of-another-topic",
        utf8("{\"type\":\"" + other.name() + "\",\"schema\":1,\"messageId\":\"x\"}"));
    poison.put("unknown-type", utf8("{\"type\":\"NoSuchMessage\",\"schema\":1}"));
    // A message of the topic's own type, but with a text of 5 MiB where its id should be.
    Message sample = Samples.ALL.get(own.javaType());
    String encoded = new MessageCodec().encodeToString(sample);
    String id = sample.messageId().toString();
    poison.put(
        "huge-field", utf8(encoded.replace(id, "x".repeat(MessageCodec.MAX_TEXT + (1 << 20)))));
    return poison;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private KafkaProducer<byte[], byte[]> rawProducer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka().bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024); // the huge fields
    return new KafkaProducer<>(props);
  }
}
