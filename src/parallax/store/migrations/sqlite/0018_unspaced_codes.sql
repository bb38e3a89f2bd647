-- PostgreSQL's migration 0018 writes its n-gram index of Chinese and Japanese as integer
-- arrays (pairs and characters) in place of a tsvector (268 -> 161 MB at 20,000 articles).
-- SQLite's FTS5 table (0013, 0015) is unchanged; the version keeps the folders in step.
SELECT 1;
