CREATE TABLE vehicle (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE reading (
  id          INTEGER PRIMARY KEY,
  vehicle_id  INTEGER NOT NULL REFERENCES vehicle (id),
  recorded_at INTEGER NOT NULL,
  celsius     REAL    NOT NULL
);
