-- no-transaction
CREATE INDEX loan_open ON loan (book_id) WHERE returned_at IS NULL;
-- Reclaim the pages the rebuilt book table left behind; VACUUM cannot run in a transaction.
VACUUM;
