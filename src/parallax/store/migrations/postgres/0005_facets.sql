-- The facet index behind story filters, entity and outlet pages (see sqlite/0005); existing
-- rows are indexed from their stored analysis with jsonb.
CREATE TABLE article_facets (
    article     TEXT NOT NULL REFERENCES articles(id),
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    count       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (article, kind, value, detail)
);
CREATE INDEX article_facets_value ON article_facets(kind, value);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
INSERT INTO article_facets (article, kind, value, detail, count)
    SELECT a.id, 'entity', e->>'canonical', coalesce(e->>'type', ''), count(*)
    FROM articles a, jsonb_array_elements(a.analysis::jsonb -> 'entities') e
    WHERE e->>'canonical' IS NOT NULL
    GROUP BY a.id, e->>'canonical', coalesce(e->>'type', '')
    ON CONFLICT DO NOTHING;
INSERT INTO article_facets (article, kind, value, detail, count)
    SELECT DISTINCT a.id, 'role', r->>'entity', coalesce(r->>'main_role', ''), 1
    FROM articles a, jsonb_array_elements(a.analysis::jsonb -> 'roles') r
    WHERE r->>'entity' IS NOT NULL
    ON CONFLICT DO NOTHING;
INSERT INTO article_facets (article, kind, value, detail, count)
    SELECT DISTINCT a.id, 'narrative', n->>'label', coalesce(n->>'sub', ''), 1
    FROM articles a, jsonb_array_elements(a.analysis::jsonb -> 'narratives') n
    WHERE n->>'label' IS NOT NULL
    ON CONFLICT DO NOTHING;
INSERT INTO article_facets (article, kind, value, detail, count)
    SELECT a.id, 'technique', t->>'technique', '', count(*)
    FROM articles a, jsonb_array_elements(a.analysis::jsonb -> 'techniques') t
    WHERE t->>'technique' IS NOT NULL
    GROUP BY a.id, t->>'technique'
    ON CONFLICT DO NOTHING;
