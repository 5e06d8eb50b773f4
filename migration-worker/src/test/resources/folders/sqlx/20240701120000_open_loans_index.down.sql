-- Add down migration script here
DROP INDEX loan_open;
