package dev.flotilla.coordinator.projection;

import dev.flotilla.coordinator.projection.RowChange.AddAudit;
import dev.flotilla.coordinator.projection.RowChange.AddHistory;
import dev.flotilla.coordinator.projection.RowChange.PutDevice;
import dev.flotilla.coordinator.projection.RowChange.PutRehearsal;
import dev.flotilla.coordinator.projection.RowChange.PutRollout;
import dev.flotilla.coordinator.projection.RowChange.PutWave;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows as one batch of events leaves them, before they are written. Reads see the batch's own
 * changes first and go to the store only for rows the batch has not met yet; each changed row is
 * written once at the end, however many events changed it. A rollout's row changes with nearly
 * every one of its events, so a batch of a busy rollout writes it once instead of hundreds of
 * times.
 */
final class BatchRows implements ProjectedRows {
  private record DeviceKey(String rolloutId, String deviceId) {}

  private record WaveKey(String rolloutId, int wave) {}

  private final ProjectedRows stored;
  private final Map<String, Optional<RolloutRow>> rollouts = new HashMap<>();
  private final Map<DeviceKey, Optional<RolloutDeviceRow>> devices = new HashMap<>();
  private final Map<WaveKey, Optional<WaveRow>> waves = new HashMap<>();
  private final Map<String, RolloutRow> changedRollouts = new LinkedHashMap<>();
  private final Map<DeviceKey, RolloutDeviceRow> changedDevices = new LinkedHashMap<>();
  private final Map<WaveKey, WaveRow> changedWaves = new LinkedHashMap<>();
  private final Map<DeviceKey, RehearsalRow> rehearsals = new LinkedHashMap<>();
  private final List<DeviceHistoryRow> history = new ArrayList<>();
  private final List<AuditRow> audit = new ArrayList<>();

  BatchRows(ProjectedRows stored) {
    this.stored = stored;
  }

  @Override
  public Optional<RolloutRow> rollout(String rolloutId) {
    return rollouts.computeIfAbsent(rolloutId, stored::rollout);
  }

  @Override
  public Optional<RolloutDeviceRow> device(String rolloutId, String deviceId) {
    return devices.computeIfAbsent(
        new DeviceKey(rolloutId, deviceId), key -> stored.device(rolloutId, deviceId));
  }

  @Override
  public Optional<WaveRow> wave(String rolloutId, int wave) {
    return waves.computeIfAbsent(new WaveKey(rolloutId, wave), key -> stored.wave(rolloutId, wave));
  }

  void add(RowChange change) {
    if (change instanceof PutRollout put) {
      RolloutRow row = put.row();
      rollouts.put(row.rolloutId(), Optional.of(row));
      changedRollouts.put(row.rolloutId(), row);
    } else if (change instanceof PutDevice put) {
      RolloutDeviceRow row = put.row();
      DeviceKey key = new DeviceKey(row.rolloutId(), row.deviceId());
      devices.put(key, Optional.of(row));
      changedDevices.put(key, row);
    } else if (change instanceof PutWave put) {
      WaveRow row = put.row();
      WaveKey key = new WaveKey(row.rolloutId(), row.wave());
      waves.put(key, Optional.of(row));
      changedWaves.put(key, row);
    } else if (change instanceof PutRehearsal put) {
      RehearsalRow row = put.row();
      rehearsals.put(new DeviceKey(row.rolloutId(), row.deviceId()), row);
    } else if (change instanceof AddHistory add) {
      history.add(add.row());
    } else if (change instanceof AddAudit add) {
      audit.add(add.row());
    }
  }

  /** Rollouts first: waves and devices refer to them. */
  void writeTo(Connection connection) throws SQLException {
    RowStatements.putRollouts(connection, changedRollouts.values());
    RowStatements.putWaves(connection, changedWaves.values());
    RowStatements.putDevices(connection, changedDevices.values());
    RowStatements.putRehearsals(connection, rehearsals.values());
    RowStatements.addHistory(connection, history);
    RowStatements.addAudit(connection, audit);
  }

  /** Once the batch's transaction has committed: the rows it changed are the file's now. */
  void committedTo(RowCache cache) {
    cache.committed(changedRollouts.values(), changedDevices.values(), changedWaves.values());
  }
}
