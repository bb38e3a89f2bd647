-- Each document's and rejection's input as an absolute path (see sqlite/0019): ``path``, the
-- file's absolute spelling with the input's part after it; rows stored before keep NULL
-- unless their input was already absolute. SP-GiST of ``path COLLATE "C"``, as
-- documents_input (0007): any length, and the byte-wise prefix ranges of a folder's files
-- and a file's records. Re-runnable.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS path TEXT;
ALTER TABLE rejections ADD COLUMN IF NOT EXISTS path TEXT;
UPDATE documents SET path = input WHERE path IS NULL AND left(input, 1) = '/';
UPDATE rejections SET path = input WHERE path IS NULL AND left(input, 1) = '/';
CREATE INDEX IF NOT EXISTS documents_path ON documents USING spgist ((path COLLATE "C"));
CREATE INDEX IF NOT EXISTS rejections_path ON rejections USING spgist ((path COLLATE "C"));
