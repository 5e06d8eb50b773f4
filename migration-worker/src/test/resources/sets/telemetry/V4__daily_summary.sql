CREATE INDEX reading_by_vehicle_and_time ON reading (vehicle_id, recorded_at);

CREATE TABLE daily_reading (
  vehicle_id  INTEGER NOT NULL REFERENCES vehicle (id),
  day         INTEGER NOT NULL,
  readings    INTEGER NOT NULL,
  max_celsius REAL    NOT NULL,
  PRIMARY KEY (vehicle_id, day)
);

INSERT INTO daily_reading (vehicle_id, day, readings, max_celsius)
SELECT vehicle_id, recorded_at / 86400000, count(*), max(celsius)
  FROM reading
 GROUP BY vehicle_id, recorded_at / 86400000;
