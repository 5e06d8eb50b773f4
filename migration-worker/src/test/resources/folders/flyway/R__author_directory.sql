DROP VIEW IF EXISTS author_directory;
CREATE VIEW author_directory AS SELECT id, name FROM author ORDER BY name;
