-- A DATE mention ("2024", "October") was an entity facet: an entity page, a row of the
-- outlet page's entities, an entity filter of search (twenty-seventh session, helper N4,
-- docs/robustness.md). New articles write none (store/browse.py facets_of); the stored ones go.
DELETE FROM article_facets WHERE kind = 'entity' AND detail = 'DATE';
