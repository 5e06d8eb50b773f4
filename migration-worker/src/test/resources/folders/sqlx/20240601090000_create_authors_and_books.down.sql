-- Add down migration script here
DROP TABLE book;
DROP TABLE author;
