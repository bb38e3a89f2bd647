-- What `parallax delete` and `ingest --replace` look documents up by (see sqlite/0007).
-- `input` is compared byte-wise (COLLATE "C"), so a prefix is a range of this one index
-- whatever the database's collation (remove.py's bytewise).
CREATE INDEX documents_input ON documents ((input COLLATE "C"));
CREATE INDEX documents_uri ON documents (uri);
-- the same expression as remove.py's json_text, or the index goes unused
CREATE INDEX documents_url ON documents (((metadata)::jsonb ->> 'url'));
CREATE INDEX article_sources_document ON article_sources (document);
CREATE INDEX story_profiles_duplicate_of ON story_profiles (((data)::jsonb ->> 'duplicate_of'));
