-- Comparisons computed on first view, kept until their story changes (see sqlite/0006).
CREATE TABLE comparison_cache (
    story       TEXT PRIMARY KEY,
    signature   TEXT NOT NULL,
    data        TEXT NOT NULL,
    made_at     TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
