-- How many main articles' story profiles hold each name key: the document frequencies the
-- story index weighs names by, kept as profiles are written and removed (store/keycounts.py),
-- so that a story made again after a delete reads its members and these counts rather than
-- every profile (twenty-third session, helper S, docs/stories.md). Filled here once from the
-- profiles stored; the index on the role counts the main profiles.
CREATE TABLE story_key_counts (
    key         TEXT PRIMARY KEY,
    articles    INTEGER NOT NULL
);
INSERT INTO story_key_counts (key, articles)
SELECT j.key, count(*) FROM story_profiles p, json_each(p.data, '$.keys') AS j
WHERE json_extract(p.data, '$.role') = 'main' AND j.key IS NOT NULL GROUP BY j.key;
CREATE INDEX story_profiles_role ON story_profiles(json_extract(data, '$.role'));
