CREATE TABLE vehicle (
  id   INTEGER PRIMARY KEY,
  vin  TEXT NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE trip (
  id         INTEGER PRIMARY KEY,
  vehicle_id INTEGER NOT NULL REFERENCES vehicle (id),
  km         REAL    NOT NULL
);
