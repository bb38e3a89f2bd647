-- An n-gram index for the scripts written without spaces between words (Chinese, Japanese):
-- their search read every article's title and text (thirty-first session, helper SM,
-- store/unspaced_search.py). Each article's runs of those characters give their character
-- pairs and each run's last character as ASCII tokens ("u" and four hex digits a character),
-- the same tokens as unspaced_search.unspaced_grams gives SQLite, in a table of their own
-- under a GIN index (as SQLite's FTS5 table), written by a trigger for the articles holding
-- such characters and filled here for the stored ones. Not an index on the expression: the
-- function costs ~2 ms an article of 1,000 characters, and a plan that tested it on rows (a
-- sequential scan once the statistics said a character is in most articles) took 40 s for a
-- count of 20,000 articles; nor a column of the articles: their table grew, and a query whose
-- word is in most articles read it twice as slowly. The character class is
-- textutil.UNSPACED_CHAR.
-- The function reads each run as an array of its characters, each paired with the next (a
-- pair read by ``substr`` walked the run from its start: a run of 32,000 characters took 13 s,
-- and the tsvector holds 1 MB, about 80,000 distinct pairs); a text longer than
-- unspaced_search.WHOLE characters is the one token 'uall', which every query accepts
-- (thirty-first session, helper R).
CREATE OR REPLACE FUNCTION parallax_unspaced_grams(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE WHEN length(coalesce(title, '') || ' ' || coalesce(body, '')) > 50000
            THEN strip(to_tsvector('simple', 'uall'))
            ELSE (SELECT strip(to_tsvector('simple', coalesce(string_agg(g.token, ' '), '')))
                  FROM (SELECT string_to_array(m[1], NULL) AS chars
                        FROM regexp_matches(coalesce(title, '') || ' ' || coalesce(body, ''),
                             '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g')
                             AS m) r,
                       LATERAL (SELECT 'u' || lpad(to_hex(ascii(u.c)), 4, '0')
                                       || coalesce(lpad(to_hex(ascii(lead(u.c)
                                                   OVER (ORDER BY u.i))), 4, '0'), '') AS token
                                FROM unnest(r.chars) WITH ORDINALITY AS u(c, i)) g)
       END
$$;
CREATE TABLE IF NOT EXISTS articles_unspaced (
    article     BIGINT PRIMARY KEY REFERENCES articles(rowid_) ON DELETE CASCADE,
    grams       tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_unspaced_grams ON articles_unspaced USING GIN (grams);
CREATE OR REPLACE FUNCTION parallax_unspaced_index() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN INSERT INTO articles_unspaced (article, grams) VALUES (NEW.rowid_, parallax_unspaced_grams(NEW.title, NEW.text)); RETURN NULL; END $$;
DROP TRIGGER IF EXISTS articles_unspaced_ai ON articles;
CREATE TRIGGER articles_unspaced_ai AFTER INSERT ON articles FOR EACH ROW
    WHEN (coalesce(NEW.title, '') || ' ' || NEW.text
          ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]')
    EXECUTE FUNCTION parallax_unspaced_index();
INSERT INTO articles_unspaced (article, grams)
    SELECT rowid_, parallax_unspaced_grams(title, text) FROM articles
    WHERE coalesce(title, '') || ' ' || text
          ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]'
    ON CONFLICT DO NOTHING;
