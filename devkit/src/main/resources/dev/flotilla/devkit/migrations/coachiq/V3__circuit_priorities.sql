-- Load shedding: a priority per circuit (1 = never shed), backfilled from what each circuit feeds.
ALTER TABLE circuits ADD COLUMN priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5);

UPDATE circuits
   SET priority = CASE
     WHEN name IN ('Refrigerator', 'Furnace', 'Water Pump', 'Control Panel') THEN 1
     WHEN kind = 'dc' THEN 2
     WHEN breaker_amps >= 30 THEN 5
     WHEN name IN ('Water Heater', 'Microwave') THEN 4
     ELSE 3
   END;

CREATE INDEX idx_circuit_loads_circuit_time ON circuit_loads (circuit_id, recorded_at);
