-- How many main articles' story profiles hold each name key: the document frequencies the
-- story index weighs names by, kept as profiles are written and removed (store/keycounts.py),
-- so that a story made again after a delete reads its members and these counts rather than
-- every profile (twenty-third session, helper S, docs/stories.md). Filled here once from the
-- profiles stored; the index on the role counts the main profiles.
CREATE TABLE story_key_counts (
    key         TEXT PRIMARY KEY,
    articles    BIGINT NOT NULL
);
INSERT INTO story_key_counts (key, articles)
SELECT k, count(*) FROM story_profiles p,
    jsonb_object_keys(CASE WHEN jsonb_typeof((p.data)::jsonb -> 'keys') = 'object'
                      THEN (p.data)::jsonb -> 'keys' END) AS k
WHERE ((p.data)::jsonb ->> 'role') = 'main' GROUP BY k;
CREATE INDEX story_profiles_role ON story_profiles (((data)::jsonb ->> 'role'));
