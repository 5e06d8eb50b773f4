DROP INDEX loan_open;
