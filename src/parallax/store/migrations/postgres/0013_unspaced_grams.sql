-- An n-gram index for the scripts written without spaces between words (Chinese, Japanese):
-- their search read every article's title and text (thirty-first session, helper SM,
-- store/unspaced_search.py). Each article's runs of those characters give their character
-- pairs and each run's last character as ASCII tokens ("u" and four hex digits a character),
-- the same tokens as unspaced_search.unspaced_grams gives SQLite; a GIN index on the
-- expression holds them (nothing stored beside it) and fills itself from the stored articles.
-- The character class is textutil.UNSPACED_CHAR.
CREATE OR REPLACE FUNCTION parallax_unspaced_grams(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT strip(to_tsvector('simple', coalesce(string_agg(g.token, ' '), '')))
FROM (SELECT (regexp_matches(coalesce(title, '') || ' ' || coalesce(body, ''),
                             '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g'))[1]
             AS run) r,
     LATERAL (SELECT 'u' || lpad(to_hex(ascii(substr(r.run, i, 1))), 4, '0')
                     || CASE WHEN i < length(r.run)
                             THEN lpad(to_hex(ascii(substr(r.run, i + 1, 1))), 4, '0')
                             ELSE '' END AS token
              FROM generate_series(1, length(r.run)) AS i) g
$$;
CREATE INDEX IF NOT EXISTS articles_unspaced ON articles
    USING GIN (parallax_unspaced_grams(title, text));
