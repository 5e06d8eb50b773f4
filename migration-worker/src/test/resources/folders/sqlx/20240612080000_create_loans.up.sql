-- Add up migration script here
CREATE TABLE loan (
  id          INTEGER PRIMARY KEY,
  book_id     INTEGER NOT NULL REFERENCES book (id),
  borrower    TEXT    NOT NULL,
  loaned_at   TEXT    NOT NULL DEFAULT (datetime('now')),
  returned_at TEXT
);

CREATE TRIGGER loan_one_at_a_time BEFORE INSERT ON loan
WHEN EXISTS (SELECT 1 FROM loan WHERE book_id = NEW.book_id AND returned_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'the book is already on loan');
END;
