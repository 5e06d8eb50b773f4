package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as a user meets it: clear one-line errors, exit code 2, nothing done. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {
  @TempDir static Path work;
  private ServiceProcesses jar;
  private KafkaSettings kafka;

  @BeforeAll
  void setUp() {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
  }

  @Test
  void aServiceWithoutItsBrokerSettingStopsWithALineNamingTheVariable() throws Exception {
    var result = jar.run(Map.of("FLOTILLA_DATA_DIR", work.toString()), "coordinator");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output().strip())
        .contains("FLOTILLA_BOOTSTRAP_SERVERS")
        .doesNotContain("\tat ");
  }

  @Test
  void aBadPortStopsTheNotifierWithALineNamingTheVariable() throws Exception {
    var result =
        jar.run(
            Map.of(
                "FLOTILLA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "FLOTILLA_HTTP_PORT",
                "eighty"),
            "notifier");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("FLOTILLA_HTTP_PORT").contains("eighty");
  }

  @Test
  void publishingBadJsonIsAClearErrorAndPublishesNothing() throws Exception {
    long before = recordsIn(Topics.UPDATE_REQUESTS.name());
    Path file = Files.writeString(work.resolve("bad.json"), "{\"type\": \"UpdateRequest\",");

    var result = publish(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("not valid JSON");
    assertThat(recordsIn(Topics.UPDATE_REQUESTS.name())).isEqualTo(before);
  }

  @Test
  void publishingARequestWithAMissingFieldNamesTheField() throws Exception {
    long before = recordsIn(Topics.UPDATE_REQUESTS.name());
    Path file =
        Files.writeString(
            work.resolve("missing.json"),
            """
            {"type": "UpdateRequest", "schema": 1, "rolloutId": "r-cli-1",
             "migrationSet": "coachiq", "selector": {"all": true}}
            """);

    var result = publish(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("targetVersion: is required");
    assertThat(recordsIn(Topics.UPDATE_REQUESTS.name())).isEqualTo(before);
  }

  @Test
  void publishingARequestForAnUnknownSetIsRefusedBeforeItIsPublished() throws Exception {
    long before = recordsIn(Topics.UPDATE_REQUESTS.name());
    Path file =
        Files.writeString(
            work.resolve("unknown-set.json"),
            """
            {"type": "UpdateRequest", "schema": 1, "rolloutId": "r-cli-2",
             "migrationSet": "never-pushed", "targetVersion": 3, "selector": {"all": true}}
            """);

    var result = publish(file);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("'never-pushed' is not in the catalogue");
    assertThat(recordsIn(Topics.UPDATE_REQUESTS.name())).isEqualTo(before);
  }

  @Test
  void publishRefusesForEveryReasonTheCoordinatorWouldAndPublishesWhatItWouldAccept()
      throws Exception {
    MigrationSetId set = MigrationSetId.of("cli-checks");
    DeviceId known = DeviceId.of("cli-known");
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(
          Topics.MIGRATIONS,
          new MigrationScript(
              MessageId.random(),
              Instant.now(),
              set,
              VersionId.of(1),
              ScriptKind.MIGRATE,
              "init",
              "CREATE TABLE t (id INTEGER);",
              "c".repeat(64),
              true));
      publisher.sendAndWait(
          Topics.DEVICES,
          new DeviceReport(
              MessageId.random(), Instant.now(), known, VersionId.of(0), 4096, List.of(), null));
    }
    long before = recordsIn(Topics.UPDATE_REQUESTS.name());

    var refused =
        publish(
            request(
                "r-cli-3",
                "{\"type\": \"UpdateRequest\", \"schema\": 1, \"rolloutId\": \"r-cli-3\","
                    + " \"migrationSet\": \"cli-checks\", \"targetVersion\": 2,"
                    + " \"selector\": {\"devices\": [\"cli-known\", \"cli-nowhere\"]}}"));

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output())
        .contains("the coordinator would reject rollout r-cli-3")
        .contains("not in the device inventory: [cli-nowhere]")
        .contains("'cli-checks' has no version 2");
    assertThat(recordsIn(Topics.UPDATE_REQUESTS.name())).isEqualTo(before);

    var accepted =
        publish(
            request(
                "r-cli-4",
                "{\"type\": \"UpdateRequest\", \"schema\": 1, \"rolloutId\": \"r-cli-4\","
                    + " \"migrationSet\": \"cli-checks\", \"targetVersion\": 1,"
                    + " \"selector\": {\"devices\": [\"cli-known\"]}}"));

    assertThat(accepted.exitCode()).as(accepted.output()).isZero();
    assertThat(recordsIn(Topics.UPDATE_REQUESTS.name())).isEqualTo(before + 1);
  }

  private static Path request(String name, String json) throws Exception {
    return Files.writeString(work.resolve(name + ".json"), json);
  }

  private ServiceProcesses.Result publish(Path file) throws Exception {
    return jar.run(
        Map.of("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), "publish", file.toString());
  }

  private long recordsIn(String topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      int partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .size();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }
}
