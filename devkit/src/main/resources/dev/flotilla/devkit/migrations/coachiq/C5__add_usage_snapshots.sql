-- One snapshot per day with readings, none negative.
SELECT d.day
  FROM (SELECT DISTINCT date(recorded_at) AS day FROM tank_levels) d
 WHERE NOT EXISTS (SELECT 1 FROM usage_snapshots s
                    WHERE s.day = d.day
                      AND s.fresh_water_used_l >= 0
                      AND s.energy_used_ah >= 0);
