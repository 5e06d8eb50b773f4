package dev.flotilla.coordinator.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * A batch's rows written with plain JDBC batches, one prepared statement per table per batch:
 * binding a row is a few setter calls, where binding it by reflection cost more than SQLite's own
 * work. Column types as {@link SqliteTypes} maps them: instants and versions as text, enums by
 * name, booleans as 0 or 1.
 */
final class RowStatements {
  private RowStatements() {}

  static void putRollouts(Connection connection, Iterable<RolloutRow> rows) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            """
            INSERT INTO rollouts (rollout_id, status, status_detail, migration_set, target_version,
              requested_by, dry_run, device_count, wave_count, current_wave, awaiting_wave, paused,
              halted, aborted, opened_at, accepted_at, finished_at, done, failed, rolled_back,
              skipped, needs_attention, rejection_reasons, last_sequence, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rollout_id) DO UPDATE SET status = excluded.status,
              status_detail = excluded.status_detail, migration_set = excluded.migration_set,
              target_version = excluded.target_version, requested_by = excluded.requested_by,
              dry_run = excluded.dry_run, device_count = excluded.device_count,
              wave_count = excluded.wave_count, current_wave = excluded.current_wave,
              awaiting_wave = excluded.awaiting_wave, paused = excluded.paused,
              halted = excluded.halted, aborted = excluded.aborted,
              opened_at = excluded.opened_at, accepted_at = excluded.accepted_at,
              finished_at = excluded.finished_at, done = excluded.done, failed = excluded.failed,
              rolled_back = excluded.rolled_back, skipped = excluded.skipped,
              needs_attention = excluded.needs_attention,
              rejection_reasons = excluded.rejection_reasons,
              last_sequence = excluded.last_sequence, updated_at = excluded.updated_at""")) {
      for (RolloutRow r : rows) {
        s.setString(1, r.rolloutId());
        s.setString(2, r.status().name());
        s.setString(3, r.statusDetail());
        s.setString(4, r.migrationSet());
        s.setString(5, r.targetVersion() == null ? null : r.targetVersion().toString());
        s.setString(6, r.requestedBy());
        s.setInt(7, r.dryRun() ? 1 : 0);
        s.setInt(8, r.deviceCount());
        s.setInt(9, r.waveCount());
        s.setInt(10, r.currentWave());
        s.setInt(11, r.awaitingWave());
        s.setInt(12, r.paused() ? 1 : 0);
        s.setInt(13, r.halted() ? 1 : 0);
        s.setInt(14, r.aborted() ? 1 : 0);
        instant(s, 15, r.openedAt());
        instant(s, 16, r.acceptedAt());
        instant(s, 17, r.finishedAt());
        s.setInt(18, r.done());
        s.setInt(19, r.failed());
        s.setInt(20, r.rolledBack());
        s.setInt(21, r.skipped());
        s.setInt(22, r.needsAttention());
        s.setString(23, r.rejectionReasons().toJson());
        s.setLong(24, r.lastSequence());
        instant(s, 25, r.updatedAt());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void putWaves(Connection connection, Iterable<WaveRow> rows) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            """
            INSERT INTO rollout_waves (rollout_id, wave, state, device_count, awaiting_since,
              approved_by, approved_at, started_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rollout_id, wave) DO UPDATE SET state = excluded.state,
              device_count = excluded.device_count, awaiting_since = excluded.awaiting_since,
              approved_by = excluded.approved_by, approved_at = excluded.approved_at,
              started_at = excluded.started_at""")) {
      for (WaveRow r : rows) {
        s.setString(1, r.rolloutId());
        s.setInt(2, r.wave());
        s.setString(3, r.state().name());
        s.setInt(4, r.deviceCount());
        instant(s, 5, r.awaitingSince());
        s.setString(6, r.approvedBy());
        instant(s, 7, r.approvedAt());
        instant(s, 8, r.startedAt());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void putDevices(Connection connection, Iterable<RolloutDeviceRow> rows)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            """
            INSERT INTO rollout_devices (rollout_id, device_id, stage, wave, version, backup_id,
              reasons, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rollout_id, device_id) DO UPDATE SET stage = excluded.stage,
              wave = excluded.wave, version = excluded.version, backup_id = excluded.backup_id,
              reasons = excluded.reasons, updated_at = excluded.updated_at""")) {
      for (RolloutDeviceRow r : rows) {
        s.setString(1, r.rolloutId());
        s.setString(2, r.deviceId());
        s.setString(3, r.stage().name());
        if (r.wave() == null) {
          s.setNull(4, Types.INTEGER);
        } else {
          s.setInt(4, r.wave());
        }
        s.setString(5, r.version() == null ? null : r.version().toString());
        s.setString(6, r.backupId());
        s.setString(7, r.reasons().toJson());
        instant(s, 8, r.updatedAt());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void putRehearsals(Connection connection, Iterable<RehearsalRow> rows)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            """
            INSERT INTO rehearsals (rollout_id, device_id, duration_millis, size_before_bytes,
              size_after_bytes, disk_needed_bytes)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (rollout_id, device_id) DO UPDATE SET
              duration_millis = excluded.duration_millis,
              size_before_bytes = excluded.size_before_bytes,
              size_after_bytes = excluded.size_after_bytes,
              disk_needed_bytes = excluded.disk_needed_bytes""")) {
      for (RehearsalRow r : rows) {
        s.setString(1, r.rolloutId());
        s.setString(2, r.deviceId());
        s.setLong(3, r.durationMillis());
        s.setLong(4, r.sizeBeforeBytes());
        s.setLong(5, r.sizeAfterBytes());
        s.setLong(6, r.diskNeededBytes());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  // Added rows are keyed by (rollout, sequence): one written before cannot be counted twice.
  static void addHistory(Connection connection, Iterable<DeviceHistoryRow> rows)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            """
            INSERT INTO device_history (rollout_id, sequence, device_id, occurred_at, event, step,
              result, version, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rollout_id, sequence) DO NOTHING""")) {
      for (DeviceHistoryRow r : rows) {
        s.setString(1, r.rolloutId());
        s.setLong(2, r.sequence());
        s.setString(3, r.deviceId());
        instant(s, 4, r.occurredAt());
        s.setString(5, r.event());
        s.setString(6, r.step());
        s.setString(7, r.result());
        s.setString(8, r.version() == null ? null : r.version().toString());
        s.setString(9, r.summary());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static void addAudit(Connection connection, Iterable<AuditRow> rows) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            """
            INSERT INTO audit_log (rollout_id, sequence, device_id, type, occurred_at,
              causation_id, summary, event_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rollout_id, sequence) DO NOTHING""")) {
      for (AuditRow r : rows) {
        s.setString(1, r.rolloutId());
        s.setLong(2, r.sequence());
        s.setString(3, r.deviceId());
        s.setString(4, r.type());
        instant(s, 5, r.occurredAt());
        s.setString(6, r.causationId());
        s.setString(7, r.summary());
        s.setString(8, r.eventJson());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void instant(PreparedStatement s, int index, Instant instant) throws SQLException {
    s.setString(index, instant == null ? null : SqliteTypes.text(instant));
  }
}
