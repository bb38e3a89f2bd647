"""Whose words a technique span sits in: the author's, or a speaker the quote finder found.

Why: on straight news reports most wrong technique spans were words the author quotes or
reports ("ridiculous" inside a politician's quote), and a comparison counted them as the
outlet's propaganda. SemEval's annotators do label techniques inside quotes, so the label is
kept and only its attribution changes (``TechniqueSpan.quoted``).

A span belongs to a quote when at least half of its non-space characters lie inside the
quote's text (direct quotes: the words between the marks; reported speech: the reported
clause; "according to X": the sentence). Half, not all: a sentence-level label covers the
quote and its "he said"; a word span never straddles a quote mark in practice. Direct quotes
count even without a named speaker (someone else's words); reported speech only comes with a
speaker (the quote finder keeps no other).

The quotes are the quote stage's records only (``enrich.quotes``): its partial quotes (short
quoted phrases, ``kind="partial"``) and its speaker carry-over to an unnamed quote that goes on
from a named one moved there from here in the tenth session, so the voices table and this
attribution read one finder. Cost: one pass over the article's quotes per span.
"""

from __future__ import annotations

from collections.abc import Sequence

from parallax.records import Quote, QuotedBy, TechniqueSpan

#: share of a span's non-space characters that must lie inside a quote
INSIDE = 0.5


def _solid(text: str, start: int, end: int) -> int:
    return sum(not c.isspace() for c in text[max(0, start):max(start, end)])


def quote_of(text: str, start: int, end: int, quotes: Sequence[Quote]) -> Quote | None:
    """The quote holding most of ``text[start:end]``, if the quotes together hold at least
    ``INSIDE`` of it. Together, not the largest alone: a sentence label over "“A,” X said,
    adding “B.”" is X's words though neither half of the quote covers half the sentence (on
    BASIL straight news two such labels, a senator's two-part quote and a candidate's three
    quoted principles, were shown as the outlet's own; docs/framing.md, eleventh session)."""
    size = _solid(text, start, end)
    if size == 0:
        return None
    best, most, covered = None, 0, [False] * (end - start)
    for q in quotes:
        lo, hi = max(start, q.start), min(end, q.end)
        if hi > lo:
            covered[lo - start:hi - start] = [True] * (hi - lo)
            if (inside := _solid(text, lo, hi)) > most:
                best, most = q, inside
    if best is None:
        return None
    together = sum(1 for k, c in enumerate(covered) if c and not text[start + k].isspace())
    return best if together >= INSIDE * size else None


def attribute(text: str, spans: Sequence[TechniqueSpan], quotes: Sequence[Quote]) -> None:
    """Set ``quoted`` on every span in place (None: the author's own words)."""
    for span in spans:
        q = quote_of(text, span.start, span.end, quotes)
        span.quoted = None if q is None else QuotedBy(q.speaker, q.direct)
