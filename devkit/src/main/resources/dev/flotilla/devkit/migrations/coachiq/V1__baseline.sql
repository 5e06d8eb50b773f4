-- The schema of a CoachIQ RV controller as shipped before Flotilla: tanks, power circuits,
-- climate zones, an event log and device settings.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE tanks (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  kind       TEXT    NOT NULL CHECK (kind IN ('fresh', 'grey', 'black', 'propane')),
  capacity_l REAL    NOT NULL CHECK (capacity_l > 0)
);

CREATE TABLE tank_levels (
  id          INTEGER PRIMARY KEY,
  tank_id     INTEGER NOT NULL REFERENCES tanks (id),
  recorded_at TEXT    NOT NULL,
  level_pct   REAL    NOT NULL CHECK (level_pct BETWEEN 0 AND 100)
);

CREATE INDEX idx_tank_levels_tank_time ON tank_levels (tank_id, recorded_at);

CREATE TABLE circuits (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL UNIQUE,
  kind         TEXT    NOT NULL CHECK (kind IN ('ac', 'dc')),
  breaker_amps INTEGER NOT NULL CHECK (breaker_amps > 0)
);

CREATE TABLE circuit_loads (
  id          INTEGER PRIMARY KEY,
  circuit_id  INTEGER NOT NULL REFERENCES circuits (id),
  recorded_at TEXT    NOT NULL,
  amps        REAL    NOT NULL CHECK (amps >= 0)
);

CREATE TABLE climate_zones (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  mode       TEXT    NOT NULL CHECK (mode IN ('off', 'heat', 'cool', 'auto')),
  setpoint_c REAL    NOT NULL
);

CREATE TABLE climate_readings (
  id            INTEGER PRIMARY KEY,
  zone_id       INTEGER NOT NULL REFERENCES climate_zones (id),
  recorded_at   TEXT    NOT NULL,
  temperature_c REAL    NOT NULL,
  humidity_pct  REAL    NOT NULL CHECK (humidity_pct BETWEEN 0 AND 100)
);

CREATE TABLE event_log (
  id          INTEGER PRIMARY KEY,
  occurred_at TEXT    NOT NULL,
  severity    TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
  source      TEXT    NOT NULL,
  message     TEXT    NOT NULL
);
