ALTER TABLE reading ADD COLUMN fahrenheit REAL;

UPDATE reading SET fahrenheit = round(celsius * 9 / 5 + 32, 2);
