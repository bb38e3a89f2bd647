"""The header a browser's reader view writes above an article, read off a pasted copy.

Copying an article from Firefox's Reader View (select all, paste into a ``.txt``) is a common
way to save a clean article, and the copy opens with the view's own header: the site's domain,
the title, the byline as Readability found it (no "By"), and the reading time ("3–4
minutes"). Read as a dump, the domain, the byline and the reading time opened the article's
text, and the author was lost (helper NW, round ten). The reading time anchors the shape: only
a copy whose first lines are a domain, a title, at most one byline and such a time is read
so; the domain and the time become furniture, the byline the author, the domain a hint of
the outlet (confirmed only by an outlet the user's other inputs name, ``ingest/outlets.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: "3–4 minutes", "1 minute", in the languages Firefox writes it in for the project's
#: languages (en, de, fr, es, it, pt, ru, uk, pl, bg)
_TIME = re.compile(r"\d{1,3}(?:\s?[–-]\s?\d{1,3})?\s(?:minutes?|minuten?|minutos?|minuti|minuto|"
                   r"минут[аы]?|хвилин[аи]?|minut[ay]?|минути|минута)", re.IGNORECASE)
#: a host name as the view shows it ("dunmerepost.example", "www.coast.example"), its last
#: label letters, a top-level domain ("3.5" above a heading and "20 minutes" is a manual's
#: step, not a reader view's header; helper R)
_DOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}"
                     r"[a-z0-9])?){0,5}\.(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})", re.IGNORECASE)
_BY = re.compile(r"(?:by|von|par|por|di|de)\s+", re.IGNORECASE)
#: the lines looked at: domain, title, byline, time, with blank lines between them
_HEAD_LINES = 12


@dataclass
class Header:
    domain: str
    time: str
    author: str | None


def _byline(line: str) -> str | None:
    """The author a byline names, or None when the line is no plain byline (a date, a
    sentence): it then stays in the text for the segmenter to read."""
    name = _BY.sub("", line, count=1) if _BY.match(line) else line
    words = name.split()
    if not 1 <= len(words) <= 10 or any(c.isdigit() for c in name) or name.endswith((".", "?",
                                                                                      "!")):
        return None
    return " ".join(words)


def split_header(text: str) -> tuple[str, Header | None]:
    """The text without the reader view's domain, byline and time lines, and what they say;
    the text unchanged and None when it does not open so."""
    rows = text.splitlines(keepends=True)
    filled = [i for i, row in enumerate(rows[:_HEAD_LINES]) if row.strip()][:4]
    if len(filled) < 3 or not _DOMAIN.fullmatch(rows[filled[0]].strip()):
        return text, None
    at = next((k for k in (2, 3) if k < len(filled) and _TIME.fullmatch(rows[filled[k]].strip())),
              None)
    if at is None:
        return text, None
    author = None
    if at == 3:  # domain, title, byline, time
        author = _byline(rows[filled[2]].strip())
        if author is None:
            return text, None
    dropped = {filled[0], filled[at]} | ({filled[2]} if at == 3 else set())
    kept = "".join(row for i, row in enumerate(rows) if i not in dropped)
    return kept, Header(rows[filled[0]].strip(), rows[filled[at]].strip(), author)


__all__ = ["Header", "split_header"]
