"""Page-level context columns of the line model: where the page's title comes back, and whether
a reader-comment thread has started above a line.

Why: the line model's other features look at a line and its ±20 neighbours, so on a page whose
article is short it cannot tell the story from a sidebar of similar prose, nor a story from the
comment thread under it (the thread's lines read like article text). Two signals of the whole
page settle many of these: a dump that starts with the page title (made up: "Ann's Notebook:
Sometimes, less is enough") repeats the headline just above the article ("Sometimes, less is
enough"), and a comments heading ("385 Comments", "Leave a comment") ends the story.
On the training sites' out-of-fold line probabilities these four columns lifted the region
chooser's mean per-dump word F1 from 0.843 to 0.859 (docs/segmentation.md, fifth session).
"""

from __future__ import annotations

import re
from operator import is_
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from parallax.segment.patterns import comments_start_lines
from parallax.segment.threads import PROSE_LINE_WORDS, THREAD_AFTER_WORDS

if TYPE_CHECKING:
    from parallax.segment.lines import Line

NAMES = ("title_repeat", "after_title", "comments_above")
#: a title repeat is looked for this far into the page (headlines come before the article)
TITLE_REACH = 400
_PREFIX = re.compile(r"^(#{1,6}\s+|[-*+]\s+)")
# "Site: Headline", "Headline | Site", "Headline - Site", "Site » Section » Headline"
_TITLE_PARTS = re.compile(r"\s+[|:–—»·/-]+\s+|:\s+")


def _norm(text: str) -> str:
    return " ".join(_PREFIX.sub("", text).lower().split())


#: the last page ``title_repeats`` was asked about (its lines) and the answer
_last: tuple[tuple[Line, ...], list[int]] | None = None


def title_repeats(lines: list[Line]) -> list[int]:
    """Lines (after the first) that repeat the first line or one of its parts of 2+ words, or
    (3+ words) its start or end: the headline under a page title.

    Remembered for the last page, the same ``Line`` objects (nothing changes a ``Line`` after
    ``read_lines`` built it): the line model's context column and the header's page title
    (``header.page_title``, once per decoder pass) ask about the same page, and the scan of
    up to ``TITLE_REACH`` lines was ~0.04 ms a real dump each time."""
    global _last
    last = _last
    if last is not None and len(last[0]) == len(lines) and all(map(is_, last[0], lines)):
        return list(last[1])
    found = _title_repeats(lines)
    _last = (tuple(lines), found)
    return list(found)


def _title_repeats(lines: list[Line]) -> list[int]:
    if len(lines) < 2:
        return []
    first = _norm(lines[0].text)
    parts = {p.strip() for p in _TITLE_PARTS.split(first) if len(p.split()) >= 2} | {first}
    # a repeat has at most the title's words (+1: a Markdown/list prefix) and, unless the title
    # is one word, at least 2 (parts have 2+ words): most lines are longer or one-word menus
    high, low = lines[0].words + 1, min(2, len(first.split()))
    found = []
    for i in range(1, min(len(lines), TITLE_REACH)):
        line = lines[i]
        if not low <= line.words <= high or line.text.rsplit(None, 1)[-1].lower() not in first:
            continue  # a repeat lies inside the title, its last word too
        text = _norm(line.text)
        if text and (text in parts or (len(text.split()) >= 3
                                       and (first.startswith(text) or first.endswith(text)))):
            found.append(i)
    return found


def context_columns(lines: list[Line], heads: set[int] | None = None) -> npt.NDArray[np.float64]:
    """One ``NAMES`` row per line. ``heads``: the page's ``comments_start_lines`` if known."""
    n = len(lines)
    out = np.zeros((n, len(NAMES)))
    repeats = title_repeats(lines)
    if repeats:
        first = repeats[0]
        out[repeats, 0] = 1.0
        out[first + 1:, 1] = 1.0
    if heads is None:
        heads = comments_start_lines([line.text for line in lines])
    if heads:
        # a heading counts below 60 words of prose lines (10+ words), as for the decoder: a
        # byline's "4 Comments" or a feed menu's "Comments" above the story opens no thread
        prose = np.cumsum([line.words if line.words >= PROSE_LINE_WORDS else 0
                           for line in lines])
        counted = [i for i in sorted(heads) if i and prose[i - 1] >= THREAD_AFTER_WORDS]
        if counted:
            out[counted[0] + 1:, 2] = 1.0
    return out


__all__ = ["NAMES", "context_columns", "title_repeats"]
