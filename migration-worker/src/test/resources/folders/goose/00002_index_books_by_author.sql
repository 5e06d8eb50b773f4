-- +goose Up
ALTER TABLE book ADD COLUMN isbn TEXT;
CREATE INDEX book_by_author ON book (author_id);

-- +goose Down
DROP INDEX book_by_author;
ALTER TABLE book DROP COLUMN isbn;
