-- The site memory across ingests (see sqlite/0014 and store/site_lines.py): each stored text
-- dump's distinct short lines, hashed (64 bits); pages stored before it have no row.
CREATE TABLE IF NOT EXISTS site_pages (
    seq         BIGSERIAL PRIMARY KEY,
    document    TEXT NOT NULL UNIQUE REFERENCES documents(sha256)
);
CREATE TABLE IF NOT EXISTS site_lines (
    line        BIGINT NOT NULL,
    seq         BIGINT NOT NULL REFERENCES site_pages(seq),
    PRIMARY KEY (line, seq)
);
CREATE INDEX IF NOT EXISTS site_lines_seq ON site_lines(seq);
