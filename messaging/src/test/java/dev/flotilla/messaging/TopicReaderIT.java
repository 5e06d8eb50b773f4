package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topic.Cleanup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TopicReaderIT {
  private final KafkaSettings kafka = TestKafka.settings();

  @Test
  void awaitCaughtUpReturnsOnlyAfterEverythingPublishedBeforeWasHandedOver() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "reader");
    try (Publisher publisher = Publisher.create(kafka)) {
      for (int i = 0; i < 20; i++) {
        publisher.sendAndWait(topic, pause("r-" + i % 3, "n" + i));
        if (i == 10) {
          TestKafka.sendRaw(kafka, topic.name(), "r-1", TestKafka.utf8("not json at all"));
        }
      }
    }
    List<Incoming<ControlCommand>> seen = new CopyOnWriteArrayList<>();

    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(kafka, topic, seen::add).start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));

      // No waiting here: awaitCaughtUp promised every earlier record was handed over already.
      assertThat(seen).hasSize(20);
      assertThat(seen)
          .extracting(r -> r.value().requestedBy())
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, 20).mapToObj(i -> "n" + i).toList());
      assertThat(seen).allSatisfy(r -> assertThat(r.topic()).isEqualTo(topic));
    }
  }

  @Test
  void caughtUpAnswersAtOnceAndCompletesOnlyOnceEverythingEarlierWasHandedOver() throws Exception {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "reader-async");
    publish(topic, 5);
    CountDownLatch slowConsumer = new CountDownLatch(1);
    List<Incoming<ControlCommand>> seen = new CopyOnWriteArrayList<>();

    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(
                kafka,
                topic,
                record -> {
                  awaitQuietly(slowConsumer);
                  seen.add(record);
                })
            .start()) {
      CompletableFuture<Void> caughtUp = reader.caughtUp();

      // The caller was not made to wait: the records are still stuck in the consumer.
      assertThat(caughtUp).isNotDone();
      assertThat(seen).isEmpty();

      slowConsumer.countDown();
      caughtUp.get(30, TimeUnit.SECONDS);
      assertThat(seen).hasSize(5);
    }
  }

  @Test
  void caughtUpFailsOnceTheReaderHasStopped() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "reader-stopped");
    TopicReader<ControlCommand> reader = TopicReader.fromBeginning(kafka, topic, r -> {}).start();
    reader.close();

    assertThat(reader.caughtUp())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .withMessageContaining("has stopped");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void awaitCaughtUpOnATopicThatDoesNotExistTimesOutSayingSo() {
    Topic<ControlCommand> missing =
        new Topic<>(
            TestKafka.unique("it.missing"),
            ControlCommand.class,
            Cleanup.DELETE,
            c -> c.rolloutId().value());
    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(kafka, missing, record -> {}).start()) {
      assertThatThrownBy(() -> reader.awaitCaughtUp(Duration.ofMillis(300)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining(missing.name())
          .hasMessageContaining("did not catch up within PT0.3S");
    }
  }

  @Test
  void fromOffsetsStartsEachListedPartitionAtItsOffsetAndTheOthersAtTheBeginning() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "offsets");
    publish(topic, 12);
    List<Incoming<ControlCommand>> everything = readAll(topic, Map.of());
    Map<Integer, Long> counts =
        everything.stream()
            .collect(Collectors.groupingBy(Incoming::partition, Collectors.counting()));
    assertThat(counts).containsOnlyKeys(0, 1);

    List<Incoming<ControlCommand>> fromTwo = readAll(topic, Map.of(0, 2L));

    assertThat(fromTwo)
        .filteredOn(r -> r.partition() == 0)
        .extracting(Incoming::offset)
        .allMatch(offset -> offset >= 2)
        .hasSize((int) (counts.get(0) - 2));
    assertThat(fromTwo).filteredOn(r -> r.partition() == 1).hasSize(counts.get(1).intValue());
  }

  @Test
  void aRefusedBatchIsHandedOverAgainUntilTakenAndItsOffsetsCoverUndecodableRecords() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "batches");
    publish(topic, 6);
    TestKafka.sendRaw(kafka, topic.name(), "r-0", TestKafka.utf8("{broken"));
    AtomicInteger refusals = new AtomicInteger();
    List<Incoming<ControlCommand>> taken = new CopyOnWriteArrayList<>();
    Map<Integer, Long> next = new java.util.concurrent.ConcurrentHashMap<>();

    try (TopicReader<ControlCommand> reader =
        TopicReader.inBatches(
                kafka,
                topic,
                Map.of(),
                batch -> {
                  if (refusals.getAndIncrement() == 0) {
                    throw new IllegalStateException("the store is busy");
                  }
                  taken.addAll(batch.records());
                  next.putAll(batch.nextOffsets());
                })
            .start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));

      assertThat(refusals.get()).isGreaterThan(1);
      assertThat(taken).extracting(r -> r.value().requestedBy()).hasSize(6).doesNotHaveDuplicates();
      long records = taken.size() + 1; // the broken one is skipped, but its offset counts
      assertThat(next.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records);
    }
  }

  @Test
  void fromOffsetsForEveryPartitionReadsNothingBeforeThem() {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "offsets-all");
    publish(topic, 12);
    Map<Integer, Long> counts =
        readAll(topic, Map.of()).stream()
            .collect(Collectors.groupingBy(Incoming::partition, Collectors.counting()));

    List<Incoming<ControlCommand>> fromTheEnds = readAll(topic, counts);
    List<Incoming<ControlCommand>> fromOne = readAll(topic, Map.of(0, 1L, 1, 1L));

    assertThat(fromTheEnds).isEmpty();
    assertThat(fromOne).hasSize(10).allMatch(record -> record.offset() >= 1);
  }

  @Test
  void aReaderWithLazyCatchUpsStillReceivesNewRecordsAndCatchesUp() throws Exception {
    Topic<ControlCommand> topic = TestKafka.controlTopic(kafka, "reader-lazy");
    publish(topic, 3);
    List<Incoming<ControlCommand>> seen = new CopyOnWriteArrayList<>();

    try (TopicReader<ControlCommand> reader =
        TopicReader.fromBeginning(kafka, topic, seen::add).lazyCatchUps().start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(seen).hasSize(3);
      // Published while the reader's fetch waits at the broker: it answers the fetch.
      publish(topic, 2);
      reader.awaitCaughtUp(Duration.ofSeconds(30));

      assertThat(seen).hasSize(5);
      assertThatThrownBy(reader::lazyCatchUps)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has started");
    }
  }

  private void publish(Topic<ControlCommand> topic, int count) {
    try (Publisher publisher = Publisher.create(kafka)) {
      for (int i = 0; i < count; i++) {
        publisher.sendAndWait(topic, pause("r-" + i, "n" + i));
      }
    }
  }

  private List<Incoming<ControlCommand>> readAll(
      Topic<ControlCommand> topic, Map<Integer, Long> from) {
    List<Incoming<ControlCommand>> seen = new CopyOnWriteArrayList<>();
    try (TopicReader<ControlCommand> reader =
        TopicReader.fromOffsets(kafka, topic, from, seen::add).start()) {
      reader.awaitCaughtUp(Duration.ofSeconds(30));
    }
    return List.copyOf(seen);
  }

  private static PauseRollout pause(String rollout, String requestedBy) {
    return new PauseRollout(RolloutId.of(rollout), requestedBy, null, null);
  }
}
