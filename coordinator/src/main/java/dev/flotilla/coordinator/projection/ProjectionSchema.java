package dev.flotilla.coordinator.projection;

import java.util.List;
import java.util.stream.Stream;

/**
 * The projection tables. They hold nothing the log does not: when this shape changes, {@link
 * #VERSION} goes up and an old file is dropped and rebuilt from the log.
 */
final class ProjectionSchema {
  /** Kept in {@code PRAGMA user_version}. */
  static final int VERSION = 4;

  private ProjectionSchema() {}

  /** Every table, children before the tables they reference. */
  static final List<String> TABLES =
      List.of(
          "audit_log",
          "device_history",
          "rehearsals",
          "rollout_devices",
          "rollout_waves",
          "rollouts",
          "applied_offsets");

  /** The tables, without their secondary indexes. */
  static final List<String> CREATE_TABLES =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS rollouts (
            rollout_id        TEXT    NOT NULL PRIMARY KEY,
            status            TEXT    NOT NULL,
            status_detail     TEXT,
            migration_set     TEXT,
            target_version    TEXT,
            requested_by      TEXT    NOT NULL,
            dry_run           INTEGER NOT NULL,
            device_count      INTEGER NOT NULL,
            wave_count        INTEGER NOT NULL,
            current_wave      INTEGER NOT NULL,
            awaiting_wave     INTEGER NOT NULL,
            paused            INTEGER NOT NULL,
            halted            INTEGER NOT NULL,
            aborted           INTEGER NOT NULL,
            opened_at         TEXT    NOT NULL,
            accepted_at       TEXT,
            finished_at       TEXT,
            done              INTEGER NOT NULL,
            failed            INTEGER NOT NULL,
            rolled_back       INTEGER NOT NULL,
            skipped           INTEGER NOT NULL,
            needs_attention   INTEGER NOT NULL,
            rejection_reasons TEXT    NOT NULL,
            last_sequence     INTEGER NOT NULL,
            updated_at        TEXT    NOT NULL
          ) STRICT""",
          """
          CREATE TABLE IF NOT EXISTS rollout_waves (
            rollout_id     TEXT    NOT NULL REFERENCES rollouts (rollout_id),
            wave           INTEGER NOT NULL,
            state          TEXT    NOT NULL,
            device_count   INTEGER NOT NULL,
            awaiting_since TEXT,
            approved_by    TEXT,
            approved_at    TEXT,
            started_at     TEXT,
            PRIMARY KEY (rollout_id, wave)
          ) STRICT""",
          """
          CREATE TABLE IF NOT EXISTS rollout_devices (
            rollout_id TEXT    NOT NULL REFERENCES rollouts (rollout_id),
            device_id  TEXT    NOT NULL,
            stage      TEXT    NOT NULL,
            wave       INTEGER,
            version    TEXT,
            backup_id  TEXT,
            reasons    TEXT    NOT NULL,
            updated_at TEXT    NOT NULL,
            PRIMARY KEY (rollout_id, device_id)
          ) STRICT""",
          """
          CREATE TABLE IF NOT EXISTS rehearsals (
            rollout_id        TEXT    NOT NULL REFERENCES rollouts (rollout_id),
            device_id         TEXT    NOT NULL,
            duration_millis   INTEGER NOT NULL,
            size_before_bytes INTEGER NOT NULL,
            size_after_bytes  INTEGER NOT NULL,
            disk_needed_bytes INTEGER NOT NULL,
            PRIMARY KEY (rollout_id, device_id)
          ) STRICT""",
          """
          CREATE TABLE IF NOT EXISTS device_history (
            rollout_id  TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            device_id   TEXT    NOT NULL,
            occurred_at TEXT    NOT NULL,
            event       TEXT    NOT NULL,
            step        TEXT,
            result      TEXT    NOT NULL,
            version     TEXT,
            summary     TEXT    NOT NULL,
            PRIMARY KEY (rollout_id, sequence)
          ) STRICT""",
          """
          CREATE TABLE IF NOT EXISTS audit_log (
            rollout_id   TEXT    NOT NULL,
            sequence     INTEGER NOT NULL,
            device_id    TEXT,
            type         TEXT    NOT NULL,
            occurred_at  TEXT    NOT NULL,
            causation_id TEXT    NOT NULL,
            summary      TEXT    NOT NULL,
            event_json   TEXT    NOT NULL,
            PRIMARY KEY (rollout_id, sequence)
          ) STRICT""",
          """
          CREATE TABLE IF NOT EXISTS applied_offsets (
            events_partition INTEGER NOT NULL PRIMARY KEY,
            next_offset      INTEGER NOT NULL
          ) STRICT""");

  /**
   * The indexes the queries use and the fold does not (it reads by primary key): a rebuild creates
   * them once it has caught up, in one sorted pass each, instead of updating them with every row.
   */
  static final List<String> CREATE_INDEXES =
      List.of(
          "CREATE INDEX IF NOT EXISTS rollout_devices_by_device ON rollout_devices (device_id)",
          "CREATE INDEX IF NOT EXISTS rollout_devices_by_stage"
              + " ON rollout_devices (rollout_id, stage)",
          "CREATE INDEX IF NOT EXISTS device_history_by_device"
              + " ON device_history (device_id, occurred_at, rollout_id, sequence)",
          "CREATE INDEX IF NOT EXISTS audit_log_by_device"
              + " ON audit_log (device_id, occurred_at, rollout_id, sequence)"
              + " WHERE device_id IS NOT NULL");

  static final List<String> CREATE =
      Stream.concat(CREATE_TABLES.stream(), CREATE_INDEXES.stream()).toList();
}
