-- An n-gram index for the scripts written without spaces between words (Chinese, Japanese):
-- their search read every article's title and text (thirty-first session, helper SM,
-- store/unspaced_search.py). Each article's runs of those characters give their character
-- pairs and each run's last character as ASCII tokens, computed by parallax_unspaced_grams (a
-- function the store registers on its connection: unspaced_search.unspaced_grams). Contentless:
-- the tokens are not stored twice. Rows of deleted articles stay (their rowid is never used
-- again: AUTOINCREMENT), so no delete trigger needs the function. Filled here from the stored
-- articles (made again, whole, when the migration runs again); the character class is
-- textutil.UNSPACED_CHAR.
DROP TRIGGER IF EXISTS articles_unspaced_ai;
DROP TABLE IF EXISTS articles_unspaced;
CREATE VIRTUAL TABLE articles_unspaced USING fts5(
    grams, content='', detail=none, tokenize='ascii'
);
CREATE TRIGGER articles_unspaced_ai AFTER INSERT ON articles
WHEN coalesce(new.title, '') || ' ' || new.text GLOB '*[぀-ヿ㐀-䶿一-鿿豈-﫿]*' BEGIN
    INSERT INTO articles_unspaced(rowid, grams)
    VALUES (new.rowid_, parallax_unspaced_grams(new.title, new.text));
END;
INSERT INTO articles_unspaced(rowid, grams)
    SELECT rowid_, parallax_unspaced_grams(title, text) FROM articles
    WHERE coalesce(title, '') || ' ' || text GLOB '*[぀-ヿ㐀-䶿一-鿿豈-﫿]*';
