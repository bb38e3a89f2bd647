-- Each document's and rejection's input as an absolute path (thirty-third session, helper
-- N11): ``input`` is the path as the command was given it ("in/report.txt"), relative to a
-- folder the store does not keep, so ``delete --source`` or ``ingest --replace`` run from
-- another folder found nothing. ``path`` is that file's absolute spelling with the input's
-- part after it ("/home/…/in/notes.jsonl#line-3"); NULL for an address, standard input, a web
-- upload or paste, a batch's Parquet. Rows stored before: an input that was already absolute
-- is its own path; a relative one stays NULL (the folder it was relative to is not known,
-- and a guess could name another file) and is found by its name as before. The column is
-- added only where missing (``migrations.py``), so the migration runs again cleanly.
ALTER TABLE documents ADD COLUMN path TEXT;
ALTER TABLE rejections ADD COLUMN path TEXT;
UPDATE documents SET path = input WHERE path IS NULL AND substr(input, 1, 1) = '/';
UPDATE rejections SET path = input WHERE path IS NULL AND substr(input, 1, 1) = '/';
-- equality and the prefix ranges of a folder's files and a file's records (BINARY: by code
-- point, as ``input``'s index of 0007)
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS rejections_path ON rejections(path);
