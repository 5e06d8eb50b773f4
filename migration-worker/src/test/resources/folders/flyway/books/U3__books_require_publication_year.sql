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
