DROP INDEX book_by_author;
ALTER TABLE book DROP COLUMN isbn;
