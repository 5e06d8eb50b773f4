-- The rebuilt book table makes isbn UNIQUE: these books would make it fail.
SELECT isbn, count(*) FROM book WHERE isbn IS NOT NULL GROUP BY isbn HAVING count(*) > 1;
