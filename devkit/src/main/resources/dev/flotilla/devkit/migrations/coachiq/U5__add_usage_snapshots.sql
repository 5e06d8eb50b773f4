ALTER TABLE event_log DROP COLUMN acknowledged;
DROP VIEW v_tank_latest;
DROP TABLE usage_snapshots;
