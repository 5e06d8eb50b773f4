DROP VIEW vehicle_summary;
DROP TRIGGER trip_adds_to_odometer;
DROP TABLE service_log;
