-- Comparisons are computed on first view and kept until their story changes: the signature is
-- a hash of the story's members and the comparer's name, so a grown story misses the cache.
CREATE TABLE comparison_cache (
    story       TEXT PRIMARY KEY,
    signature   TEXT NOT NULL,
    data        TEXT NOT NULL,
    made_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
