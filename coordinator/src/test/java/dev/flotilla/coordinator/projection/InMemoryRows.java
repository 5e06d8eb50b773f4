package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.coordinator.projection.RowChange.AddAudit;
import dev.flotilla.coordinator.projection.RowChange.AddHistory;
import dev.flotilla.coordinator.projection.RowChange.PutDevice;
import dev.flotilla.coordinator.projection.RowChange.PutRehearsal;
import dev.flotilla.coordinator.projection.RowChange.PutRollout;
import dev.flotilla.coordinator.projection.RowChange.PutWave;
import dev.flotilla.coordinator.saga.SagaScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The projection's tables as maps, to run the pure fold without a database. */
final class InMemoryRows implements ProjectedRows {
  final Map<String, RolloutRow> rollouts = new LinkedHashMap<>();
  final Map<String, RolloutDeviceRow> devices = new LinkedHashMap<>();
  final Map<String, WaveRow> waves = new LinkedHashMap<>();
  final Map<String, RehearsalRow> rehearsals = new LinkedHashMap<>();
  final List<DeviceHistoryRow> history = new ArrayList<>();
  final List<AuditRow> audit = new ArrayList<>();
  private final ProjectionFold fold = new ProjectionFold(new MessageCodec());

  static InMemoryRows after(List<RolloutEvent> events) {
    InMemoryRows rows = new InMemoryRows();
    events.forEach(rows::apply);
    return rows;
  }

  List<RowChange> apply(RolloutEvent event) {
    List<RowChange> changes = fold.changes(event, this);
    for (RowChange change : changes) {
      if (change instanceof PutRollout put) {
        rollouts.put(put.row().rolloutId(), put.row());
      } else if (change instanceof PutDevice put) {
        devices.put(put.row().rolloutId() + "/" + put.row().deviceId(), put.row());
      } else if (change instanceof PutWave put) {
        waves.put(put.row().rolloutId() + "/" + put.row().wave(), put.row());
      } else if (change instanceof PutRehearsal put) {
        rehearsals.put(put.row().rolloutId() + "/" + put.row().deviceId(), put.row());
      } else if (change instanceof AddHistory add) {
        history.add(add.row());
      } else if (change instanceof AddAudit add) {
        audit.add(add.row());
      }
    }
    return changes;
  }

  RolloutRow rollout(SagaScenario scenario) {
    return rollouts.get(scenario.state.rolloutId().value());
  }

  RolloutDeviceRow device(SagaScenario scenario, String device) {
    return devices.get(scenario.state.rolloutId().value() + "/" + device);
  }

  @Override
  public Optional<RolloutRow> rollout(String rolloutId) {
    return Optional.ofNullable(rollouts.get(rolloutId));
  }

  @Override
  public Optional<RolloutDeviceRow> device(String rolloutId, String deviceId) {
    return Optional.ofNullable(devices.get(rolloutId + "/" + deviceId));
  }

  @Override
  public Optional<WaveRow> wave(String rolloutId, int wave) {
    return Optional.ofNullable(waves.get(rolloutId + "/" + wave));
  }
}
