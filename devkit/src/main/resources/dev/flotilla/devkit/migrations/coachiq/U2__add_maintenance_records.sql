DROP INDEX idx_event_log_occurred_at;
DROP TABLE maintenance_records;
