DROP TRIGGER loan_one_at_a_time;
DROP TABLE loan;
