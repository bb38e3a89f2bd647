-- A rejected input's name may be longer than a B-tree entry holds (2,704 bytes): a crawl's
-- record of a 4,000-character tracking address that is no page stopped the whole ingest
-- ("index row size 4064 exceeds btree version 4 maximum 2704 for index rejections_pkey",
-- E021), and running the same command again stopped there again, the records after it never
-- read (thirty-third session, helper N11). The key is the name's MD5 (unique; what
-- save_rejection's ON CONFLICT names, store/postgres.py), and the name itself is found by
-- a hash index (any length; 0017's SP-GiST index answers its prefix ranges). Re-runnable.
ALTER TABLE rejections DROP CONSTRAINT IF EXISTS rejections_pkey;
CREATE UNIQUE INDEX IF NOT EXISTS rejections_key ON rejections (md5(input));
CREATE INDEX IF NOT EXISTS rejections_input_equal ON rejections USING hash (input);
