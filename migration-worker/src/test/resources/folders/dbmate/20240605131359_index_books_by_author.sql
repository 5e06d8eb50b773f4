-- migrate:up
ALTER TABLE book ADD COLUMN isbn TEXT;
CREATE INDEX book_by_author ON book (author_id);

-- migrate:down
DROP INDEX book_by_author;
ALTER TABLE book DROP COLUMN isbn;
