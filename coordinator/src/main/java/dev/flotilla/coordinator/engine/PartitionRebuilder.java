package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.RolloutDecider;
import dev.flotilla.coordinator.saga.RolloutState;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.PartitionReplay;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
