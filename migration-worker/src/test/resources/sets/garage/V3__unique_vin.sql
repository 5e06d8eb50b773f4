CREATE UNIQUE INDEX vehicle_vin ON vehicle (vin);
