-- A rejection read from an archive's or a list's record ("crawl.warc.gz#https://…") goes with
-- ``delete --source https://…`` too, as that record's stored page does (thirty-second session,
-- helper N10; store/remove.py remove_source_rejections): this index finds such rows by the
-- text after the input's first "#" (SQLite's spelling, store/sqlite.py after_hash), where a
-- suffix test read every rejection. Re-runnable.
CREATE INDEX IF NOT EXISTS rejections_record ON rejections(substr(input, instr(input, '#') + 1));
