package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.ContainerBroker;
import dev.flotilla.devkit.KafkaImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transactional round trip of {@link TransactionalLoopIT} against a broker in a container: the
 * {@code apache/kafka} image operators run, or the image {@code FLOTILLA_KAFKA_IMAGE} names (such
 * as the stand-in {@code deploy/build-images.sh} builds where no registry is reachable). Skipped,
 * with the reason, where no Docker engine answers or the image is not present already: it is never
 * pulled, so a machine whose engine cannot reach a registry does not wait on one.
 */
class ContainerBrokerIT {
  private static final MessageCodec CODEC = new MessageCodec();

  private static Optional<String> unavailable;
  private static ContainerBroker broker;

  @BeforeAll
  static void startBrokerIfTheImageIsHere() {
    String image = KafkaImage.name();
    unavailable = ContainerBroker.unavailable(image).map(why -> "no Kafka container: " + why);
    if (unavailable.isEmpty()) {
      broker = ContainerBroker.start(image);
    }
  }

  @BeforeEach
  void skipWithTheReasonWithoutAContainer() {
    assumeTrue(unavailable.isEmpty(), unavailable::orElseThrow);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aContainerBrokerCarriesOutputsAndCommittedOffsetsInOneTransactionInOrderPerKey()
      throws Exception {
    KafkaSettings kafka =
        new KafkaSettings(broker.bootstrapServers(), TestKafka.PARTITIONS, "it-container");
    TopicProvisioner.ensureTopics(kafka, List.of(Topics.DEAD_LETTERS));
    Topic<ControlCommand> in = TestKafka.controlTopic(kafka, "container-in");
    Topic<ControlCommand> out = TestKafka.controlTopic(kafka, "container-out");
    String group = TestKafka.unique("it-container-group");
    try (Publisher publisher = Publisher.create(kafka)) {
      for (String step : List.of("1", "2")) {
        for (String rollout : List.of("r-a", "r-b", "r-c")) {
          publisher.sendAndWait(in, new PauseRollout(RolloutId.of(rollout), step, null, null));
        }
      }
    }

    TransactionalLoop loop =
        TransactionalLoop.builder(kafka, group, TestKafka.unique("it-container-tx"))
            .subscribe(List.of(in))
            .parallelism(3)
            .handler(record -> List.of(Outgoing.to(out, resumeOf(record))))
            .build()
            .start();
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      // A container start on a busy machine may leave the first rebalance slow.
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() -> assertThat(outputs.all()).hasSize(6));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(committedOffsets(kafka, group)).isEqualTo(6));

      List<ControlCommand> resumed =
          outputs.all().stream().map(r -> CODEC.decode(r.value(), ControlCommand.class)).toList();
      assertThat(resumed).allSatisfy(c -> assertThat(c).isInstanceOf(ResumeRollout.class));
      Map<String, List<String>> stepsByRollout =
          resumed.stream()
              .collect(
                  Collectors.groupingBy(
                      c -> c.rolloutId().value(),
                      Collectors.mapping(ControlCommand::requestedBy, Collectors.toList())));
      assertThat(stepsByRollout)
          .containsOnlyKeys("r-a", "r-b", "r-c")
          .allSatisfy((rollout, steps) -> assertThat(steps).containsExactly("1", "2"));
    } finally {
      loop.close();
    }
  }

  private static ResumeRollout resumeOf(Incoming<?> record) {
    ControlCommand command = (ControlCommand) record.value();
    return new ResumeRollout(command.rolloutId(), command.requestedBy(), null, null);
  }

  private static long committedOffsets(KafkaSettings kafka, String group) throws Exception {
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }
}
