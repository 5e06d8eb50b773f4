-- This file should undo anything in `up.sql`
DROP INDEX book_by_author;
ALTER TABLE book DROP COLUMN isbn;
