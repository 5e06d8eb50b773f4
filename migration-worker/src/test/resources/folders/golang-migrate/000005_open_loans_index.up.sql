CREATE INDEX loan_open ON loan (book_id) WHERE returned_at IS NULL;
