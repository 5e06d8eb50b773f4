-- A book is on loan to one borrower at a time.
SELECT book_id FROM loan WHERE returned_at IS NULL GROUP BY book_id HAVING count(*) > 1;
