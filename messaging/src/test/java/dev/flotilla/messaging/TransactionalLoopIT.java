package dev.flotilla.messaging;

import static dev.flotilla.messaging.CommittedRecords.header;
import static dev.flotilla.messaging.TestKafka.eventually;
import static dev.flotilla.messaging.TestKafka.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionalLoopIT {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final MessageCodec CODEC = new MessageCodec();

  private KafkaSettings kafka;
  private Topic<ControlCommand> in;
  private Topic<ControlCommand> out;
  private String group;

  @BeforeAll
  static void deadLetterTopicExists() {
    TopicProvisioner.ensureTopics(TestKafka.settings(), List.of(Topics.DEAD_LETTERS));
  }

  @BeforeEach
  void freshTopicsAndGroup() {
    kafka = TestKafka.settings();
    in = TestKafka.controlTopic(kafka, "in");
    out = TestKafka.controlTopic(kafka, "out");
    group = TestKafka.unique("it-group");
  }

  @Test
  void handledRecordsProduceTheirOutputsAndCommitTheirOffsetsInOrderPerKey() {
    publish(
        pause("r-a", "1"),
        pause("r-b", "1"),
        pause("r-c", "1"),
        pause("r-a", "2"),
        pause("r-b", "2"),
        pause("r-c", "2"));

    running(loop().parallelism(3).handler(this::resume));
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(6));
      eventually().untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(6));

      Map<String, List<String>> stepsByRollout =
          outputs.all().stream()
              .map(record -> CODEC.decode(record.value(), ControlCommand.class))
              .collect(
                  Collectors.groupingBy(
                      c -> c.rolloutId().value(),
                      Collectors.mapping(ControlCommand::requestedBy, Collectors.toList())));
      assertThat(stepsByRollout)
          .containsOnlyKeys("r-a", "r-b", "r-c")
          .allSatisfy((rollout, steps) -> assertThat(steps).containsExactly("1", "2"));
      assertThat(outputs.all())
          .allSatisfy(
              r ->
                  assertThat(CODEC.decode(r.value(), ControlCommand.class))
                      .isInstanceOf(ResumeRollout.class));
    }
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheirBytesAndReasonAndTheLoopGoesOn() {
    byte[] badJson = utf8("{\"type\": \"PauseRollout\", oops");
    byte[] invalid =
        utf8(CODEC.encodeToString(pause("r-p", "x")).replace("\"r-p\"", "\"not a rollout id!\""));
    TestKafka.sendRaw(kafka, in.name(), "r-p", badJson);
    TestKafka.sendRaw(kafka, in.name(), "r-p", invalid);
    publish(pause("r-p", "good"));

    running(loop().handler(this::resume));
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name());
        CommittedRecords deadLetters = new CommittedRecords(kafka, Topics.DEAD_LETTERS.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(1));
      assertThat(CODEC.decode(outputs.all().get(0).value(), ControlCommand.class).requestedBy())
          .isEqualTo("good");

      eventually()
          .untilAsserted(() -> assertThat(deadLetters.matching(this::fromInputTopic)).hasSize(2));
      List<ConsumerRecord<byte[], byte[]>> dead =
          new ArrayList<>(deadLetters.matching(this::fromInputTopic));
      dead.sort(Comparator.comparing(r -> Long.parseLong(header(r, DeadLetters.OFFSET))));

      assertThat(dead.get(0).value()).isEqualTo(badJson);
      assertThat(dead.get(0).key()).isEqualTo(utf8("r-p"));
      assertThat(header(dead.get(0), DeadLetters.REASON)).contains("not valid JSON");
      assertThat(header(dead.get(0), DeadLetters.OFFSET)).isEqualTo("0");
      assertThat(header(dead.get(0), DeadLetters.GROUP)).isEqualTo(group);
      assertThat(header(dead.get(0), DeadLetters.PARTITION)).matches("[0-9]+");

      assertThat(dead.get(1).value()).isEqualTo(invalid);
      assertThat(header(dead.get(1), DeadLetters.REASON)).contains("rolloutId");
      assertThat(header(dead.get(1), DeadLetters.OFFSET)).isEqualTo("1");
      eventually().untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(3));
    }
  }

  @Test
  void whatTheInvalidRecordHandlerReturnsIsPublishedWithTheDeadLetter() {
    byte[] invalid =
        utf8(CODEC.encodeToString(pause("r-q", "x")).replace("\"r-q\"", "\"not a rollout id!\""));
    TestKafka.sendRaw(kafka, in.name(), "r-q", invalid);

    running(
        loop()
            .handler(this::resume)
            .invalidRecords(
                bad ->
                    List.of(
                        Outgoing.to(
                            out,
                            new PauseRollout(
                                RolloutId.of("r-told"),
                                bad.topic() + "@" + bad.offset() + ": " + bad.reason(),
                                null,
                                null)))));
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name());
        CommittedRecords deadLetters = new CommittedRecords(kafka, Topics.DEAD_LETTERS.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(1));
      ControlCommand told = CODEC.decode(outputs.all().get(0).value(), ControlCommand.class);
      assertThat(told.rolloutId()).isEqualTo(RolloutId.of("r-told"));
      assertThat(told.requestedBy()).startsWith(in.name() + "@0: ").contains("rolloutId");
      eventually()
          .untilAsserted(() -> assertThat(deadLetters.matching(this::fromInputTopic)).hasSize(1));
    }
  }

  @Test
  void aHandlerThatThrowsOnceHandlesTheRecordAgainAndItsOutputAppearsExactlyOnce() {
    AtomicInteger attemptsOfSecond = new AtomicInteger();
    List<Set<Integer>> assignments = new CopyOnWriteArrayList<>();
    publish(pause("r-x", "first"), pause("r-x", "second"));

    running(
        loop()
            .onAssigned(
                partitions -> {
                  assignments.add(partitions);
                  return List.of();
                })
            .handler(
                record -> {
                  if (record.value() instanceof PauseRollout p
                      && p.requestedBy().equals("second")
                      && attemptsOfSecond.incrementAndGet() == 1) {
                    throw new IOException("disk hiccup");
                  }
                  return resume(record);
                }));
    eventually().untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(2));
    assertThat(attemptsOfSecond).hasValue(2);

    List<String> outputs = new CopyOnWriteArrayList<>();
    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(kafka, out, r -> outputs.add(r.value().requestedBy())).start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(outputs).containsExactly("first", "second");
    }
    // The aborted round made the loop hand every assigned partition to onAssigned again.
    assertThat(assignments).hasSize(2).allSatisfy(p -> assertThat(p).containsExactly(0, 1));
  }

  @Test
  void aHeldRecordWaitsWithTheRestOfItsPartitionWhileOtherPartitionsGoOn() throws Exception {
    KeyPartitions partitions = new KeyPartitions(TestKafka.PARTITIONS);
    String heldKey = keyOn(partitions, 0, 0);
    String behindKey = keyOn(partitions, 0, 1);
    String otherKey = keyOn(partitions, 1, 0);
    publish(pause(heldKey, "held"), pause(behindKey, "behind"), pause(otherKey, "other"));
    AtomicBoolean released = new AtomicBoolean();
    AtomicInteger askedAboutHeld = new AtomicInteger();
    List<String> handled = new CopyOnWriteArrayList<>();

    running(
        loop()
            .holdUntilReady(
                record -> {
                  if (((ControlCommand) record.value()).requestedBy().equals("held")) {
                    askedAboutHeld.incrementAndGet();
                    return released.get();
                  }
                  return true;
                })
            .handler(
                record -> {
                  handled.add(((ControlCommand) record.value()).requestedBy());
                  return resume(record);
                }));
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(1));
      // Asked again and again, and every time held: neither it nor the record behind it ran.
      eventually().untilAsserted(() -> assertThat(askedAboutHeld).hasValueGreaterThan(5));
      assertThat(handled).containsExactly("other");
      assertThat(committedOffsets()).isEqualTo(1);

      released.set(true);
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(3));
      eventually().untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(3));
      assertThat(handled).containsExactly("other", "held", "behind");
      assertThat(outputs.all())
          .extracting(r -> CODEC.decode(r.value(), ControlCommand.class).requestedBy())
          .containsExactly("other", "held", "behind");
    }
  }

  /** The {@code n}th key, in a fixed order, that Flotilla's producers put on {@code partition}. */
  private static String keyOn(KeyPartitions partitions, int partition, int n) {
    return IntStream.range(0, 100)
        .mapToObj(i -> "r-" + i)
        .filter(key -> partitions.partitionOf(key) == partition)
        .skip(n)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aTraceparentHeaderPassesFromInputToOutput() {
    TestKafka.sendRaw(
        kafka, in.name(), "r-t", CODEC.encode(pause("r-t", "traced")), "traceparent", TRACEPARENT);

    running(loop().handler(this::resume));
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(1));
      assertThat(header(outputs.all().get(0), "traceparent")).isEqualTo(TRACEPARENT);
    }
  }

  @Test
  void assignedPartitionsAndTicksPublishWhatTheyReturn() {
    List<Set<Integer>> assignments = new CopyOnWriteArrayList<>();
    AtomicInteger ticks = new AtomicInteger();

    running(
        loop()
            .handler(this::resume)
            .onAssigned(
                partitions -> {
                  assignments.add(partitions);
                  return List.of(Outgoing.to(out, pause("r-assigned", "assigned")));
                })
            .tick(
                Duration.ofMillis(100),
                now ->
                    ticks.incrementAndGet() == 1
                        ? List.of(Outgoing.to(out, pause("r-tick", "tick")))
                        : List.of()));
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually()
          .untilAsserted(
              () ->
                  assertThat(outputs.all())
                      .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                      .containsExactlyInAnyOrder("r-assigned", "r-tick"));
      eventually().untilAsserted(() -> assertThat(ticks).hasValueGreaterThanOrEqualTo(5));
      assertThat(assignments).containsExactly(Set.of(0, 1));
    }
  }

  private final List<TransactionalLoop> loops = new ArrayList<>();

  @AfterEach
  void stopLoops() {
    loops.forEach(TransactionalLoop::close);
  }

  private void running(TransactionalLoop.Builder builder) {
    loops.add(builder.build().start());
  }

  private TransactionalLoop.Builder loop() {
    return TransactionalLoop.builder(kafka, group, TestKafka.unique("it-tx"))
        .subscribe(List.of(in));
  }

  private List<Outgoing<?>> resume(Incoming<?> record) {
    ControlCommand command = (ControlCommand) record.value();
    return List.of(
        Outgoing.to(
            out, new ResumeRollout(command.rolloutId(), command.requestedBy(), null, null)));
  }

  private boolean fromInputTopic(ConsumerRecord<byte[], byte[]> record) {
    return in.name().equals(header(record, DeadLetters.TOPIC));
  }

  private void publish(ControlCommand... commands) {
    try (Publisher publisher = Publisher.create(kafka)) {
      for (ControlCommand command : commands) {
        publisher.sendAndWait(in, command);
      }
    }
  }

  private long committedOffsets() throws Exception {
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }

  private static PauseRollout pause(String rollout, String requestedBy) {
    return new PauseRollout(RolloutId.of(rollout), requestedBy, null, null);
  }
}
