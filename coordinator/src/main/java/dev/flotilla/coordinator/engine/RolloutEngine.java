package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.RolloutAdmitted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.DeviceSaga;
import dev.flotilla.coordinator.saga.RolloutDecider;
import dev.flotilla.coordinator.saga.RolloutInput;
import dev.flotilla.coordinator.saga.RolloutState;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KeyPartitions;
import dev.flotilla.messaging.Outgoing;
import dev.flotilla.messaging.SagaTraces;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the state of the rollouts on the partitions this instance owns and turns each input into
 * the events and worker commands to produce. Called only from the transactional loop's thread; the
 * loop writes what it returns in one Kafka transaction with the input offsets.
 */
final class RolloutEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);

  private final RetryMeter retries = new RetryMeter(Metrics.globalRegistry);

  /**
   * The one partition of {@code flotilla.admissions} goes with partition 0 of the rollout inputs
   * (Kafka's range assignor), and the loop names partitions by number.
   */
  private static final int ADMISSIONS_PARTITION = 0;

  private final Map<RolloutId, RolloutState> rollouts = new HashMap<>();
  private final Map<RolloutId, Integer> partitionOf = new HashMap<>();

  /** Read by the snapshot refresher's thread too. */
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

  /** Events written per partition since its snapshot was last refreshed; read by the refresher. */
  private final Map<Integer, LongAdder> eventsSinceSnapshot = new ConcurrentHashMap<>();

  private final PartitionRebuilder rebuilder;
  private final Admissions admissions;
  private final EventLinks links;
  private final KeyPartitions partitions;
  private final Clock clock;

  RolloutEngine(
      PartitionRebuilder rebuilder,
      Admissions admissions,
      EventLinks links,
      KeyPartitions partitions,
      Clock clock) {
    this.rebuilder = rebuilder;
    this.admissions = admissions;
    this.links = links;
    this.partitions = partitions;
    this.clock = clock;
  }

  List<Outgoing<?>> handle(Incoming<?> record) {
    if (record.topic().equals(Topics.ADMISSIONS)) {
      return admissions.handle((RolloutMessage) record.value());
    }
    RolloutId home = rolloutOf(record.value());
    if (record.partition() != partitions.partitionOf(home.value())) {
      // Published without the rollout id as its key, or by a client that hashes keys otherwise:
      // another instance may own this rollout. Send it on to the rollout's partition, in this
      // transaction, and let its owner decide; only that decision reaches the event log.
      LOG.debug("forwarding {} of rollout {} to its partition", record.topic().name(), home);
      return List.of(sameTopic(record));
    }
    partitionOf.put(home, record.partition());
    Object value = record.value();
    if (value instanceof RolloutAdmitted admitted) {
      return start(home, admitted.accepted());
    }
    boolean acceptedHere = rollouts.containsKey(home) && rollouts.get(home).standing().accepted();
    if (value instanceof RolloutMessage message && !acceptedHere) {
      // Judged where every request is, in one order: see Admissions.
      return List.of(Outgoing.to(Topics.ADMISSIONS, message));
    }
    if (value instanceof RolloutRequest) {
      return List.of(); // the rollout id is the request's idempotency key: seen again, no change
    }
    return decide(home, inputOf(value));
  }

  /** An acceptance written where requests are judged: fold it in, then start the first wave. */
  private List<Outgoing<?>> start(RolloutId rolloutId, RolloutAccepted accepted) {
    RolloutState state = rollouts.getOrDefault(rolloutId, RolloutState.initial(rolloutId));
    if (!state.standing().accepted()) {
      links.follow(accepted);
    }
    rollouts.put(rolloutId, RolloutDecider.admitted(state, accepted));
    return decide(rolloutId, new RolloutInput.Admitted(accepted));
  }

  private static RolloutInput inputOf(Object value) {
    if (value instanceof WorkerReply reply) {
      return new RolloutInput.Replied(reply);
    }
    return new RolloutInput.Controlled((ControlCommand) value);
  }

  private static RolloutId rolloutOf(Object value) {
    if (value instanceof RolloutRequest request) {
      return request.rolloutId();
    }
    if (value instanceof WorkerReply reply) {
      return reply.rolloutId();
    }
    if (value instanceof ControlCommand control) {
      return control.rolloutId();
    }
    throw new IllegalArgumentException("not a coordinator input: " + value.getClass());
  }

  /** The record again, on its topic, keyed (and so partitioned) by its rollout id. */
  private static <V> Outgoing<V> sameTopic(Incoming<V> record) {
    return Outgoing.to(record.topic(), record.value());
  }

  List<Outgoing<?>> tick(Instant now) {
    List<Outgoing<?>> out = new ArrayList<>();
    for (RolloutId rolloutId : List.copyOf(rollouts.keySet())) {
      if (rollouts.get(rolloutId).running()) {
        out.addAll(decide(rolloutId, new RolloutInput.Ticked()));
      }
    }
    return out;
  }

  /**
   * Rebuilds the rollouts of newly owned partitions from the log (from the last snapshot on, where
   * there is one), then re-issues their pending steps with the same command ids: a worker that
   * already did one replays its reply.
   */
  List<Outgoing<?>> assigned(Set<Integer> partitions) {
    revoked(partitions);
    if (partitions.contains(ADMISSIONS_PARTITION)) {
      admissions.reset();
    }
    owned.addAll(partitions);
    List<Outgoing<?>> reissued = new ArrayList<>();
    rebuilder
        .rebuildAndSnapshot(partitions)
        .forEach(
            (partition, rebuilt) -> {
              eventsSinceSnapshot.remove(partition);
              links.putAll(rebuilt.heads());
              rebuilt
                  .rollouts()
                  .forEach(
                      (rolloutId, state) -> {
                        rollouts.put(rolloutId, state);
                        partitionOf.put(rolloutId, partition);
                        for (DeviceSaga saga : state.sagas().values()) {
                          saga.pendingCommand()
                              .ifPresent(command -> reissued.add(commandOut(command)));
                        }
                      });
            });
    if (!reissued.isEmpty()) {
      LOG.info("re-issuing {} pending steps of partitions {}", reissued.size(), partitions);
    }
    return reissued;
  }

  Set<Integer> ownedPartitions() {
    return Set.copyOf(owned);
  }

  /**
   * The owned partitions whose snapshot lags the log by at least {@code events} events this
   * instance wrote (aborted ones included: it is a trigger, not a count to trust), or by any at all
   * when {@code orAny}; their counts start again from zero.
   */
  Set<Integer> takeLaggingSnapshots(long events, boolean orAny) {
    Set<Integer> lagging = new TreeSet<>();
    for (int partition : owned) {
      LongAdder written = eventsSinceSnapshot.get(partition);
      long count = written == null ? 0 : written.sum();
      if (count >= events || (orAny && count > 0)) {
        lagging.add(partition);
        written.reset();
      }
    }
    return lagging;
  }

  void revoked(Set<Integer> partitions) {
    if (partitions.contains(ADMISSIONS_PARTITION)) {
      admissions.reset();
    }
    owned.removeAll(partitions);
    partitionOf
        .entrySet()
        .removeIf(
            entry -> {
              if (partitions.contains(entry.getValue())) {
                rollouts.remove(entry.getKey());
                links.forget(Set.of(entry.getKey()));
                return true;
              }
              return false;
            });
  }

  private List<Outgoing<?>> decide(RolloutId rolloutId, RolloutInput input) {
    RolloutState state = rollouts.getOrDefault(rolloutId, RolloutState.initial(rolloutId));
    List<RolloutEvent> events = RolloutDecider.decide(input, state, clock.instant());
    List<Outgoing<?>> out = new ArrayList<>(events.size() * 2);
    Integer partition = partitionOf.get(rolloutId);
    if (partition != null && !events.isEmpty()) {
      eventsSinceSnapshot.computeIfAbsent(partition, p -> new LongAdder()).add(events.size());
    }
    for (RolloutEvent event : events) {
      state = RolloutDecider.evolve(state, event);
      retries.count(event);
      out.add(links.link(event));
      if (event instanceof StepDispatched dispatched && dispatched.sentOnItsOwn()) {
        out.add(commandOut(dispatched.command()));
      }
    }
    rollouts.put(rolloutId, state);
    return out;
  }

  /**
   * The command, carrying a span of its device's saga trace ({@link SagaTraces}): whichever reply
   * or tick led to it, the worker's span for it joins the device's trace.
   */
  private static Outgoing<WorkerCommand> commandOut(WorkerCommand command) {
    Span dispatch =
        SagaTraces.tracer()
            .spanBuilder("dispatch " + command.step().wireName())
            .setParent(SagaTraces.of(command.rolloutId(), command.deviceId()))
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(SagaTraces.ROLLOUT, command.rolloutId().value())
            .setAttribute(SagaTraces.DEVICE, command.deviceId().value())
            .setAttribute(SagaTraces.COMMAND, command.commandId().value())
            .setAttribute(SagaTraces.STEP, command.step().wireName())
            .startSpan();
    dispatch.end();
    return Outgoing.to(Topics.commands(command.step()), command)
        .withTrace(Context.root().with(dispatch));
  }
}
