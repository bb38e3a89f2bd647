-- The n-gram index of migration 0013 was filled by an insert trigger calling
-- parallax_unspaced_grams, a function Parallax registers on its own connections only: another
-- SQLite client (the sqlite3 shell, a script) inserting a Chinese or Japanese article failed
-- with "no such function" (thirty-first session, helper N9). The trigger now only queues the
-- article's rowid, in plain SQL any client runs; the store computes the queued articles' tokens
-- in Python (store/unspaced_queue.py) before each of its write transactions commits and when
-- it opens, and until then a search takes every queued article as a candidate (its substring
-- tests decide), so the answers are the same. Re-runnable.
DROP TRIGGER IF EXISTS articles_unspaced_ai;
CREATE TABLE IF NOT EXISTS articles_unspaced_queue (
    article     INTEGER PRIMARY KEY
);
DROP TRIGGER IF EXISTS articles_unspaced_queue_ai;
CREATE TRIGGER articles_unspaced_queue_ai AFTER INSERT ON articles
WHEN coalesce(new.title, '') || ' ' || new.text GLOB '*[぀-ヿ㐀-䶿一-鿿豈-﫿]*' BEGIN
    INSERT OR IGNORE INTO articles_unspaced_queue(article) VALUES (new.rowid_);
END;
