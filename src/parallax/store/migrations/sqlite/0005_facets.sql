-- What each article is about, one row per (kind, value): the web app filters stories and builds
-- entity and outlet pages from this index instead of parsing every analysis. Filled on save;
-- existing rows are indexed here from their stored analysis (SQLite JSON1).
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
INSERT OR IGNORE INTO article_facets (article, kind, value, detail, count)
    SELECT a.id, 'entity', json_extract(e.value, '$.canonical'),
           coalesce(json_extract(e.value, '$.type'), ''), count(*)
    FROM articles a, json_each(a.analysis, '$.entities') e
    WHERE json_extract(e.value, '$.canonical') IS NOT NULL
    GROUP BY a.id, json_extract(e.value, '$.canonical'), json_extract(e.value, '$.type');
INSERT OR IGNORE INTO article_facets (article, kind, value, detail, count)
    SELECT a.id, 'role', json_extract(r.value, '$.entity'),
           coalesce(json_extract(r.value, '$.main_role'), ''), 1
    FROM articles a, json_each(a.analysis, '$.roles') r
    WHERE json_extract(r.value, '$.entity') IS NOT NULL;
INSERT OR IGNORE INTO article_facets (article, kind, value, detail, count)
    SELECT a.id, 'narrative', json_extract(n.value, '$.label'),
           coalesce(json_extract(n.value, '$.sub'), ''), 1
    FROM articles a, json_each(a.analysis, '$.narratives') n
    WHERE json_extract(n.value, '$.label') IS NOT NULL;
INSERT OR IGNORE INTO article_facets (article, kind, value, detail, count)
    SELECT a.id, 'technique', json_extract(t.value, '$.technique'), '', count(*)
    FROM articles a, json_each(a.analysis, '$.techniques') t
    WHERE json_extract(t.value, '$.technique') IS NOT NULL
    GROUP BY a.id, json_extract(t.value, '$.technique');
