-- Daily usage for the dashboard, the latest level of each tank as a view, and acknowledgement of
-- events (everything older than the last day counts as seen).
CREATE TABLE usage_snapshots (
  day                TEXT PRIMARY KEY,
  fresh_water_used_l REAL NOT NULL CHECK (fresh_water_used_l >= 0),
  energy_used_ah     REAL NOT NULL CHECK (energy_used_ah >= 0)
);

INSERT INTO usage_snapshots (day, fresh_water_used_l, energy_used_ah)
SELECT d.day,
       coalesce((SELECT round(max(0.0, max(l.level_pct) - min(l.level_pct)) * t.capacity_l / 100.0, 1)
                   FROM tank_levels l
                   JOIN tanks t ON t.id = l.tank_id
                  WHERE t.kind = 'fresh' AND date(l.recorded_at) = d.day), 0.0),
       coalesce((SELECT round(sum(cl.amps), 1)
                   FROM circuit_loads cl
                   JOIN circuits c ON c.id = cl.circuit_id
                  WHERE c.kind = 'dc' AND date(cl.recorded_at) = d.day), 0.0)
  FROM (SELECT DISTINCT date(recorded_at) AS day FROM tank_levels
        UNION
        SELECT DISTINCT date(recorded_at) FROM circuit_loads) d;

CREATE VIEW v_tank_latest AS
SELECT t.id, t.name, t.kind, t.capacity_l, l.level_pct, l.recorded_at
  FROM tanks t
  JOIN tank_levels l
    ON l.id = (SELECT id FROM tank_levels
                WHERE tank_id = t.id
                ORDER BY recorded_at DESC, id DESC
                LIMIT 1);

ALTER TABLE event_log ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1));

UPDATE event_log
   SET acknowledged = 1
 WHERE occurred_at < (SELECT strftime('%Y-%m-%dT%H:%M:%SZ', max(occurred_at), '-1 day') FROM event_log);
