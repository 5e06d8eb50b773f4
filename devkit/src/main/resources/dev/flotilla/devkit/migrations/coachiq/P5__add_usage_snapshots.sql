-- V5 sums usage per day, by date(recorded_at): a reading whose time SQLite cannot read as a date
-- belongs to no day: V5 would drop its usage (and, for a tank level, fail C5 once applied).
SELECT 'tank_levels' AS source, id, recorded_at
  FROM tank_levels
 WHERE date(recorded_at) IS NULL
UNION ALL
SELECT 'circuit_loads', id, recorded_at
  FROM circuit_loads
 WHERE date(recorded_at) IS NULL;
