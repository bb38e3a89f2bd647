-- Parallax store schema v1. Each migration runs in one transaction; PRAGMA user_version tracks it.
CREATE TABLE documents (
    sha256      TEXT PRIMARY KEY,
    input       TEXT NOT NULL,
    uri         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    fetched_at  TEXT,
    metadata    TEXT NOT NULL DEFAULT '{}',
    stored_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE articles (
    rowid_      INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    document    TEXT NOT NULL REFERENCES documents(sha256),
    role        TEXT NOT NULL,
    title       TEXT NOT NULL,
    outlet      TEXT,
    language    TEXT,
    published   TEXT,
    text        TEXT NOT NULL,
    analysis    TEXT NOT NULL
);
CREATE INDEX articles_document ON articles(document);
CREATE INDEX articles_role ON articles(role);

-- The page an article also appeared on (the same content read from a second input).
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
    seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
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

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, outlet, content='articles', content_rowid='rowid_', tokenize='unicode61'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, outlet)
    VALUES (new.rowid_, new.title, new.text, coalesce(new.outlet, ''));
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid_, old.title, old.text, coalesce(old.outlet, ''));
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid_, old.title, old.text, coalesce(old.outlet, ''));
    INSERT INTO articles_fts(rowid, title, text, outlet)
    VALUES (new.rowid_, new.title, new.text, coalesce(new.outlet, ''));
END;
