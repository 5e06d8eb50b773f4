CREATE INDEX reading_by_celsius ON reading (celsius);
