-- Parallax store schema v1, PostgreSQL dialect. Same tables and columns as sqlite/0001 so one
-- set of queries (store/sql.py) serves both; times stay ISO-8601 text as in SQLite.
-- Full-text search is a generated tsvector column with a GIN index instead of an FTS5 table.
-- The 'simple' configuration (lowercase, no stemming) matches FTS5's unicode61 tokenizer and
-- treats English, German and Russian alike.
CREATE TABLE documents (
    sha256      TEXT PRIMARY KEY,
    input       TEXT NOT NULL,
    uri         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    fetched_at  TEXT,
    metadata    TEXT NOT NULL DEFAULT '{}',
    stored_at   TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE articles (
    rowid_      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    document    TEXT NOT NULL REFERENCES documents(sha256),
    role        TEXT NOT NULL,
    title       TEXT NOT NULL,
    outlet      TEXT,
    language    TEXT,
    published   TEXT,
    text        TEXT NOT NULL,
    analysis    TEXT NOT NULL,
    fts         tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', title), 'A')
                    || to_tsvector('simple', left(text, 500000))
                    || to_tsvector('simple', coalesce(outlet, ''))) STORED
);
CREATE INDEX articles_document ON articles(document);
CREATE INDEX articles_role ON articles(role);
CREATE INDEX articles_fts ON articles USING GIN (fts);

CREATE TABLE article_sources (
    article     TEXT NOT NULL REFERENCES articles(id),
    document    TEXT NOT NULL REFERENCES documents(sha256),
    PRIMARY KEY (article, document)
);

CREATE TABLE comments (
    document    TEXT NOT NULL REFERENCES documents(sha256),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    language    TEXT,
    author      TEXT,
    PRIMARY KEY (document, position)
);

CREATE TABLE boilerplate (
    document    TEXT NOT NULL REFERENCES documents(sha256),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document, position)
);

CREATE TABLE rejections (
    input       TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    seen_at     TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    size        INTEGER NOT NULL
);

CREATE TABLE story_articles (
    story       TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article     TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (story, article)
);
CREATE INDEX story_articles_article ON story_articles(article);
