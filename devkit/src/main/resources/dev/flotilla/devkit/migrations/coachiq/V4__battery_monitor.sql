-- A battery monitor: readings backfilled from the DC circuit loads already recorded, and a
-- trigger that logs a warning whenever the state of charge drops below 20 %.
CREATE TABLE battery_readings (
  id                  INTEGER PRIMARY KEY,
  recorded_at         TEXT    NOT NULL UNIQUE,
  voltage_v           REAL    NOT NULL,
  current_a           REAL    NOT NULL,
  state_of_charge_pct REAL    NOT NULL CHECK (state_of_charge_pct BETWEEN 0 AND 100)
);

INSERT INTO battery_readings (recorded_at, voltage_v, current_a, state_of_charge_pct)
SELECT l.recorded_at,
       round(13.2 - min(sum(l.amps), 60.0) * 0.02, 2),
       round(sum(l.amps), 2),
       round(max(5.0, 100.0 - min(sum(l.amps), 60.0) * 1.5), 1)
  FROM circuit_loads l
  JOIN circuits c ON c.id = l.circuit_id
 WHERE c.kind = 'dc'
 GROUP BY l.recorded_at;

CREATE TRIGGER trg_battery_low
AFTER INSERT ON battery_readings
WHEN NEW.state_of_charge_pct < 20
BEGIN
  INSERT INTO event_log (occurred_at, severity, source, message)
  VALUES (NEW.recorded_at, 'warning', 'battery',
          'Battery state of charge ' || NEW.state_of_charge_pct || ' %');
END;
