package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.RolloutDecider;
import dev.flotilla.coordinator.saga.RolloutState;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.PartitionReplay;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the rollouts of one partition from its last snapshot plus the events after it, then
 * saves a new snapshot. Everything it folds comes from the committed log, so a snapshot is always a
 * state the log really had. Events the snapshot already holds are recognised by their per-rollout
 * sequence numbers; a gap means the snapshot cannot be trusted, and the partition is replayed from
 * its start instead.
 */
final class PartitionRebuilder {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionRebuilder.class);

  /**
   * The rollouts of a partition, and the last link of each one's event chain (the SHA-256 of its
   * last event), which the next event written names.
   */
  record Rebuilt(Map<RolloutId, RolloutState> rollouts, Map<RolloutId, String> heads) {}

  private final KafkaSettings kafka;
  private final Optional<SnapshotStore> snapshots;
  private final SnapshotCodec codec;
  private final Clock clock;

  PartitionRebuilder(
      KafkaSettings kafka, Optional<SnapshotStore> snapshots, SnapshotCodec codec, Clock clock) {
    this.kafka = kafka;
    this.snapshots = snapshots;
    this.codec = codec;
    this.clock = clock;
  }

  /**
   * Rebuilds several partitions at once, one thread per core at most: each reads its own slice of
   * the log with its own consumer, so a restart that owns six partitions does not read them one
   * after the other.
   *
   * @return the rollouts of each partition
   */
  Map<Integer, Rebuilt> rebuildAndSnapshot(Collection<Integer> partitions) {
    Map<Integer, Rebuilt> rebuilt = new TreeMap<>();
    if (partitions.size() <= 1) {
      partitions.forEach(partition -> rebuilt.put(partition, rebuildAndSnapshot(partition)));
      return rebuilt;
    }
    int threads = Math.min(partitions.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "flotilla-rebuild");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Map<Integer, Future<Rebuilt>> pending = new TreeMap<>();
      partitions.forEach(
          partition -> pending.put(partition, pool.submit(() -> rebuildAndSnapshot(partition))));
      for (Map.Entry<Integer, Future<Rebuilt>> entry : pending.entrySet()) {
        rebuilt.put(entry.getKey(), entry.getValue().get());
      }
      return rebuilt;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("rebuilding partitions " + partitions + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rebuilding " + partitions, e);
    } finally {
      pool.shutdownNow();
    }
  }

  Rebuilt rebuildAndSnapshot(int partition) {
    Rebuilt rebuilt = new Rebuilt(new HashMap<>(), new HashMap<>());
    long from = loadSnapshot(partition, rebuilt);
    long end;
    try {
      end = replay(partition, from, rebuilt);
    } catch (SequenceGapException e) {
      LOG.warn(
          "snapshot of partition {} does not fit the log ({}); replaying it all",
          partition,
          e.getMessage());
      rebuilt.rollouts().clear();
      rebuilt.heads().clear();
      end = replay(partition, 0, rebuilt);
    }
    long next = end;
    snapshots.ifPresent(
        store ->
            store.save(
                partition,
                codec.encode(next, List.copyOf(rebuilt.rollouts().values()), rebuilt.heads()),
                clock.instant()));
    return rebuilt;
  }

  private long loadSnapshot(int partition, Rebuilt rebuilt) {
    if (snapshots.isEmpty()) {
      return 0;
    }
    try {
      Optional<String> body = snapshots.get().load(partition);
      if (body.isEmpty()) {
        return 0;
      }
      SnapshotCodec.PartitionSnapshot snapshot = codec.decode(body.get());
      if (snapshot.heads() == null && !snapshot.rollouts().isEmpty()) {
        LOG.info(
            "snapshot of partition {} predates the events' hash chains; replaying it all",
            partition);
        return 0;
      }
      for (SnapshotCodec.RolloutSnapshot rollout : snapshot.rollouts()) {
        RolloutState state = codec.state(rollout);
        rebuilt.rollouts().put(state.rolloutId(), state);
      }
      if (snapshot.heads() != null) {
        snapshot.heads().forEach((id, head) -> rebuilt.heads().put(RolloutId.of(id), head));
      }
      return snapshot.nextOffset();
    } catch (RuntimeException e) {
      LOG.warn(
          "snapshot of partition {} is unreadable ({}); replaying it all", partition, e.toString());
      rebuilt.rollouts().clear();
      rebuilt.heads().clear();
      return 0;
    }
  }

  /**
   * Folds the events from {@code from} on; the last event of each rollout read is hashed once, at
   * the end, as its chain's last link.
   */
  private long replay(int partition, long from, Rebuilt rebuilt) {
    Map<RolloutId, RolloutState> rollouts = rebuilt.rollouts();
    Map<RolloutId, RolloutEvent> lastRead = new HashMap<>();
    long next =
        PartitionReplay.read(
            kafka,
            Topics.EVENTS,
            partition,
            from,
            record -> {
              RolloutEvent event = record.value();
              RolloutState state =
                  rollouts.getOrDefault(event.rolloutId(), RolloutState.initial(event.rolloutId()));
              if (event.sequence() <= state.lastSequence()) {
                return; // already in the snapshot
              }
              if (event.sequence() != state.lastSequence() + 1) {
                throw new SequenceGapException(event, state);
              }
              rollouts.put(event.rolloutId(), RolloutDecider.evolve(state, event));
              lastRead.put(event.rolloutId(), event);
            },
            // Not an event of a rollout (the poison guard dead-letters it): skipped. Were it one,
            // the rollout's next event would show the gap in its sequence, and stop the rebuild.
            (offset, reason) ->
                LOG.warn(
                    "skipping {}-{}@{}, which is no event: {}",
                    Topics.EVENTS.name(),
                    partition,
                    offset,
                    reason));
    lastRead.forEach((rollout, event) -> rebuilt.heads().put(rollout, codec.hashOf(event)));
    LOG.info("replayed {}-{} from offset {} to {}", Topics.EVENTS.name(), partition, from, next);
    return next;
  }

  /** An event that does not follow the state it should extend. */
  private static final class SequenceGapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SequenceGapException(RolloutEvent event, RolloutState state) {
      super(
          event.rolloutId()
              + " jumps from sequence "
              + state.lastSequence()
              + " to "
              + event.sequence());
    }
  }
}
