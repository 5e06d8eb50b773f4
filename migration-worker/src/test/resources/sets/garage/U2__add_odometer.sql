ALTER TABLE vehicle DROP COLUMN odometer_km;
