-- What the online story index remembers of each article (stories/profile.py): slim JSON, so a
-- large corpus reloads quickly; the vector stays in article_vectors.
CREATE TABLE story_profiles (
    article     TEXT PRIMARY KEY REFERENCES articles(id),
    data        TEXT NOT NULL
);
-- A story merged into another by consolidation: old links are redirected, never broken.
CREATE TABLE story_merges (
    old         TEXT PRIMARY KEY,
    new         TEXT NOT NULL,
    merged_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
