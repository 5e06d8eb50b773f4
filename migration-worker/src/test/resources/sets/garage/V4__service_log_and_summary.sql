CREATE TABLE service_log (
  id         INTEGER PRIMARY KEY,
  vehicle_id INTEGER NOT NULL REFERENCES vehicle (id) ON DELETE CASCADE,
  note       TEXT    NOT NULL
);

CREATE TRIGGER trip_adds_to_odometer AFTER INSERT ON trip
BEGIN
  UPDATE vehicle SET odometer_km = odometer_km + NEW.km WHERE id = NEW.vehicle_id;
END;

CREATE VIEW vehicle_summary AS
  SELECT v.id, v.name, count(t.id) AS trips
    FROM vehicle v LEFT JOIN trip t ON t.vehicle_id = v.id
   GROUP BY v.id;
