"""How an article's publication time is shown where no date was read from it.

A relative time ("5 hours ago", "vor 3 Stunden", "вчера") counts from the moment the page was
read. With that moment known (a live fetch, a saved page's own ``Date``) the segmenter turns it
into a date (``segment.dates.resolve``); a text dump or a file on disk does not say when it was
saved, so its "5 hours ago" is no date: the JSON keeps the words as written with ``iso`` null,
and every place that shows a time says the time is unknown instead of showing the words as if
they were one. The demo's Korvan Today showed "5 hours ago" as its article's time
(twenty-seventh session, helper N4; decided in the twenty-eighth session, helper RW).
"""

from __future__ import annotations

import re

from parallax.segment.dates import RELATIVE_TEXT

_RELATIVE = re.compile(RELATIVE_TEXT, re.IGNORECASE)
UNKNOWN = "time unknown"


def relative_only(text: str | None, iso: str | None) -> bool:
    """A time written relative to a moment that is not known: no date."""
    return bool(text) and not iso and _RELATIVE.search(text or "") is not None


def shown_time(text: str | None, iso: str | None = None, unknown: str = UNKNOWN) -> str:
    """The written time of an article that has no ISO date, as a reader should see it."""
    if relative_only(text, iso):
        return f"{UNKNOWN} (“{text}”, counted from an unknown time)"
    return text or unknown


#: days that stand for "no date" in exports and feeds at midnight: SQL Server's and
#: spreadsheets' zero day, Unix time 0; with the years before 1900 (.NET's and feeds'
#: "0001-01-01", helper N6's "Mon, 01 Jan 0001 00:00:00 GMT") and from 2200 ("9999-12-31"),
#: such a date was stored as the article's day, and the story's timeline put it first: the
#: outlet that "reported first" by a null date (helper N8)
_NULL_DAYS = ("1900-01-01", "1970-01-01")


def real_iso(iso: str | None) -> str | None:
    """``iso`` unless it is a placeholder for no date (above)."""
    if not iso or not iso[:4].isdigit() or not 1900 <= int(iso[:4]) < 2200:
        return None
    if iso[:10] in _NULL_DAYS and iso[11:19] in ("", "00:00:00"):
        return None
    return iso
