DROP TABLE daily_reading;
DROP INDEX reading_by_vehicle_and_time;
