-- What `parallax delete` and `ingest --replace` look documents up by, so that each lookup is
-- an index search rather than a scan of the whole store (twenty-third session: 60-100 ms a
-- lookup and 20 s for a 1,000-document delete at 100,000 articles, docs/robustness.md).
-- A source's records and a folder's files are found by a range of `input` (a prefix).
CREATE INDEX documents_input ON documents(input);
CREATE INDEX documents_uri ON documents(uri);
-- a record's or feed item's own link (remove.py's json_text; the same expression, or unused)
CREATE INDEX documents_url ON documents(json_extract(metadata, '$.url'));
-- the removed documents' article sources; also what each document delete's foreign-key
-- check reads (the primary key starts with the article)
CREATE INDEX article_sources_document ON article_sources(document);
-- the copies of a removed article, found by their profiles
CREATE INDEX story_profiles_duplicate_of ON story_profiles(json_extract(data, '$.duplicate_of'));
