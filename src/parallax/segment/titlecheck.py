"""Whether a text dump's chosen headline is believable enough to show; else no headline.

Why: without the page's ``<title>`` copied on top, the header rules' headline was wrong on
about a third of real dumps (held out, fourteenth session: right 0.46–0.48, wrong 0.34–0.36): a
section label, a sidebar teaser, a "Published on …" line, a sign-in prompt, a photo caption.
A wrong headline is shown on every listing of the story; with none, listings show the text's
first words (``compare.overlap``, ``stories.profile``). The rules pick a line by its place;
what tells a real headline from furniture is how the page around it reads: a headline shares
its content words with the lead, sits just above its byline or date (or just below a kicker
or date line) and close above the body, is often repeated on the page, is near the page's top
and does not read as a paragraph. A logistic regression over ten such columns
(``NAMES``), fitted on training sites (``benchmarks/train_title_check.py``, model card
``data/title-check-v1.md``), says how likely the title is right; under ``threshold`` (0.35) the
article gets none. A title on another line that the page's first line confirms (its headline
part shares the title's words, ``headline.same_words``) is never judged: there the page's own
``<title>`` names it. Held out by site, measured once (fifteenth session): without the
title line wrong 0.336–0.357 -> 0.237–0.263 for right 0.462–0.479 -> 0.453–0.468; with it
wrong 0.061–0.082 -> 0.056–0.076, right 0.874–0.898 -> 0.871–0.892 (docs/segmentation.md).
"""

from __future__ import annotations

import math
import re
from functools import cache

from parallax.segment.header import KICKER, MD_HEADING, NAME_COMMA
from parallax.segment.headline import (
    BYLINE_START,
    MARKS,
    POSTED,
    content_words,
    first_line_offer,
    headline_like,
    lead_words,
    offer_confirms,
    page_title_headline,
    share_in,
)
from parallax.segment.lines import Line, paragraph_like
from parallax.segment.pagecontext import title_repeats
from parallax.segment.trees import packaged

NAMES = ("lead_share", "content_words", "gap_to_body", "meta_above", "meta_below", "repeats",
         "digit_share", "place", "reads_as_paragraph", "first_line")
#: the gap from the title line to the body's first line is read up to this (a title far from
#: its body is as unlikely at 10 lines as at 100)
GAP_CAP = 10
REPEAT_CAP = 4
#: a headline's byline, date or kicker is at most this many lines below it
META_REACH = 2
#: how far above the article's first line a headline is looked for when the traced title
#: was not borne out (a byline and a date line or two between them)
BELOW_REACH = 4
#: a list item's mark ("- ", "* ", "• "): a menu's or a list's line, no headline
BULLET = re.compile(r"\s*[-*•+]\s")
#: the title check's probability a headline below a dropped title needs, above the check's
#: own 0.35: on the 1,828 training pages' 4 renderings (with and without the page-title line),
#: 0.35 gave 214 right titles and 106 wrong where there were none, 0.85 66 / 10, 0.9 35 / 6,
#: 0.95 20 / 0 (twelve thresholds tried, helper NL)
BELOW_MIN = 0.95


def features(title: str, paragraphs: list[str], lines: list[Line],
             trace: list[tuple[str, str]]) -> list[float]:
    """The columns of ``NAMES`` for a main article's ``title`` (the decoder's trace gives the
    title's and the body's lines; a title read from elsewhere on the page is found by its
    text)."""
    at = title_line(title, lines, trace)
    body = next((i for i, (_, where) in enumerate(trace) if where == "body"), None)
    mine = content_words(title)
    share = share_in(mine, lead_words(paragraphs))
    gap = body - at if at is not None and body is not None else GAP_CAP
    above = lines[at - 1:at] if at is not None and at > 0 else []
    below = lines[at + 1:at + 1 + META_REACH] if at is not None else []
    text = lines[at].text if at is not None else title
    return [share, float(len(mine)), float(min(max(gap, -5), GAP_CAP)),
            float(any(map(_metadata, above))), float(any(map(_metadata, below))),
            float(min(sum(1 for line in lines if line.text == text), REPEAT_CAP)),
            sum(c.isdigit() for c in title) / max(1, len(title)),
            (at or 0) / max(1, len(lines)),
            float(paragraph_like(title, len(title.split()))), float(at == 0)]


def title_line(title: str, lines: list[Line], trace: list[tuple[str, str]]) -> int | None:
    """The index of the title's line: the decoder's title line, else the first line reading
    as the title (a headline taken from elsewhere on the page), else None."""
    at = next((i for i, (_, where) in enumerate(trace) if where == "title"), None)
    if at is None or at >= len(lines):
        # (``MARKS`` cuts a prefix only: a line that reads as the title holds it, a C-speed
        # test before the substitution, ~0.5 µs a line, on pages with no title line)
        at = next((line.index for line in lines
                   if title in line.text and MARKS.sub("", line.text).strip() == title), None)
    return at


def _metadata(line: Line) -> bool:
    """A byline, date, posting or kicker line ("Business · Site", "Jane Doe, Place") as the
    header rules read them."""
    text = MARKS.sub("", line.text).strip()
    return line.meta is not None or (line.words <= 16 and bool(
        POSTED.search(text) or BYLINE_START.match(text) or NAME_COMMA.match(text)
        or KICKER.match(text)))


def confirmed_by_first_line(title: str, lines: list[Line],
                            trace: list[tuple[str, str]]) -> bool:
    """Another line than the title's, the page's first, offers a headline
    (``first_line_offer``) sharing the title's content words as ``checked_title`` counts
    them: a short part (``short_title_part``) only when the title holds all its words, as
    there (it confirmed by overlap here; twenty-sixth session review). Why another: a title
    read off the first line agrees with itself, and without the page's ``<title>`` on top
    the first line is mostly chrome ("Sign in to your account", a site's tagline, a menu):
    on training sites 99 of 194 such self-confirmed titles were wrong."""
    first, short = first_line_offer(lines[0]) if lines else ("", False)
    if not first or title_line(title, lines, trace) == 0:
        return False
    return offer_confirms(content_words(title), content_words(first), short)


@cache
def _model() -> tuple[tuple[float, ...], float, float] | None:
    data = packaged("title-check-v1.json")
    if data is None or tuple(data["names"]) != NAMES:
        return None
    return tuple(float(w) for w in data["weights"]), float(data["bias"]), \
        float(data["threshold"])


def probability(title: str, paragraphs: list[str], lines: list[Line],
                trace: list[tuple[str, str]]) -> float:
    """How likely ``title`` is the article's headline (1.0 with no model shipped)."""
    model = _model()
    if model is None:
        return 1.0
    weights, bias, _ = model
    z = bias + sum(w * x for w, x in zip(weights, features(title, paragraphs, lines, trace),
                                         strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def shown_title(title: str, paragraphs: list[str], lines: list[Line],
                trace: list[tuple[str, str]]) -> str:
    """``title``, or "" when the page does not bear it out (see the module's docstring); then
    the page's first line in its place when that line reads as the page's ``<title>`` and the
    article bears it out better (``headline.page_title_headline``; never when the first line
    is the article's own first line)."""
    model = _model()
    if title and model is not None and not confirmed_by_first_line(title, lines, trace) \
            and probability(title, paragraphs, lines, trace) < model[2]:
        title = ""
    if not lines or (trace and trace[0][1] == "body"):
        return title
    return page_title_headline(title, paragraphs, lines, lambda: bool(title_repeats(lines)))


def headline_below(paragraphs: list[str], lines: list[Line],
                   trace: list[tuple[str, str]]) -> tuple[str, int] | None:
    """(the headline, its line) between a traced title the page did not bear out and the
    article, when the title check bears it out in the title's place; else None.

    Why: a dump that opens with the site's name (``lynx -dump``: the logo link above the
    menu; a page's ``<title>`` line "Coast Post" on top) had that name traced as the title;
    the check dropped it, and the headline under the menu stayed boilerplate or the article's
    first paragraph: no title at all (helper NW, round ten, left). The line looked at is the
    article's first line when it reads as a headline, else the nearest line above it that is
    not a byline or date; it is judged by the same model, traced as the title."""
    model = _model()
    wheres = [where for _, where in trace]
    if model is None or len(trace) != len(lines) or "title" not in wheres \
            or "body" not in wheres:
        return None
    at, body = wheres.index("title"), wheres.index("body")
    if body <= at or not paragraphs:
        return None
    for i in range(body, max(at, body - BELOW_REACH - 1), -1):
        line = lines[i]
        if i < body and line.meta is not None:
            continue
        text = MD_HEADING.sub("", line.text).strip()
        if line.words < 3 or line.phrase_kind is not None or not headline_like(line) \
                or line.meta is not None or BULLET.match(line.text) \
                or (i == body and paragraphs[0].strip() != line.text.strip()):
            if i == body:
                continue
            return None
        rest = paragraphs[1:] if i == body else paragraphs
        moved = [(t, "title" if j == i else "boilerplate" if j == at else where)
                 for j, (t, where) in enumerate(trace)]
        if rest and probability(text, rest, lines, moved) >= max(model[2], BELOW_MIN):
            return text, i
        return None
    return None


__all__ = ["NAMES", "confirmed_by_first_line", "features", "headline_below", "probability",
           "shown_title", "title_line"]
