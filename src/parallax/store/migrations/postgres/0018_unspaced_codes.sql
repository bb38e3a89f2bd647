-- The n-gram index of Chinese and Japanese (migration 0013) as integers (thirty-second session,
-- helper CJ; store/postgres.py unspaced_index): its tsvector of ASCII tokens was 268 MB at
-- 20,000 articles of 1,000 characters, 4 times the articles' own table. A character is its
-- index among the 28,288 characters of textutil.UNSPACED_CHAR (the four ranges in order), a
-- pair of neighbours in a run a * 28288 + b (under 2^31); each article's distinct pairs (int[])
-- and distinct characters (smallint[]: a code is under 2^15) are two columns under GIN, so a query of pairs asks the first and
-- a query of one character the second (an int[] has no prefix match: asking the pairs for a
-- character by its 28,289 possible pairs took 110 s, helper N10). A text longer than
-- unspaced_search.WHOLE characters is {-1} in both, which every query accepts (as 'uall').
-- Re-runnable: the function and trigger are replaced, the table and indexes made if missing,
-- filled for the stored articles it lacks (before its indexes, built then in one pass); the
-- tsvector table and its function go. PL/pgSQL, its body on one line (migrations._statements
-- splits at a line's ';'): the same body as an SQL function took 6-8 ms an article of 1,000
-- characters, 4 times 0013's function, where PL/pgSQL keeps its plan: 0.9 ms (0013's 1.3).
CREATE OR REPLACE FUNCTION parallax_unspaced_codes(title text, body text,
                                                   OUT pairs integer[], OUT chars smallint[])
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$ DECLARE w text := coalesce(title, '') || ' ' || coalesce(body, ''); BEGIN IF length(w) > 50000 THEN pairs := ARRAY[-1]; chars := ARRAY[-1]::smallint[]; RETURN; END IF; SELECT coalesce(array_agg(DISTINCT x.c * 28288 + x.n) FILTER (WHERE x.c IS NOT NULL AND x.n IS NOT NULL), '{}'), coalesce(array_agg(DISTINCT x.c::smallint) FILTER (WHERE x.c IS NOT NULL), '{}') INTO pairs, chars FROM (SELECT k.c, lead(k.c) OVER (ORDER BY k.i) AS n FROM (SELECT CASE WHEN o BETWEEN 12352 AND 12543 THEN o - 12352 WHEN o BETWEEN 13312 AND 19903 THEN o - 13120 WHEN o BETWEEN 19968 AND 40959 THEN o - 13184 WHEN o BETWEEN 63744 AND 64255 THEN o - 35968 END AS c, u.i FROM unnest(string_to_array(w, NULL)) WITH ORDINALITY AS u(ch, i), LATERAL ascii(u.ch) AS o) k) x; END $$;
CREATE TABLE IF NOT EXISTS articles_unspaced_codes (
    article     BIGINT PRIMARY KEY REFERENCES articles(rowid_) ON DELETE CASCADE,
    pairs       integer[] NOT NULL,
    chars       smallint[] NOT NULL
);
-- both arrays out of line (TOAST) from 128 bytes: a row then holds little more than its
-- article, so a query that the index answers with most articles reads ~200 pages of rows, not
-- the ~2,200 that the characters kept inline took (a character in every article, 19 -> 4 ms)
ALTER TABLE articles_unspaced_codes SET (toast_tuple_target = 128);
CREATE OR REPLACE FUNCTION parallax_unspaced_index() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN INSERT INTO articles_unspaced_codes (article, pairs, chars) SELECT NEW.rowid_, c.pairs, c.chars FROM parallax_unspaced_codes(NEW.title, NEW.text) c; RETURN NULL; END $$;
DROP TRIGGER IF EXISTS articles_unspaced_ai ON articles;
CREATE TRIGGER articles_unspaced_ai AFTER INSERT ON articles FOR EACH ROW
    WHEN (coalesce(NEW.title, '') || ' ' || NEW.text
          ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]')
    EXECUTE FUNCTION parallax_unspaced_index();
INSERT INTO articles_unspaced_codes (article, pairs, chars)
    SELECT a.rowid_, c.pairs, c.chars FROM articles a,
           LATERAL parallax_unspaced_codes(a.title, a.text) c
    WHERE coalesce(a.title, '') || ' ' || a.text
          ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]'
    ON CONFLICT DO NOTHING;
CREATE INDEX IF NOT EXISTS articles_unspaced_pairs ON articles_unspaced_codes USING GIN (pairs);
CREATE INDEX IF NOT EXISTS articles_unspaced_chars ON articles_unspaced_codes USING GIN (chars);
DROP TABLE IF EXISTS articles_unspaced;
DROP FUNCTION IF EXISTS parallax_unspaced_grams(text, text);
