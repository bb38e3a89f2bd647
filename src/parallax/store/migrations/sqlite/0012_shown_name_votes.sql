-- An entity's shown name is the spelling most of its articles use, not the first one seen
-- (twenty-eighth session, helper DN, store/shown_names.py): each article's names for an
-- entity are facet rows ('spelling', or 'transliterated' where a Cyrillic mention got a Latin
-- name), value the canonical name, detail the article's own name. New articles write them on
-- save (store/browse.py facets_of), a main article's only; the stored ones are indexed here.
INSERT OR IGNORE INTO article_facets (article, kind, value, detail, count)
    SELECT a.id,
           CASE WHEN json_extract(e.value, '$.text') GLOB '*[Ѐ-ӿ]*'
                 AND NOT coalesce(json_extract(e.value, '$.linked_from'),
                                  json_extract(e.value, '$.canonical')) GLOB '*[Ѐ-ӿ]*'
                THEN 'transliterated' ELSE 'spelling' END,
           json_extract(e.value, '$.canonical'),
           coalesce(json_extract(e.value, '$.linked_from'), json_extract(e.value, '$.canonical')),
           count(*)
    FROM articles a, json_each(a.analysis, '$.entities') e
    WHERE json_extract(e.value, '$.canonical') IS NOT NULL
      AND coalesce(json_extract(e.value, '$.type'), '') <> 'DATE' AND a.role = 'main'
    GROUP BY 1, 2, 3, 4;
