-- This file should undo anything in `up.sql`
DROP TRIGGER loan_one_at_a_time;
DROP TABLE loan;
