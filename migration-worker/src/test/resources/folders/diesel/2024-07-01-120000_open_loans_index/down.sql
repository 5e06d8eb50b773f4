-- This file should undo anything in `up.sql`
DROP INDEX loan_open;
