package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.RolloutEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The projection's writes, on the one writer connection. A batch of events and the offsets after it
 * go in one transaction, so a crash leaves either both or neither.
 */
@RegisterConstructorMapper(RolloutRow.class)
@RegisterConstructorMapper(RolloutDeviceRow.class)
@RegisterConstructorMapper(WaveRow.class)
interface ProjectionWriter extends SqlObject, ProjectedRows {

  /** Applies {@code events} in order and records the offsets to go on from, atomically. */
  @Transaction
  default void apply(EventFold fold, List<RolloutEvent> events, Map<Integer, Long> nextOffsets) {
    BatchRows batch = new BatchRows(this);
    for (RolloutEvent event : events) {
      fold.changes(event, batch).forEach(batch::add);
    }
    batch.writeTo(this);
    nextOffsets.forEach(this::putOffset);
  }

  /** Drops every table and creates them empty: the projection starts again from offset zero. */
  @Transaction
  default void recreate() {
    for (String table : ProjectionSchema.TABLES) {
      getHandle().execute("DROP TABLE IF EXISTS " + table);
    }
    create();
  }

  default void create() {
    ProjectionSchema.CREATE.forEach(getHandle()::execute);
    getHandle().execute("PRAGMA user_version = " + ProjectionSchema.VERSION);
  }

  @Override
  @SqlQuery("SELECT * FROM rollouts WHERE rollout_id = ?")
  Optional<RolloutRow> rollout(String rolloutId);

  @Override
  @SqlQuery("SELECT * FROM rollout_devices WHERE rollout_id = ? AND device_id = ?")
  Optional<RolloutDeviceRow> device(String rolloutId, String deviceId);

  @Override
  @SqlQuery("SELECT * FROM rollout_waves WHERE rollout_id = ? AND wave = ?")
  Optional<WaveRow> wave(String rolloutId, int wave);

  @SqlQuery("SELECT events_partition, next_offset FROM applied_offsets")
  @KeyColumn("events_partition")
  @ValueColumn("next_offset")
  Map<Integer, Long> appliedOffsets();

  @SqlQuery("PRAGMA user_version")
  int schemaVersion();

  @SqlUpdate(
      """
      INSERT INTO applied_offsets (events_partition, next_offset) VALUES (?, ?)
      ON CONFLICT (events_partition) DO UPDATE SET next_offset = excluded.next_offset""")
  void putOffset(int partition, long nextOffset);

  @SqlBatch(
      """
      INSERT INTO rollouts (rollout_id, status, status_detail, migration_set, target_version,
        requested_by, dry_run, device_count, wave_count, current_wave, awaiting_wave, paused,
        halted, aborted, opened_at, accepted_at, finished_at, done, failed, rolled_back, skipped,
        needs_attention, rejection_reasons, last_sequence, updated_at)
      VALUES (:rolloutId, :status, :statusDetail, :migrationSet, :targetVersion, :requestedBy,
        :dryRun, :deviceCount, :waveCount, :currentWave, :awaitingWave, :paused, :halted,
        :aborted, :openedAt, :acceptedAt, :finishedAt, :done, :failed, :rolledBack, :skipped,
        :needsAttention, :rejectionReasons, :lastSequence, :updatedAt)
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
        rejection_reasons = excluded.rejection_reasons, last_sequence = excluded.last_sequence,
        updated_at = excluded.updated_at""")
  void putRollouts(@BindMethods Iterable<RolloutRow> rows);

  @SqlBatch(
      """
      INSERT INTO rollout_devices (rollout_id, device_id, stage, wave, version, backup_id, reasons,
        updated_at)
      VALUES (:rolloutId, :deviceId, :stage, :wave, :version, :backupId, :reasons, :updatedAt)
      ON CONFLICT (rollout_id, device_id) DO UPDATE SET stage = excluded.stage,
        wave = excluded.wave, version = excluded.version, backup_id = excluded.backup_id,
        reasons = excluded.reasons, updated_at = excluded.updated_at""")
  void putDevices(@BindMethods Iterable<RolloutDeviceRow> rows);

  @SqlBatch(
      """
      INSERT INTO rehearsals (rollout_id, device_id, duration_millis, size_before_bytes,
        size_after_bytes, disk_needed_bytes)
      VALUES (:rolloutId, :deviceId, :durationMillis, :sizeBeforeBytes, :sizeAfterBytes,
        :diskNeededBytes)
      ON CONFLICT (rollout_id, device_id) DO UPDATE SET duration_millis = excluded.duration_millis,
        size_before_bytes = excluded.size_before_bytes,
        size_after_bytes = excluded.size_after_bytes,
        disk_needed_bytes = excluded.disk_needed_bytes""")
  void putRehearsals(@BindMethods Iterable<RehearsalRow> rows);

  @SqlBatch(
      """
      INSERT INTO rollout_waves (rollout_id, wave, state, device_count, awaiting_since,
        approved_by, approved_at, started_at)
      VALUES (:rolloutId, :wave, :state, :deviceCount, :awaitingSince, :approvedBy, :approvedAt,
        :startedAt)
      ON CONFLICT (rollout_id, wave) DO UPDATE SET state = excluded.state,
        device_count = excluded.device_count, awaiting_since = excluded.awaiting_since,
        approved_by = excluded.approved_by, approved_at = excluded.approved_at,
        started_at = excluded.started_at""")
  void putWaves(@BindMethods Iterable<WaveRow> rows);

  // Added rows are keyed by (rollout, sequence): one written before cannot be counted twice.
  @SqlBatch(
      """
      INSERT INTO device_history (rollout_id, sequence, device_id, occurred_at, event, step,
        result, version, summary)
      VALUES (:rolloutId, :sequence, :deviceId, :occurredAt, :event, :step, :result, :version,
        :summary)
      ON CONFLICT (rollout_id, sequence) DO NOTHING""")
  void addHistory(@BindMethods Iterable<DeviceHistoryRow> rows);

  @SqlBatch(
      """
      INSERT INTO audit_log (rollout_id, sequence, device_id, type, occurred_at, causation_id,
        summary, event_json)
      VALUES (:rolloutId, :sequence, :deviceId, :type, :occurredAt, :causationId, :summary,
        :eventJson)
      ON CONFLICT (rollout_id, sequence) DO NOTHING""")
  void addAudit(@BindMethods Iterable<AuditRow> rows);
}
