DROP TRIGGER trg_battery_low;
DROP TABLE battery_readings;
