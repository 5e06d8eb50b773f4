ALTER TABLE book ADD COLUMN isbn TEXT;
CREATE INDEX book_by_author ON book (author_id);
