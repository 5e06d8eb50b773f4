ALTER TABLE reading DROP COLUMN fahrenheit;
