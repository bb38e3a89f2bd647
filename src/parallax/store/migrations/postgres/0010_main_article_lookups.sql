-- The stories page offers every outlet of the main articles (store/browse.py facet_options),
-- read through the role index from every main article's row; with the outlet beside the role
-- it is read from the index alone (twenty-fourth session, helper W, docs/web.md: 114 -> 9 ms
-- at 100,000 made-up articles). An index on (role, language) was tried and left out: without
-- statistics SQLite then led an outlet-and-language filter by the language.
CREATE INDEX IF NOT EXISTS articles_role_outlet ON articles(role, outlet);
