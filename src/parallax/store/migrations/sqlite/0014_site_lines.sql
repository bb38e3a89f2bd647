-- The site memory across ingests (thirty-first session, helper ST2; segment/sitememory.py,
-- store/site_lines.py): each stored text dump's distinct short lines, hashed (64 bits), so a
-- dump ingested later reads the stored dumps that share its template as siblings. A page in
-- site_pages per stored dump (seq: the order they were stored, newest read first), its line
-- hashes in site_lines. Pages stored before this migration have no row: a dump's raw text is
-- not kept, so the memory fills as dumps are ingested. Run again (a store whose recorded version
-- is older, tests/test_stories_forget.py), it keeps the lines it holds: they cannot be made again.
CREATE TABLE IF NOT EXISTS site_pages (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document    TEXT NOT NULL UNIQUE REFERENCES documents(sha256)
);
CREATE TABLE IF NOT EXISTS site_lines (
    line        INTEGER NOT NULL,
    seq         INTEGER NOT NULL REFERENCES site_pages(seq),
    PRIMARY KEY (line, seq)
);
CREATE INDEX IF NOT EXISTS site_lines_seq ON site_lines(seq);
