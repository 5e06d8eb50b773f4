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
  Map<Integer, Map<RolloutId, RolloutState>> rebuildAndSnapshot(Collection<Integer> partitions) {
    Map<Integer, Map<RolloutId, RolloutState>> rebuilt = new TreeMap<>();
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
      Map<Integer, Future<Map<RolloutId, RolloutState>>> pending = new TreeMap<>();
      partitions.forEach(
          partition -> pending.put(partition, pool.submit(() -> rebuildAndSnapshot(partition))));
      for (Map.Entry<Integer, Future<Map<RolloutId, RolloutState>>> entry : pending.entrySet()) {
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

  Map<RolloutId, RolloutState> rebuildAndSnapshot(int partition) {
    Map<RolloutId, RolloutState> rollouts = new HashMap<>();
    long from = loadSnapshot(partition, rollouts);
    long end;
    try {
      end = replay(partition, from, rollouts);
    } catch (SequenceGapException e) {
      LOG.warn(
          "snapshot of partition {} does not fit the log ({}); replaying it all",
          partition,
          e.getMessage());
      rollouts.clear();
      end = replay(partition, 0, rollouts);
    }
    long next = end;
    snapshots.ifPresent(
        store ->
            store.save(
                partition,
                codec.encode(next, java.util.List.copyOf(rollouts.values())),
                clock.instant()));
    return rollouts;
  }

  private long loadSnapshot(int partition, Map<RolloutId, RolloutState> rollouts) {
    if (snapshots.isEmpty()) {
      return 0;
    }
    try {
      Optional<String> body = snapshots.get().load(partition);
      if (body.isEmpty()) {
        return 0;
      }
      SnapshotCodec.PartitionSnapshot snapshot = codec.decode(body.get());
      for (SnapshotCodec.RolloutSnapshot rollout : snapshot.rollouts()) {
        RolloutState state = codec.state(rollout);
        rollouts.put(state.rolloutId(), state);
      }
      return snapshot.nextOffset();
    } catch (RuntimeException e) {
      LOG.warn(
          "snapshot of partition {} is unreadable ({}); replaying it all", partition, e.toString());
      rollouts.clear();
      return 0;
    }
  }

  private long replay(int partition, long from, Map<RolloutId, RolloutState> rollouts) {
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
            });
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
