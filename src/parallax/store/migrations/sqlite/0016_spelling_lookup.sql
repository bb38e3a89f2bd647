-- An entity page answers any name an article of the store wrote for the entity, not only its
-- canonical name (thirty-second session, helper N10; store/shown_names.py ``entity_spelt``):
-- "/entity/Tomas Brannock" was a 404 where the canonical is "Tomás Brannock". The spelling
-- votes of migration 0012 hold each article's name in ``detail``; this index finds them by it
-- (the 0009 index leads with the canonical name). Partial: only the vote rows. Re-runnable.
CREATE INDEX IF NOT EXISTS article_facets_spelt ON article_facets(detail, value)
    WHERE kind IN ('spelling', 'transliterated');
