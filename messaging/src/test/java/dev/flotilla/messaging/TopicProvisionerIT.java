package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {
  private final KafkaSettings kafka = TestKafka.settings();

  @Test
  void everyTopicIsCreatedWithItsPartitionsAndCompactedTopicsAreCompacted() throws Exception {
    TopicProvisioner.ensureTopics(kafka);
    TopicProvisioner.ensureTopics(kafka); // a second run changes nothing and does not fail

    List<String> names = Topics.all().stream().map(Topic::name).toList();
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      assertThat(described.values())
          .allSatisfy(
              d ->
                  assertThat(d.partitions())
                      .hasSize(
                          Topics.byName(d.name())
                              .orElseThrow()
                              .partitionsWhenConfigured(TestKafka.PARTITIONS)));
      // Requests are judged in one order: the admissions have one partition, whatever is set.
      assertThat(described.get(Topics.ADMISSIONS.name()).partitions()).hasSize(1);

      Map<String, String> cleanup = cleanupPolicies(admin, names);
      assertThat(cleanup)
          .containsEntry(Topics.MIGRATIONS.name(), "compact")
          .containsEntry(Topics.DEVICE_STATES.name(), "compact")
          .containsEntry(Topics.DEVICE_INVENTORY.name(), "compact")
          .containsEntry(Topics.DEVICES.name(), "compact")
          .containsEntry(Topics.EVENTS.name(), "delete")
          .containsEntry(Topics.DEAD_LETTERS.name(), "delete");
      // The event log is never trimmed by the broker's retention time.
      assertThat(setting(admin, Topics.EVENTS.name(), TopicConfig.RETENTION_MS_CONFIG))
          .isEqualTo("-1");
      assertThat(setting(admin, Topics.DEAD_LETTERS.name(), TopicConfig.RETENTION_MS_CONFIG))
          .isNotEqualTo("-1");
    }
  }

  @Test
  void aTopicMadeWithTheBrokersRecordLimitIsRaisedAndTakesARecordOfSeveralMegabytes()
      throws Exception {
    Topic<UpdateRequest> topic =
        new Topic<>(
            "it.large-records." + UUID.randomUUID(),
            UpdateRequest.class,
            Topic.Cleanup.DELETE,
            r -> r.rolloutId().value());
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      admin.createTopics(List.of(new NewTopic(topic.name(), 1, (short) 1))).all().get();
      TopicProvisioner.ensureTopics(kafka, List.of(topic));

      assertThat(setting(admin, topic.name(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
          .isEqualTo(String.valueOf(ClientConfigs.MAX_RECORD_BYTES));
    }
    // A request naming 250,000 devices, about 3 MB: more than Kafka's default of 1 MB a record.
    List<DeviceId> devices =
        java.util.stream.IntStream.range(0, 250_000)
            .mapToObj(i -> DeviceId.of(String.format("rv-%07d", i)))
            .toList();
    UpdateRequest large =
        new UpdateRequest(
            RolloutId.of("r-large"),
            MigrationSetId.of("coachiq"),
            VersionId.of(5),
            Selector.devices(devices),
            RolloutPolicy.DEFAULT,
            "ops@example.com",
            MessageId.random(),
            java.time.Instant.now());
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(topic, large);
    }
    List<Incoming<UpdateRequest>> seen = new CopyOnWriteArrayList<>();
    try (TopicReader<UpdateRequest> reader =
        TopicReader.fromBeginning(kafka, topic, seen::add).start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));
    }
    assertThat(seen).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(large));
  }

  @Test
  void coPartitionedTopicsWithDifferentPartitionCountsAreRefused() {
    KafkaSettings three = new KafkaSettings(kafka.bootstrapServers(), 3, kafka.instanceId());
    Topic<byte[]> two = rawTopic("it.copart.two");
    Topic<byte[]> other = rawTopic("it.copart.three");
    TopicProvisioner.ensureTopics(kafka, List.of(two));
    TopicProvisioner.ensureTopics(three, List.of(other));

    assertThatThrownBy(() -> TopicProvisioner.checkCoPartitioned(kafka, List.of(two, other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(two.name() + "=2")
        .hasMessageContaining(other.name() + "=3")
        .hasMessageContaining("same number of partitions");
  }

  @Test
  void aTopicOfOnePartitionIsMadeSoAndOneFoundWithMoreIsRefused() {
    Topic<byte[]> single =
        new Topic<>(
            TestKafka.unique("it.single"), byte[].class, Topic.Cleanup.DELETE, b -> null, 1);
    TopicProvisioner.ensureTopics(kafka, List.of(single)); // configured: 2 partitions
    TopicProvisioner.ensureTopics(kafka, List.of(single));

    Topic<byte[]> madeWithTwo = rawTopic("it.single.two");
    TopicProvisioner.ensureTopics(kafka, List.of(madeWithTwo));
    Topic<byte[]> wantsOne =
        new Topic<>(madeWithTwo.name(), byte[].class, Topic.Cleanup.DELETE, b -> null, 1);

    assertThatThrownBy(() -> TopicProvisioner.ensureTopics(kafka, List.of(wantsOne)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(madeWithTwo.name() + " has 2 partitions")
        .hasMessageContaining("exactly 1");
  }

  private static Topic<byte[]> rawTopic(String prefix) {
    return new Topic<>(TestKafka.unique(prefix), byte[].class, Topic.Cleanup.DELETE, b -> null);
  }

  private static String setting(Admin admin, String topic, String name) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
  }

  private static Map<String, String> cleanupPolicies(Admin admin, List<String> names)
      throws Exception {
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    return configs.entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> e.getKey().name(),
                e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
  }
}
