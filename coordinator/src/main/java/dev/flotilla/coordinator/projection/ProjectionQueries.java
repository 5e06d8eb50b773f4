package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the HTTP API reads. Each call runs on a read-only connection of its own: blocking, so call
 * it from a worker thread, never from an event loop.
 */
@RegisterConstructorMapper(RolloutRow.class)
@RegisterConstructorMapper(RolloutDeviceRow.class)
@RegisterConstructorMapper(WaveRow.class)
@RegisterConstructorMapper(DeviceHistoryRow.class)
@RegisterConstructorMapper(AuditRow.class)
@RegisterConstructorMapper(StageCount.class)
@RegisterConstructorMapper(RehearsalTotals.class)
@RegisterConstructorMapper(ActiveDeviceRow.class)
@RegisterConstructorMapper(NamedCount.class)
public interface ProjectionQueries {
  /** Newest first. */
  @SqlQuery("SELECT * FROM rollouts ORDER BY opened_at DESC, rollout_id")
  List<RolloutRow> rollouts();

  @SqlQuery("SELECT * FROM rollouts WHERE rollout_id = ?")
  Optional<RolloutRow> rollout(String rolloutId);

  /** How many rollouts stand in each status: for the metrics. */
  @SqlQuery("SELECT status AS name, count(*) AS count FROM rollouts GROUP BY status")
  List<NamedCount> rolloutsByStatus();

  /** The devices of rollouts not ended (every status but finished and rejected), by stage. */
  @SqlQuery(
      """
      SELECT d.stage AS name, count(*) AS count FROM rollout_devices d
      JOIN rollouts r ON r.rollout_id = d.rollout_id
      WHERE r.status NOT IN ('FINISHED', 'REJECTED') GROUP BY d.stage""")
  List<NamedCount> activeDevicesByStage();

  @SqlQuery("SELECT * FROM rollout_waves WHERE rollout_id = ? ORDER BY wave")
  List<WaveRow> waves(String rolloutId);

  @SqlQuery(
      """
      SELECT NULL AS wave, stage, count(*) AS devices FROM rollout_devices
      WHERE rollout_id = ? GROUP BY stage ORDER BY stage""")
  List<StageCount> countsByStage(String rolloutId);

  @SqlQuery(
      """
      SELECT wave, stage, count(*) AS devices FROM rollout_devices
      WHERE rollout_id = ? GROUP BY wave, stage ORDER BY wave, stage""")
  List<StageCount> countsByWave(String rolloutId);

  /** A dry run's rehearsals, summed; all zero for a rollout that rehearsed nothing. */
  @SqlQuery(
      """
      SELECT count(*) AS rehearsed,
        coalesce(sum(duration_millis), 0) AS migrate_millis,
        coalesce(max(duration_millis), 0) AS slowest_millis,
        coalesce(sum(size_before_bytes), 0) AS size_before_bytes,
        coalesce(sum(size_after_bytes), 0) AS size_after_bytes,
        coalesce(sum(disk_needed_bytes), 0) AS disk_needed_bytes,
        coalesce(max(disk_needed_bytes), 0) AS largest_disk_needed_bytes
      FROM rehearsals WHERE rollout_id = ?""")
  RehearsalTotals rehearsals(String rolloutId);

  @SqlQuery("SELECT * FROM rollout_devices WHERE rollout_id = ? ORDER BY device_id")
  List<RolloutDeviceRow> devices(String rolloutId);

  @SqlQuery("SELECT * FROM rollout_devices WHERE rollout_id = ? AND stage = ? ORDER BY device_id")
  List<RolloutDeviceRow> devicesAt(String rolloutId, DeviceStage stage);

  /** The device in every rollout that covered it, oldest first. */
  @SqlQuery(
      """
      SELECT d.* FROM rollout_devices d JOIN rollouts r ON r.rollout_id = d.rollout_id
      WHERE d.device_id = ? ORDER BY r.opened_at, d.rollout_id""")
  List<RolloutDeviceRow> rolloutsOf(String deviceId);

  /**
   * The devices of every rollout that has not finished, oldest rollout first; those that have ended
   * in it too (the caller tells them apart by stage).
   */
  @SqlQuery(
      """
      SELECT d.device_id, d.rollout_id, d.stage
      FROM rollouts r JOIN rollout_devices d ON d.rollout_id = r.rollout_id
      WHERE r.finished_at IS NULL ORDER BY r.opened_at, r.rollout_id""")
  List<ActiveDeviceRow> devicesOfUnfinishedRollouts();

  @SqlQuery(
      """
      SELECT * FROM device_history WHERE device_id = ?
      ORDER BY occurred_at, rollout_id, sequence""")
  List<DeviceHistoryRow> history(String deviceId);

  /** The version the latest event that names one says the device is at. */
  @SqlQuery(
      """
      SELECT version FROM device_history WHERE device_id = ? AND version IS NOT NULL
      ORDER BY occurred_at DESC, rollout_id DESC, sequence DESC LIMIT 1""")
  Optional<VersionId> currentVersion(String deviceId);

  @SqlQuery(
      """
      SELECT * FROM audit_log WHERE rollout_id = :rollout AND sequence > :after
      ORDER BY sequence LIMIT :limit""")
  List<AuditRow> auditOfRollout(
      @Bind("rollout") String rolloutId,
      @Bind("after") long afterSequence,
      @Bind("limit") int limit);

  /**
   * A device's events across rollouts, in time order, after the entry (afterAt, afterRollout,
   * afterSequence); with afterAt null, from the first.
   */
  default List<AuditRow> auditOfDevice(
      String deviceId, Instant afterAt, String afterRollout, long afterSequence, int limit) {
    return afterAt == null
        ? auditOfDeviceAfter(deviceId, "", "", 0, limit)
        : auditOfDeviceAfter(
            deviceId, SqliteTypes.text(afterAt), afterRollout, afterSequence, limit);
  }

  @SqlQuery(
      """
      SELECT * FROM audit_log WHERE device_id = :device
        AND (occurred_at, rollout_id, sequence) > (:afterAt, :afterRollout, :afterSequence)
      ORDER BY occurred_at, rollout_id, sequence LIMIT :limit""")
  List<AuditRow> auditOfDeviceAfter(
      @Bind("device") String deviceId,
      @Bind("afterAt") String afterOccurredAt,
      @Bind("afterRollout") String afterRollout,
      @Bind("afterSequence") long afterSequence,
      @Bind("limit") int limit);

  @SqlQuery("SELECT count(*) FROM rollouts")
  int rolloutCount();

  @SqlQuery("SELECT count(DISTINCT device_id) FROM rollout_devices")
  int deviceCount();

  @SqlQuery("SELECT count(*) FROM audit_log")
  long auditCount();
}
