ALTER TABLE vehicle ADD COLUMN odometer_km REAL NOT NULL DEFAULT 0;

UPDATE vehicle
   SET odometer_km = (SELECT coalesce(sum(km), 0) FROM trip WHERE trip.vehicle_id = vehicle.id);
