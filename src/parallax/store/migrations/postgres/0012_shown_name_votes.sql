-- An entity's shown name is the spelling most of its articles use, not the first one seen
-- (see sqlite/0012 and store/shown_names.py): the stored articles' votes, from their analysis.
INSERT INTO article_facets (article, kind, value, detail, count)
    SELECT a.id,
           CASE WHEN e->>'text' ~ '[Ѐ-ӿ]'
                 AND coalesce(e->>'linked_from', e->>'canonical') !~ '[Ѐ-ӿ]'
                THEN 'transliterated' ELSE 'spelling' END,
           e->>'canonical', coalesce(e->>'linked_from', e->>'canonical'), count(*)
    FROM articles a, jsonb_array_elements(a.analysis::jsonb -> 'entities') e
    WHERE e->>'canonical' IS NOT NULL AND coalesce(e->>'type', '') <> 'DATE'
      AND a.role = 'main'
    GROUP BY 1, 2, 3, 4
    ON CONFLICT DO NOTHING;
