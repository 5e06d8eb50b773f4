DROP INDEX vehicle_vin;
