package dev.flotilla.coordinator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.EventChain;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.request.BackupChoice;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.coordinator.saga.DeviceSaga;
import dev.flotilla.coordinator.saga.RolloutStanding;
import dev.flotilla.coordinator.saga.RolloutState;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The state of a partition's rollouts as JSON, for snapshots. Messages inside the state keep the
 * wire format of {@link MessageCodec}; a rollout that has ended keeps only what still matters (its
 * status and last sequence number), so snapshots stay small however long the log grows.
 */
final class SnapshotCodec {
  private final ObjectMapper json =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private final MessageCodec codec;

  SnapshotCodec(MessageCodec codec) {
    this.codec = codec;
  }

  /**
   * The snapshot of one partition: its rollouts as of the events before {@code nextOffset}, and the
   * last link of each one's event chain (null in snapshots made before the chains).
   */
  record PartitionSnapshot(
      long nextOffset, List<RolloutSnapshot> rollouts, Map<String, String> heads) {}

  record RolloutSnapshot(
      String rolloutId,
      RolloutStanding standing,
      long lastSequence,
      String migrationSet,
      VersionId targetVersion,
      RolloutPolicy policy,
      List<String> devices,
      List<SagaSnapshot> sagas,
      int started,
      int inFlight,
      int deferred,
      RolloutCounts counts,
      int waveLimit,
      int acceptedFailures,
      BackupChoice restore,
      String requestedBy) {}

  record SagaSnapshot(
      String deviceId,
      DeviceStage stage,
      String pending,
      int dispatches,
      VersionId sourceVersion,
      String backup,
      List<String> problems,
      int deferrals,
      Instant firstDeferredAt,
      Instant retryAt,
      Step retryStep) {}

  String encode(long nextOffset, List<RolloutState> rollouts, Map<RolloutId, String> heads) {
    List<RolloutSnapshot> out = new ArrayList<>(rollouts.size());
    for (RolloutState state : rollouts) {
      out.add(state.running() ? full(state) : ended(state));
    }
    Map<String, String> links = new TreeMap<>();
    heads.forEach((rollout, head) -> links.put(rollout.value(), head));
    try {
      return json.writeValueAsString(new PartitionSnapshot(nextOffset, out, links));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of an event as the log holds it: the last link of its rollout's chain. */
  String hashOf(RolloutEvent event) {
    return EventChain.sha256(codec.encode(event));
  }

  PartitionSnapshot decode(String text) {
    try {
      return json.readValue(text, PartitionSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  RolloutState state(RolloutSnapshot s) {
    RolloutId id = RolloutId.of(s.rolloutId());
    if (s.policy() == null) {
      RolloutState initial = RolloutState.initial(id);
      return new RolloutState(
          id,
          s.standing(),
          s.lastSequence(),
          null,
          VersionId.ZERO,
          null,
          List.of(),
          initial.sagas(),
          0,
          0,
          0,
          s.counts(),
          0,
          0,
          null,
          null);
    }
    PMap<DeviceId, DeviceSaga> sagas = HashTreePMap.empty();
    for (SagaSnapshot saga : s.sagas()) {
      DeviceId device = DeviceId.of(saga.deviceId());
      sagas =
          sagas.plus(
              device,
              new DeviceSaga(
                  device,
                  saga.stage(),
                  saga.pending() == null ? null : codec.decode(saga.pending(), WorkerCommand.class),
                  saga.dispatches(),
                  saga.sourceVersion(),
                  saga.backup() == null ? null : codec.decode(saga.backup(), BackupCompleted.class),
                  saga.problems(),
                  saga.deferrals(),
                  saga.firstDeferredAt(),
                  saga.retryAt(),
                  saga.retryStep()));
    }
    return new RolloutState(
        id,
        s.standing(),
        s.lastSequence(),
        s.migrationSet() == null ? null : MigrationSetId.of(s.migrationSet()),
        s.targetVersion(),
        s.policy(),
        s.devices().stream().map(DeviceId::of).toList(),
        sagas,
        s.started(),
        s.inFlight(),
        s.deferred(),
        s.counts(),
        s.waveLimit(),
        s.acceptedFailures(),
        s.restore(),
        s.requestedBy());
  }

  private RolloutSnapshot full(RolloutState state) {
    List<SagaSnapshot> sagas = new ArrayList<>(state.devices().size());
    for (DeviceId device : state.devices()) {
      DeviceSaga saga = state.sagas().get(device);
      sagas.add(
          new SagaSnapshot(
              device.value(),
              saga.stage(),
              saga.pending() == null ? null : codec.encodeToString(saga.pending()),
              saga.dispatches(),
              saga.sourceVersion(),
              saga.backup() == null ? null : codec.encodeToString(saga.backup()),
              saga.problems(),
              saga.deferrals(),
              saga.firstDeferredAt(),
              saga.retryAt(),
              saga.retryStep()));
    }
    return new RolloutSnapshot(
        state.rolloutId().value(),
        state.standing(),
        state.lastSequence(),
        state.migrationSet() == null ? null : state.migrationSet().value(),
        state.targetVersion(),
        state.policy(),
        state.devices().stream().map(DeviceId::value).toList(),
        sagas,
        state.started(),
        state.inFlight(),
        state.deferred(),
        state.counts(),
        state.waveLimit(),
        state.acceptedFailures(),
        state.restore(),
        state.requestedBy());
  }

  private static RolloutSnapshot ended(RolloutState state) {
    return new RolloutSnapshot(
        state.rolloutId().value(),
        state.standing(),
        state.lastSequence(),
        null,
        VersionId.ZERO,
        null,
        List.of(),
        List.of(),
        0,
        0,
        0,
        state.counts(),
        0,
        0,
        null,
        null);
  }
}
