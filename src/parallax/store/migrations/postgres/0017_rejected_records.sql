-- A rejection read from an archive's or a list's record ("crawl.warc.gz#https://…") goes with
-- ``delete --source https://…`` too (see sqlite/0017): the rejections by the text after the
-- input's first "#", in PostgreSQL's spelling (store/postgres.py after_hash), a hash index as
-- documents_uri is (0007: a B-tree entry holds at most 2,704 bytes). The prefix ranges of
-- remove_source_rejections compare ``input`` byte-wise (COLLATE "C"), which the primary key's
-- collation does not answer: an SP-GiST index of that expression, as documents_input (0007),
-- where every delete read every rejection. Re-runnable.
CREATE INDEX IF NOT EXISTS rejections_record ON rejections
    USING hash ((substr(input, strpos(input, '#') + 1)));
CREATE INDEX IF NOT EXISTS rejections_input ON rejections USING spgist ((input COLLATE "C"));
