-- MinHash signatures of main articles, for near-duplicate detection across ingest runs.
CREATE TABLE article_signatures (
    article     TEXT PRIMARY KEY REFERENCES articles(id),
    signature   BYTEA NOT NULL
);
