package dev.flotilla.messaging;

import static dev.flotilla.messaging.TestKafka.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop built {@link TransactionalLoop.Builder#forDeviceWork for device work}. */
class DeviceWorkLoopIT {
  private static final MessageCodec CODEC = new MessageCodec();
  private static final KeyPartitions PARTITIONS = new KeyPartitions(TestKafka.PARTITIONS);

  private KafkaSettings kafka;
  private Topic<ControlCommand> in;
  private Topic<ControlCommand> out;
  private String group;
  private final List<TransactionalLoop> loops = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeAll
  static void deadLetterTopicExists() {
    TopicProvisioner.ensureTopics(TestKafka.settings(), List.of(Topics.DEAD_LETTERS));
  }

  @BeforeEach
  void freshTopicsAndGroup() {
    kafka = TestKafka.settings();
    in = TestKafka.controlTopic(kafka, "work-in");
    out = TestKafka.controlTopic(kafka, "work-out");
    group = TestKafka.unique("it-work");
  }

  @AfterEach
  void stopLoops() {
    release.countDown();
    loops.forEach(TransactionalLoop::close);
  }

  @Test
  void aSlowDeviceHoldsBackTheRepliesOfNoOtherDeviceNotEvenOnItsPartition() throws Exception {
    String slow = keyOn(0, 0);
    String samePartition = keyOn(0, 1);
    String otherPartition = keyOn(1, 0);
    publish(pause(slow, "slow"), pause(samePartition, "same"), pause(otherPartition, "other"));

    running(
        record -> {
          if (requestedBy(record).equals("slow")) {
            release.await(60, TimeUnit.SECONDS);
          }
          return resume(record);
        });
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually()
          .untilAsserted(
              () ->
                  assertThat(outputs.all())
                      .extracting(r -> decoded(r.value()))
                      .containsExactlyInAnyOrder("same", "other"));
      // The slow record's partition is committed up to it, naming the one finished past it.
      eventually()
          .untilAsserted(
              () ->
                  assertThat(committed())
                      .containsEntry(partition(0), new OffsetAndMetadata(0, "done:1"))
                      .containsEntry(partition(1), new OffsetAndMetadata(1, "")));

      release.countDown();
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(3));
      eventually()
          .untilAsserted(
              () ->
                  assertThat(committed())
                      .containsEntry(partition(0), new OffsetAndMetadata(2, ""))
                      .containsEntry(partition(1), new OffsetAndMetadata(1, "")));
    }
  }

  @Test
  void theCommandsOfOneDeviceRunOneAtATimeInTheirOrder() {
    List<ControlCommand> commands = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      commands.add(pause("device-a", "a" + i));
      commands.add(pause("device-b", "b" + i));
    }
    publish(commands.toArray(ControlCommand[]::new));
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger mostAtOnceForOneDevice = new AtomicInteger();
    List<String> handled = new CopyOnWriteArrayList<>();

    running(
        record -> {
          AtomicInteger forDevice =
              running.computeIfAbsent(record.key(), key -> new AtomicInteger());
          mostAtOnceForOneDevice.accumulateAndGet(forDevice.incrementAndGet(), Math::max);
          Thread.sleep(requestedBy(record).endsWith("0") ? 300 : 20);
          handled.add(requestedBy(record));
          forDevice.decrementAndGet();
          return resume(record);
        });
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(12));
      List<String> replies = outputs.all().stream().map(r -> decoded(r.value())).toList();
      assertThat(replies.stream().filter(r -> r.startsWith("a")))
          .containsExactly("a0", "a1", "a2", "a3", "a4", "a5");
      assertThat(replies.stream().filter(r -> r.startsWith("b")))
          .containsExactly("b0", "b1", "b2", "b3", "b4", "b5");
    }
    assertThat(mostAtOnceForOneDevice).hasValue(1);
    assertThat(handled).hasSize(12);
  }

  @Test
  void aFailedRecordIsHandledAgainWhileWhatFinishedPastItIsNot() throws Exception {
    String flaky = keyOn(0, 0);
    String fast = keyOn(0, 1);
    publish(pause(flaky, "flaky"), pause(fast, "fast"));
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    running(
        record -> {
          String name = requestedBy(record);
          int attempt = attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
          if (name.equals("flaky") && attempt == 1) {
            // Fail only once the record behind it is committed, past this one's offset.
            eventually()
                .untilAsserted(
                    () ->
                        assertThat(committed())
                            .containsEntry(partition(0), new OffsetAndMetadata(0, "done:1")));
            throw new IOException("disk hiccup");
          }
          return resume(record);
        });
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually()
          .untilAsserted(
              () ->
                  assertThat(committed())
                      .containsEntry(partition(0), new OffsetAndMetadata(2, "")));
      assertThat(outputs.all())
          .extracting(r -> decoded(r.value()))
          .containsExactlyInAnyOrder("fast", "flaky");
    }
    assertThat(attempts.get("flaky")).hasValue(2);
    assertThat(attempts.get("fast")).hasValue(1);
  }

  @Test
  void aSecondMemberTakesOverOnlyOnceTheRunningRecordsOfTheFirstAreCommitted() throws Exception {
    String slow = keyOn(0, 0);
    publish(pause(slow, "slow"));
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicInteger handledTimes = new AtomicInteger();
    RecordHandler handler =
        record -> {
          handledTimes.incrementAndGet();
          slowStarted.countDown();
          release.await(60, TimeUnit.SECONDS);
          return resume(record);
        };
    running(handler);
    assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();

    // A second member joins: the first finishes its record before giving its partitions up.
    running(handler);
    // Released only once the rebalance waits for the first member's running record.
    eventually()
        .untilAsserted(
            () ->
                assertThat(groupState())
                    .isIn(GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE));
    release.countDown();
    try (CommittedRecords outputs = new CommittedRecords(kafka, out.name())) {
      eventually().untilAsserted(() -> assertThat(outputs.all()).hasSize(1));
      eventually()
          .untilAsserted(
              () ->
                  assertThat(committed())
                      .containsEntry(partition(0), new OffsetAndMetadata(1, "")));
      // And no second reply comes from the member that took over.
      eventually()
          .during(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(outputs.all()).hasSize(1));
    }
    assertThat(handledTimes).hasValue(1);
  }

  private void running(RecordHandler handler) {
    loops.add(
        TransactionalLoop.builder(kafka, group, TestKafka.unique("it-tx"))
            .forDeviceWork(4, Duration.ofSeconds(30))
            .subscribe(List.of(in))
            .handler(handler)
            .build()
            .start());
  }

  /** The {@code n}th key, in a fixed order, that Flotilla's producers put on {@code partition}. */
  private static String keyOn(int partition, int n) {
    return IntStream.range(0, 100)
        .mapToObj(i -> "device-" + i)
        .filter(key -> PARTITIONS.partitionOf(key) == partition)
        .skip(n)
        .findFirst()
        .orElseThrow();
  }

  private TopicPartition partition(int number) {
    return new TopicPartition(in.name(), number);
  }

  private GroupState groupState() throws Exception {
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get()
          .groupState();
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
  }

  private List<Outgoing<?>> resume(Incoming<?> record) {
    ControlCommand command = (ControlCommand) record.value();
    return List.of(
        Outgoing.to(
            out, new ResumeRollout(command.rolloutId(), command.requestedBy(), null, null)));
  }

  private static String requestedBy(Incoming<?> record) {
    return ((ControlCommand) record.value()).requestedBy();
  }

  private static String decoded(byte[] value) {
    return CODEC.decode(value, ControlCommand.class).requestedBy();
  }

  private void publish(ControlCommand... commands) {
    try (Publisher publisher = Publisher.create(kafka)) {
      for (ControlCommand command : commands) {
        publisher.sendAndWait(in, command);
      }
    }
  }

  private static PauseRollout pause(String key, String requestedBy) {
    return new PauseRollout(RolloutId.of(key), requestedBy, null, null);
  }
}
