-- Every moment with DC load recorded has a battery reading.
SELECT DISTINCT l.recorded_at
  FROM circuit_loads l
  JOIN circuits c ON c.id = l.circuit_id
 WHERE c.kind = 'dc'
   AND NOT EXISTS (SELECT 1 FROM battery_readings b WHERE b.recorded_at = l.recorded_at);
