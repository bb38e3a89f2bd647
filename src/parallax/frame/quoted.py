"""Whose words a technique span sits in: the author's, or a speaker the quote finder found.

Why: on straight news reports most wrong technique spans were words the author quotes or
reports ("ridiculous" inside a politician's quote), and a comparison counted them as the
outlet's propaganda. SemEval's annotators do label techniques inside quotes, so the label is
kept and only its attribution changes (``TechniqueSpan.quoted``).

A span belongs to a quote when at least half of its non-space characters lie inside the
quote's text (direct quotes: the words between the marks; reported speech: the reported
clause; "according to X": the sentence). Half, not all: a sentence-level label covers the
quote and its "he said"; a word span never straddles a quote mark in practice. Direct quotes
count even without a named speaker (a partial quote is still someone else's words); reported
speech only comes with a speaker (the quote finder keeps no other). A direct quote with no
speaker that follows a named one within ``GAP`` characters is the same speaker going on
(``continued_speaker``).

A phrase of at most three words between double quotation marks that the quote finder dropped as
a scare quote counts as quoted too, speaker unknown, when a speech or labelling verb stands near
it (the quote stage's cues, or "described as", "labelled", "branded", "condemning"... up to 150
characters before it or 40 after, on its line): "condemning “racist elements”", "described the
probe as a “witch hunt”". Without the verb rule, of 25 such phrases read in SemEval training
articles' shown spans, 18 were someone's words and 6 the author's own scare quotes ("the
“moderates”", "whose only “crime”"); with it, 12 and 1. Single quotes are left out
(apostrophes). Cost: one regex pass per article and one pass over its quotes per span, about
0.1 ms per BASIL article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.enrich.quotes import CUE_RX
from parallax.records import Quote, QuotedBy, TechniqueSpan

#: share of a span's non-space characters that must lie inside a quote
INSIDE = 0.5
#: a short phrase between double quotation marks (one line), a partial quote
SHORT = re.compile(r"(?<![\w])[\"“«„]([^\"“”«»„\n]{1,80}?)[\"”»“](?![\w])")
SHORT_WORDS = 3
#: verbs that put words in someone's mouth, beyond the quote stage's cues
LABELLING = re.compile(r"(?<![\w])(?:say|saying|tells?|tweet\w*|describ\w*|label\w*|brand\w*|"
                       r"dubb?\w*|term(?:s|ed)|call(?:s|ing)?|refer\w*|accus\w*|condemn\w*|"
                       r"denounc\w*|decr[iy]\w*|touted|quot\w*)(?![\w])", re.IGNORECASE)
BEFORE, AFTER = 150, 40
#: characters between a quote and the unnamed one that goes on from it
GAP = 200


def _solid(text: str, start: int, end: int) -> int:
    return sum(not c.isspace() for c in text[max(0, start):max(start, end)])


def quote_of(text: str, start: int, end: int, quotes: Sequence[Quote]) -> Quote | None:
    """The quote holding most of ``text[start:end]``, if it holds at least ``INSIDE``."""
    size = _solid(text, start, end)
    if size == 0:
        return None
    best, most = None, 0
    for q in quotes:
        lo, hi = max(start, q.start), min(end, q.end)
        if hi > lo and (inside := _solid(text, lo, hi)) > most:
            best, most = q, inside
    return best if best is not None and most >= INSIDE * size else None


def partial_quotes(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """Short double-quoted phrases no found quote covers, as quotes with no speaker."""
    out = []
    for m in SHORT.finditer(text):
        start, end = m.start(1), m.end(1)
        if (len(m.group(1).split()) > SHORT_WORDS
                or any(q.start < end and start < q.end for q in quotes)):
            continue
        lo = max(text.rfind("\n", 0, start) + 1, start - BEFORE)
        line_end = text.find("\n", end)
        hi = min(len(text) if line_end < 0 else line_end, end + AFTER)
        near = text[lo:m.start()] + " " + text[m.end():hi]
        if CUE_RX.search(near) or LABELLING.search(near):
            out.append(Quote(m.group(1), start, end, None, None, True))
    return out


def continued_speaker(quote: Quote, quotes: Sequence[Quote]) -> str | None:
    """The speaker of a direct quote the quote stage named nobody for, when it goes on from
    the quote just before ("…," Pelosi said. "Failure to …"): that quote's speaker, if it
    ends at most ``GAP`` characters earlier. On BASIL's training events every unnamed quote
    read by hand (12) had its speaker in the sentence before."""
    before = [q for q in quotes if q.end <= quote.start and q is not quote]
    if not before:
        return None
    last = max(before, key=lambda q: q.end)
    return last.speaker if last.speaker and quote.start - last.end <= GAP else None


def attribute(text: str, spans: Sequence[TechniqueSpan], quotes: Sequence[Quote]) -> None:
    """Set ``quoted`` on every span in place (None: the author's own words)."""
    every = [*quotes, *partial_quotes(text, quotes)] if spans else []
    for span in spans:
        q = quote_of(text, span.start, span.end, every)
        if q is None:
            span.quoted = None
            continue
        speaker = q.speaker
        if speaker is None and q.direct and any(q is found for found in quotes):
            speaker = continued_speaker(q, quotes)  # not for short partial quotes
        span.quoted = QuotedBy(speaker, q.direct)
