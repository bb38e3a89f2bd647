-- What `parallax delete` and `ingest --replace` look documents up by (see sqlite/0007).
-- `input` is compared byte-wise (COLLATE "C"), so a prefix is a range of this one index
-- whatever the database's collation (remove.py's bytewise).
-- No B-tree on an address: a B-tree entry holds at most 2,704 bytes, so a page whose address
-- ran longer (a link with a long query string, made up in tests/test_review_twentythird.py)
-- could no longer be stored, and an old store holding one failed this migration. SP-GiST's
-- text radix tree takes values of any length and answers the prefix range; a hash index
-- answers equality with a 4-byte hash.
CREATE INDEX documents_input ON documents USING spgist ((input COLLATE "C"));
CREATE INDEX documents_uri ON documents USING hash (uri);
-- the same expression as remove.py's json_text, or the index goes unused
CREATE INDEX documents_url ON documents USING hash (((metadata)::jsonb ->> 'url'));
CREATE INDEX article_sources_document ON article_sources (document);
CREATE INDEX story_profiles_duplicate_of ON story_profiles (((data)::jsonb ->> 'duplicate_of'));
