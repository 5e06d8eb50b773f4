package dev.flotilla.coordinator.projection;

/** One write the projection makes for an event: whole rows, put or added. */
public sealed interface RowChange {
  /** Insert or replace the rollout's row. */
  record PutRollout(RolloutRow row) implements RowChange {}

  /** Insert or replace a device's row within a rollout. */
  record PutDevice(RolloutDeviceRow row) implements RowChange {}

  /** Insert or replace a wave's row. */
  record PutWave(WaveRow row) implements RowChange {}

  /** Insert or replace what a dry run's rehearsal found on a device. */
  record PutRehearsal(RehearsalRow row) implements RowChange {}

  /** Add a line to a device's history. */
  record AddHistory(DeviceHistoryRow row) implements RowChange {}

  /** Add the event to the audit trail. */
  record AddAudit(AuditRow row) implements RowChange {}
}
