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
