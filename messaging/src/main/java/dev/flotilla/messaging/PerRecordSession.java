package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.messaging.RecordProcessor.Handled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loop session for long work (see {@link TransactionalLoop.Builder#forDeviceWork}): the loop
 * thread keeps polling while the handler works on other threads, and commits each record's outputs,
 * with its offset, in a transaction of their own as soon as the record is finished. A slow record
 * holds back only the later records of its own key; offsets stay exact through {@link
 * InFlightOffsets}.
 *
 * <ul>
 *   <li>At most {@code parallelism} records are taken in at once: the assigned partitions pause
 *       while that many are unfinished, and the loop thread goes on polling, so the member stays in
 *       its group however long a record takes.
 *   <li>A handler that throws stops the session from starting more records (the later records of
 *       its key never start); once nothing runs, the session goes back to the committed offsets
 *       after a growing pause and reads on from there, skipping what was finished.
 *   <li>A failed commit drops every result not yet committed, and goes back the same way.
 *   <li>Before its partitions are revoked, and before it closes, the session lets what runs end and
 *       commits it: two instances never work on one record at the same time.
 * </ul>
 */
final class PerRecordSession implements TransactionalLoop.Session {
  private static final Logger log = LoggerFactory.getLogger(PerRecordSession.class);

  /**
   * How long a poll may block while records are being handled and more could be taken in: how late
   * a finished reply may go. (When no more can be taken in, the session waits for the first to
   * finish instead.)
   */
  private static final Duration BUSY_POLL = Duration.ofMillis(20);

  /** What became of one record given to the handler. */
  private sealed interface Outcome permits Finished, Failed, Abandoned {}

  private record Finished(TopicPartition partition, long offset, Handled handled)
      implements Outcome {}

  private record Failed(TopicPartition partition, long offset, Throwable error)
      implements Outcome {}

  /** Not started, because the session stopped starting records: read again later. */
  private record Abandoned() implements Outcome {}

  private final LoopSpec spec;
  private final RecordProcessor processor;
  private final Backoff backoff;
  private final CountDownLatch stopping;
  private final LoopClients clients;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KeyedExecutor executor;
  private final InFlightOffsets offsets = new InFlightOffsets();
  private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

  /** Finished records (and dead letters) not committed yet. */
  private final List<Finished> toCommit = new ArrayList<>();

  /** Records given to the executor whose outcome the loop thread has not taken yet. */
  private int handling;

  /** False after a failure, until the session has gone back to the committed offsets. */
  private volatile boolean admitting = true;

  /** A commit failed: results are dropped until the session has gone back. */
  private boolean discarding;

  PerRecordSession(
      LoopSpec spec,
      RecordProcessor processor,
      Backoff backoff,
      CountDownLatch stopping,
      String clientId,
      LoopHealth health) {
    this.spec = spec;
    this.processor = processor;
    this.backoff = backoff;
    this.stopping = stopping;
    this.clients = new LoopClients(spec, clientId, health);
    this.consumer = clients.consumer;
    this.producer = clients.producer;
    this.executor = new KeyedExecutor(spec.parallelism(), "flotilla-handler-" + spec.groupId());
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void run() throws Exception {
    producer.initTransactions();
    consumer.subscribe(spec.topics().stream().map(Topic::name).toList(), new Rebalances());
    while (!stopped()) {
      try {
        runRound();
      } catch (WakeupException e) {
        // Only close() wakes the consumer: the loop condition ends the session.
      } catch (Exception e) {
        if (Fencing.isFenced(e) || stopped()) {
          throw e;
        }
        log.warn(
            "Commit of group {} failed; going back to the committed offsets", spec.groupId(), e);
        dropUncommitted();
      }
    }
  }

  private void runRound() throws Exception {
    if (!admitting && handling == 0) {
      goBackToCommitted();
    }
    boolean full = pauseWhenFull();
    ConsumerRecords<byte[], byte[]> polled;
    if (full && handling > 0) {
      // Nothing new can be read: wait for the first record to finish, not for a poll to time out,
      // so its reply is committed (and its place taken) at once. The poll keeps the member alive.
      Outcome first = outcomes.poll(BUSY_POLL.toMillis(), TimeUnit.MILLISECONDS);
      if (first != null) {
        collect(first);
      }
      polled = consumer.poll(Duration.ZERO);
    } else {
      polled = consumer.poll(handling > 0 ? BUSY_POLL : LoopSpec.IDLE_POLL);
    }
    clients.polled();
    polled.forEach(this::takeIn);
    for (Outcome outcome; (outcome = outcomes.poll()) != null; ) {
      collect(outcome);
    }
    commit();
  }

  private void takeIn(ConsumerRecord<byte[], byte[]> record) {
    if (!admitting) {
      return; // read again once the session has gone back to the committed offsets
    }
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (!offsets.take(partition, record.offset())) {
      return; // finished and committed before
    }
    RecordCodec.Decoded<?> decoded = processor.decode(record);
    if (decoded instanceof RecordCodec.Invalid<?> invalid) {
      finished(
          new Finished(partition, record.offset(), processor.deadLetter(record, invalid.reason())));
    } else if (decoded instanceof RecordCodec.Valid<?> valid) {
      Incoming<?> incoming = valid.incoming();
      handling++;
      executor.submit(
          incoming.key(), () -> outcomes.add(work(partition, record.offset(), incoming, record)));
    }
  }

  /** On a handler thread. */
  private Outcome work(
      TopicPartition partition,
      long offset,
      Incoming<?> incoming,
      ConsumerRecord<byte[], byte[]> record) {
    if (!admitting) {
      return new Abandoned();
    }
    try {
      return new Finished(partition, offset, processor.handle(incoming, record));
    } catch (Exception | Error e) {
      // Set here, before the next record of this key can start: it must not overtake this one.
      admitting = false;
      return new Failed(partition, offset, e);
    }
  }

  private void collect(Outcome outcome) {
    handling--;
    if (outcome instanceof Finished done) {
      finished(done);
    } else if (outcome instanceof Failed failed) {
      if (failed.error() instanceof Error error) {
        throw error; // ends the loop, and the process: see TransactionalLoop
      }
      log.warn(
          "Handling {}@{} (group {}) failed; it is read again",
          failed.partition(),
          failed.offset(),
          spec.groupId(),
          failed.error());
    }
  }

  private void finished(Finished done) {
    if (!discarding) {
      offsets.finish(done.partition(), done.offset());
      toCommit.add(done);
    }
  }

  /** The finished records' outputs and the offsets that now cover them, in one transaction. */
  private void commit() {
    if (toCommit.isEmpty() || discarding) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> commitPoints = new HashMap<>();
    producer.beginTransaction();
    for (Finished done : toCommit) {
      done.handled().sendWith(producer);
      commitPoints.put(done.partition(), offsets.commitPoint(done.partition()));
    }
    producer.sendOffsetsToTransaction(commitPoints, consumer.groupMetadata());
    producer.commitTransaction();
    toCommit.clear();
    backoff.reset();
  }

  private void dropUncommitted() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      // No transaction was open, or the producer cannot abort: going back covers both.
    }
    toCommit.clear();
    discarding = true;
    admitting = false;
  }

  /**
   * With nothing running: reads every assigned partition again from its committed offset, skipping
   * the records committed past it, after a growing pause.
   */
  private void goBackToCommitted() throws InterruptedException {
    toCommit.clear();
    Set<TopicPartition> assignment = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
    List<TopicPartition> neverCommitted = new ArrayList<>();
    for (TopicPartition partition : assignment) {
      OffsetAndMetadata offset = committed.get(partition);
      offsets.resume(partition, offset);
      if (offset == null) {
        neverCommitted.add(partition);
      } else {
        consumer.seek(partition, offset);
      }
    }
    consumer.seekToBeginning(neverCommitted);
    discarding = false;
    Duration delay = backoff.next();
    stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    admitting = true;
  }

  /** Returns whether the session is full: as many records unfinished as it may handle at once. */
  private boolean pauseWhenFull() {
    boolean full = offsets.unfinished() >= spec.parallelism();
    if (!admitting || full) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    return full;
  }

  /**
   * Stops starting records, waits for those running, and commits what finished (or, with {@code
   * commit} false, drops it).
   */
  private void settle(boolean commit) {
    admitting = false;
    while (handling > 0) {
      try {
        Outcome outcome = outcomes.poll(1, TimeUnit.SECONDS);
        if (outcome != null) {
          collect(outcome);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!commit) {
      toCommit.clear();
      return;
    }
    try {
      commit();
    } catch (RuntimeException e) {
      log.warn(
          "Could not commit the last results of group {}; they are handled again: {}",
          spec.groupId(),
          e.toString());
      dropUncommitted();
    }
  }

  private boolean stopped() {
    return stopping.getCount() == 0;
  }

  /** Called inside poll(), on the loop thread. */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.info("Group {} revoked {}", spec.groupId(), partitions);
      // The next owner starts from what is committed here: let the running records end first.
      settle(true);
      partitions.forEach(offsets::forget);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn("Group {} lost {}", spec.groupId(), partitions);
      settle(false);
      partitions.forEach(offsets::forget);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        log.info("Group {} assigned {}", spec.groupId(), partitions);
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      partitions.forEach(partition -> offsets.resume(partition, committed.get(partition)));
      if (handling == 0 && consumer.assignment().equals(Set.copyOf(partitions))) {
        // Every partition starts afresh from what is committed: nothing of a failure is left.
        discarding = false;
        admitting = true;
      }
    }
  }

  @Override
  public void close() {
    try {
      settle(true);
    } finally {
      executor.close();
      clients.close();
    }
  }
}
