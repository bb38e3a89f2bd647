"""A learnt filter over trafilatura's paragraphs: drops what it keeps that is not article text.

Why: with ``favor_recall`` trafilatura skips its link-density pruning and keeps paragraphs a
reader would not call the article (blogrolls and "related" link lists, layout-table rows of
menus, comment-form notes, captions, script text). Dropping exactly those would raise HTML F1 on
the training sites from 0.893 to 0.924, and hand rules found little of it (docs/segmentation.md,
"HTML, fourth session" and "HTML, eighth session"). The trees here see each paragraph with its
neighbours, its place in trafilatura's text and on the page's visible blocks, and how much of it
is link text on the page (``benchmarks/train_html_filter.py``, model card
``data/html-paragraphs-v1.md``): training sites out of fold by site 0.8927 -> 0.8951, held out
0.8962 -> 0.8983 (133 of 459 pages change: 111 gain, 22 lose).

The page's anchors are read as a set of link texts: a paragraph's link share is the share of
its cells (table rows split at ``|``, a list item without its ``- ``) that are whole link texts.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np

from parallax.segment.lines import paragraph_like
from parallax.segment.render import Block
from parallax.segment.trees import TreeEnsemble, packaged, scored_blocks

NAMES = ("log_words", "chars", "prose", "ends_sentence", "table_row", "bars", "list_item",
         "code", "digit_share", "caps_per_word", "place", "words_before", "words_after",
         "paragraphs", "log_page_words", "from_end", "from_start", "prose_prev", "prose_next",
         "log_words_prev", "log_words_next", "on_page", "gap_before", "gap_after",
         "page_place", "from_longest", "prose_share", "prose_near", "link_share",
         "link_share_near", "block_tag", "kept_share", "comment_words")
# a paragraph's digit share, capitals and comment cues are read in its first characters / words:
# over whole paragraphs these cost more than the trees (the filter runs on every HTML page)
_HEAD_CHARS = 160
_HEAD_WORDS = 30
_DIGITS = "0123456789"
_TAG_CODES = {"h1": 1, "h2": 1, "h3": 1, "h4": 1, "h5": 1, "h6": 1, "li": 2, "p": 3}
# words of a comment's byline or form ("John says:", "2 hours ago", "Reply"), in a paragraph's start
_COMMENT_CUES = ("says:", "said:", "wrote:", " ago", "reply", "posted by", "comment")
_ENDS = (".", "!", "?", '"', "”", "»")
#: the article kept after the filter must hold this many characters, else nothing is dropped
KEEP_MIN_CHARS = 250


def _code(paragraph: str) -> bool:
    """Script text trafilatura kept ("var _gaq = ...;", "})();")."""
    return paragraph.rstrip().endswith((";", "{", "}")) or paragraph.startswith(
        ("var ", "function")) or "document." in paragraph or "window." in paragraph


def _cells(paragraph: str) -> list[str]:
    if paragraph.startswith("|"):
        return [c.strip() for c in paragraph.strip("|").split("|")]
    return [paragraph[2:] if paragraph.startswith("- ") else paragraph]


def link_share(paragraph: str, anchors: set[str]) -> float:
    """The share of the paragraph's characters in cells that are whole link texts."""
    cells = [c for c in _cells(paragraph) if c]
    total = sum(len(c) for c in cells) or 1
    return sum(len(c) for c in cells if c in anchors) / total


def block_at(paragraphs: list[str], visible: list[Block]) -> list[int | None]:
    """Each paragraph's visible block: the first whose text it is (None: not one)."""
    where: dict[str, int] = {}
    for k, block in enumerate(visible):
        where.setdefault(block.text, k)
    return [where.get(p) for p in paragraphs]


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """``values`` moved ``by`` places (+1: each row sees the one before), -1 where none is."""
    out = np.full(len(values), -1.0)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def features(paragraphs: list[str], anchors: set[str], visible: list[Block]) -> np.ndarray:
    """One row per paragraph (``NAMES``); ``visible``: the page's visible blocks.

    Column by column, plain string methods: it runs on every HTML page (~30 paragraphs), where
    regular expressions over long paragraphs or a Python row per paragraph cost more than the
    trees (each paragraph's digits, capitals and comment cues are read in its first words)."""
    n = len(paragraphs)
    at = block_at(paragraphs, visible)
    tokens = [p.split() for p in paragraphs]
    w = np.array([len(t) for t in tokens], dtype=np.float64)
    total = float(w.sum()) or 1.0
    prose = np.array([paragraph_like(p, len(t)) for p, t in zip(paragraphs, tokens, strict=True)],
                     dtype=np.float64)
    links = np.array([link_share(p, anchors) for p in paragraphs], dtype=np.float64)
    heads = [p[:_HEAD_CHARS] for p in paragraphs]
    x = np.empty((n, len(NAMES)), dtype=np.float64)
    index = np.arange(n, dtype=np.float64)
    log_w = np.log1p(w)
    done = np.cumsum(w)
    x[:, 0] = log_w
    x[:, 1] = [len(p) for p in paragraphs]
    x[:, 2] = prose
    x[:, 3] = [p.rstrip().endswith(_ENDS) for p in paragraphs]
    x[:, 4] = [p.startswith("|") for p in paragraphs]
    x[:, 5] = [p.count("|") for p in paragraphs]
    x[:, 6] = [p.startswith("- ") for p in paragraphs]
    x[:, 7] = [_code(p) for p in paragraphs]
    x[:, 8] = [sum(map(h.count, _DIGITS)) / max(1, len(h)) for h in heads]
    x[:, 9] = [sum(map(str.isupper, [t[0] for t in ts[:_HEAD_WORDS]]))
               / max(1, min(len(ts), _HEAD_WORDS)) for ts in tokens]
    x[:, 10] = index / n
    x[:, 11] = (done - w) / total
    x[:, 12] = (total - done) / total
    x[:, 13] = n
    x[:, 14] = math.log1p(total)
    x[:, 15] = n - 1 - index
    x[:, 16] = index
    x[:, 17] = _shift(prose, 1)
    x[:, 18] = _shift(prose, -1)
    x[:, 19] = _shift(log_w, 1)
    x[:, 20] = _shift(log_w, -1)
    # the nearest paragraph before / after that is a visible block of the page
    before_b: list[int | None] = []
    last: int | None = None
    for b in at:
        before_b.append(last)
        last = b if b is not None else last
    after_b: list[int | None] = [None] * n
    last = None
    for i in range(n - 1, -1, -1):
        after_b[i] = last
        last = at[i] if at[i] is not None else last
    x[:, 21] = [b is not None for b in at]
    x[:, 22] = [b - p if b is not None and p is not None else -1
                for b, p in zip(at, before_b, strict=True)]
    x[:, 23] = [q - b if b is not None and q is not None else -1
                for b, q in zip(at, after_b, strict=True)]
    x[:, 24] = [b / len(visible) if b is not None else -1 for b in at]
    x[:, 25] = index - (int(np.argmax(w)) if n else 0)
    x[:, 26] = prose.sum() / n if n else 0.0
    prose_words = np.concatenate(([0.0], np.cumsum(w * prose)))
    ends = np.minimum(n, np.arange(n) + 4)
    starts = np.maximum(0, np.arange(n) - 3)
    x[:, 27] = (prose_words[ends] - prose_words[starts]) / total
    x[:, 28] = links
    link_sums = np.concatenate(([0.0], np.cumsum(links)))
    ends = np.minimum(n, np.arange(n) + 3)
    starts = np.maximum(0, np.arange(n) - 2)
    x[:, 29] = (link_sums[ends] - link_sums[starts]) / (ends - starts)
    x[:, 30] = [_TAG_CODES.get(visible[b].tag, 0) if b is not None else -1 for b in at]
    x[:, 31] = sum(len(p) for p in paragraphs) / max(1, sum(len(b.text) for b in visible))
    x[:, 32] = [any(map(h.lower().__contains__, _COMMENT_CUES)) for h in heads]
    return x


class ParagraphFilter:
    def __init__(self, trees: TreeEnsemble, threshold: float) -> None:
        self.trees = trees
        self.threshold = threshold

    def keep(self, paragraphs: list[str], anchors: set[str], visible: list[Block]) -> list[bool]:
        """Which paragraphs are article text; all of them when fewer than ``KEEP_MIN_CHARS``
        characters would stay (a short answer is worse than a noisy one)."""
        if len(paragraphs) < 2:
            return [True] * len(paragraphs)
        p = self.trees.probabilities(features(paragraphs, anchors, visible))
        keep = [bool(v >= self.threshold) for v in p]
        if all(keep) or sum(len(t) for t, k in zip(paragraphs, keep, strict=True) if k) \
                < KEEP_MIN_CHARS:
            return [True] * len(paragraphs)
        return keep


def from_dict(data: dict[str, Any]) -> ParagraphFilter:
    return ParagraphFilter(*scored_blocks(data, NAMES, "html paragraph filter"))


@cache
def default_filter() -> ParagraphFilter | None:
    data = packaged("html-paragraphs-v1.json")
    return None if data is None else from_dict(data)


__all__ = ["KEEP_MIN_CHARS", "NAMES", "ParagraphFilter", "default_filter", "features",
           "from_dict", "link_share"]
