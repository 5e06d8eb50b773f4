package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer and one transactional producer of a {@link TransactionalLoop}, from joining the
 * group until fenced, broken or stopped. Each round: poll, handle (outside any transaction), then
 * in one transaction send every output and commit the input offsets. A failed round is aborted, the
 * consumer rewound to the committed offsets and the round tried again.
 */
final class LoopSession implements TransactionalLoop.Session {
  private static final Logger log = LoggerFactory.getLogger(LoopSession.class);

  private final LoopSpec spec;
  private final BatchHandler batches;
  private final RecordCodec codec;
  private final Backoff backoff;
  private final CountDownLatch stopping;
  private final LoopClients clients;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;

  /** Partitions assigned by the last rebalance whose onAssigned has not run yet. */
  private final Set<Integer> newlyAssigned = new TreeSet<>();

  /** After an aborted round every assigned partition's state is rebuilt. */
  private boolean rebuildAll;

  private boolean inTransaction;
  private Instant nextTick;

  /** Partitions paused at a held record, and when to read them again. */
  private final Map<TopicPartition, Instant> heldUntil = new HashMap<>();

  LoopSession(
      LoopSpec spec,
      BatchHandler batches,
      RecordCodec codec,
      Backoff backoff,
      CountDownLatch stopping,
      String clientId,
      LoopHealth health) {
    this.spec = spec;
    this.batches = batches;
    this.codec = codec;
    this.backoff = backoff;
    this.stopping = stopping;
    this.clients = new LoopClients(spec, clientId, health);
    this.consumer = clients.consumer;
    this.producer = clients.producer;
    this.nextTick = spec.ticks() ? Instant.now().plus(spec.tickEvery()) : null;
  }

  /** Makes a blocking poll (or other consumer call) return at once, to stop. */
  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  /**
   * Runs rounds until stopped.
   *
   * @throws Exception when this session cannot go on (fenced, or a failed round could not be
   *     undone): the caller closes it and starts a new one
   */
  @Override
  public void run() throws Exception {
    producer.initTransactions();
    consumer.subscribe(spec.topics().stream().map(Topic::name).toList(), new Rebalances());
    while (!stopped()) {
      try {
        if (runRound()) {
          backoff.reset();
        }
      } catch (WakeupException e) {
        // Only close() wakes the consumer: the loop condition ends the session.
      } catch (Exception e) {
        if (Fencing.isFenced(e) || stopped()) {
          throw e;
        }
        Duration delay = backoff.next();
        log.warn(
            "Round of group {} failed, retrying in {} ms", spec.groupId(), delay.toMillis(), e);
        undoRound();
        stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** One poll and its transaction; true when something was committed. */
  private boolean runRound() throws Exception {
    resumeHeld();
    ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
    clients.polled();
    List<ProducerRecord<byte[], byte[]>> assignedOutputs = runOnAssigned();
    BatchHandler.Handling handling =
        records.isEmpty()
            ? new BatchHandler.Handling(List.of(), Map.of())
            : batches.handle(records);
    Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(records, handling.heldFrom());
    Instant now = Instant.now();
    boolean tickDue = spec.ticks() && !now.isBefore(nextTick);
    List<ProducerRecord<byte[], byte[]>> tickOutputs =
        tickDue ? toRecords(spec.tick().apply(now)) : List.of();
    boolean nothingToSend =
        handling.handled().isEmpty() && assignedOutputs.isEmpty() && tickOutputs.isEmpty();
    if (offsets.isEmpty() && nothingToSend) {
      if (tickDue) {
        nextTick = now.plus(spec.tickEvery());
      }
      hold(handling.heldFrom());
      return false;
    }
    producer.beginTransaction();
    inTransaction = true;
    assignedOutputs.forEach(producer::send);
    handling.handled().forEach(result -> result.sendWith(producer));
    tickOutputs.forEach(producer::send);
    if (!offsets.isEmpty()) {
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    }
    producer.commitTransaction();
    inTransaction = false;
    if (tickDue) {
      nextTick = now.plus(spec.tickEvery());
    }
    hold(handling.heldFrom());
    return true;
  }

  /** Reads held partitions again from their held record, after a pause. */
  private void hold(Map<TopicPartition, Long> heldFrom) {
    if (heldFrom.isEmpty()) {
      return;
    }
    Instant until = Instant.now().plus(LoopSpec.HOLD);
    heldFrom.forEach(
        (partition, offset) -> {
          consumer.seek(partition, offset);
          heldUntil.put(partition, until);
        });
    consumer.pause(heldFrom.keySet());
  }

  private void resumeHeld() {
    if (heldUntil.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    List<TopicPartition> due = new ArrayList<>();
    heldUntil.forEach(
        (partition, until) -> {
          if (!now.isBefore(until)) {
            due.add(partition);
          }
        });
    due.forEach(heldUntil::remove);
    due.retainAll(consumer.assignment());
    consumer.resume(due);
  }

  private Duration pollTimeout() {
    Duration timeout = LoopSpec.IDLE_POLL;
    if (spec.ticks()) {
      timeout = shorter(timeout, Duration.between(Instant.now(), nextTick));
    }
    for (Instant until : heldUntil.values()) {
      timeout = shorter(timeout, Duration.between(Instant.now(), until));
    }
    return timeout.isNegative() ? Duration.ZERO : timeout;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** onAssigned for newly assigned partitions, or for all of them after an aborted round. */
  private List<ProducerRecord<byte[], byte[]>> runOnAssigned() {
    Set<Integer> partitions;
    if (rebuildAll) {
      partitions = partitionNumbers(consumer.assignment());
    } else if (!newlyAssigned.isEmpty()) {
      partitions = new TreeSet<>(newlyAssigned);
    } else {
      return List.of();
    }
    List<ProducerRecord<byte[], byte[]>> outputs =
        partitions.isEmpty()
            ? List.of()
            : toRecords(spec.onAssigned().apply(Collections.unmodifiableSet(partitions)));
    rebuildAll = false;
    newlyAssigned.clear();
    return outputs;
  }

  /**
   * Aborting does not rewind the consumer: seek back to the committed offsets, or the aborted input
   * would be skipped.
   */
  private void undoRound() {
    if (inTransaction) {
      producer.abortTransaction();
      inTransaction = false;
    }
    Set<TopicPartition> assignment = consumer.assignment();
    if (!assignment.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
      List<TopicPartition> neverCommitted = new ArrayList<>();
      for (TopicPartition partition : assignment) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          neverCommitted.add(partition);
        } else {
          consumer.seek(partition, offset);
        }
      }
      consumer.seekToBeginning(neverCommitted);
    }
    rebuildAll = true;
    newlyAssigned.clear();
  }

  private List<ProducerRecord<byte[], byte[]>> toRecords(List<Outgoing<?>> outputs) {
    if (outputs == null || outputs.isEmpty()) {
      return List.of();
    }
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(outputs.size());
    outputs.forEach(output -> records.add(codec.toRecord(output)));
    return records;
  }

  /**
   * The offsets to commit: past the last polled record of each partition, or at its held record
   * when one was held; none for a partition held at its first polled record, as nothing of it was
   * taken.
   */
  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> heldFrom) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
      Long held = heldFrom.get(partition);
      if (held == null) {
        ConsumerRecord<byte[], byte[]> last = inPartition.get(inPartition.size() - 1);
        offsets.put(partition, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
      } else if (held > inPartition.get(0).offset()) {
        offsets.put(partition, new OffsetAndMetadata(held));
      }
    }
    return offsets;
  }

  private static SortedSet<Integer> partitionNumbers(Collection<TopicPartition> partitions) {
    SortedSet<Integer> numbers = new TreeSet<>();
    partitions.forEach(partition -> numbers.add(partition.partition()));
    return numbers;
  }

  private boolean stopped() {
    return stopping.getCount() == 0;
  }

  /** Called inside poll(), on the loop thread. */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        log.info("Group {} assigned {}", spec.groupId(), partitions);
      }
      newlyAssigned.addAll(partitionNumbers(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.info("Group {} revoked {}", spec.groupId(), partitions);
      Set<Integer> numbers = partitionNumbers(partitions);
      newlyAssigned.removeAll(numbers);
      partitions.forEach(heldUntil::remove);
      try {
        spec.onRevoked().accept(Collections.unmodifiableSet(new HashSet<>(numbers)));
      } catch (RuntimeException e) {
        log.error("onRevoked of group {} failed for {}", spec.groupId(), numbers, e);
      }
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
