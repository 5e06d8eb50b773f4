-- migrate:up
-- SQLite cannot add NOT NULL or CHECK to a column: rebuild the table.
CREATE TABLE book_new (
  id        INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES author (id) ON DELETE CASCADE,
  title     TEXT    NOT NULL,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published >= 0),
  isbn      TEXT    UNIQUE
);
INSERT INTO book_new (id, author_id, title, published, isbn)
  SELECT id, author_id, title, coalesce(published, 0), isbn FROM book;
DROP TABLE book;
ALTER TABLE book_new RENAME TO book;
CREATE INDEX book_by_author ON book (author_id);

-- migrate:down
CREATE TABLE book_old (
  id        INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES author (id) ON DELETE CASCADE,
  title     TEXT    NOT NULL,
  published INTEGER,
  isbn      TEXT
);
INSERT INTO book_old (id, author_id, title, published, isbn)
  SELECT id, author_id, title, published, isbn FROM book;
DROP TABLE book;
ALTER TABLE book_old RENAME TO book;
CREATE INDEX book_by_author ON book (author_id);
