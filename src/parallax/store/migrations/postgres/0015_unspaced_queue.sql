-- SQLite's migration 0015 makes its n-gram index's insert trigger plain SQL (another client's
-- insert no longer needs a function only Parallax registers). PostgreSQL's trigger (0013) is
-- SQL already: nothing changes here; the version keeps the folders in step.
SELECT 1;
