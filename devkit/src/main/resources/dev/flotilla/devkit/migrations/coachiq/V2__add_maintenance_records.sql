-- Service history, kept on the coach so any dealer can read it.
CREATE TABLE maintenance_records (
  id           INTEGER PRIMARY KEY,
  component    TEXT    NOT NULL,
  performed_at TEXT    NOT NULL,
  odometer_km  INTEGER NOT NULL CHECK (odometer_km >= 0),
  technician   TEXT    NOT NULL,
  notes        TEXT
);

CREATE INDEX idx_event_log_occurred_at ON event_log (occurred_at);
