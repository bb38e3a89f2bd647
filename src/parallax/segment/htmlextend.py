"""A learnt extension of trafilatura's text: visible blocks next to (or inside) its span that it
dropped but that are article text, put back in page order.

Why: trafilatura leaves out lead paragraphs above the block it picks, last paragraphs below it
and sub-headings, lists and quotes between its paragraphs; on the training sites adding exactly
the dropped gold blocks around its span would raise HTML F1 by ~0.018, spread thinly over many
pages (docs/segmentation.md, "HTML, eleventh session"). Hand rules for it lost (the h1/h2 or short
blocks above the first paragraph, every block inside the span: docs, fourth and eighth sessions);
trees over each candidate block's size, prose shape, link share, tag, distance to the kept
paragraphs and the markup around it (``blockmarks``: a furniture- or article-marked container
and its share of the page) keep only the likely ones (``benchmarks/train_html_extend.py``,
model card ``data/html-blocks-v1.md``): training sites out of fold, end to end, 0.8951 ->
0.8963; held out 0.8983 -> 0.9000 (27 of 459 pages change, 23 gain); the markup columns
(twenty-fifth session) 0.90003 -> 0.90107 on the training sites through fold models.

A candidate is a visible block of the page within ``REACH`` blocks of the first/last block that
holds one of the kept paragraphs, or between them, that is none of trafilatura's own paragraphs
(what the filter or the comments cut dropped stays dropped), not the title, not a teaser or a
comment the markup rules found, not a figure caption, not a byline or date line (by the
text-dump rules, or a short block holding the page's author or shown date: the article's
metadata, not its text; the gold set's pages lost body precision 0.992 -> 0.967 when the trees
put them back), and whose words the kept text does not already hold.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Collection
from functools import cache
from typing import Any

import numpy as np

from parallax.segment.htmlfilter import block_at, link_share
from parallax.segment.lines import meta_kind, paragraph_like
from parallax.segment.render import Block
from parallax.segment.trees import TreeEnsemble, packaged, scored_blocks

NAMES = ("log_words", "chars", "prose", "ends_sentence", "block_tag", "link_share",
         "digit_share", "caps_per_word", "cues", "side", "gap_before", "gap_after",
         "outside_by", "prev_kept", "next_kept", "prose_prev", "prose_next", "log_words_prev",
         "log_words_next", "kept_share", "kept_blocks", "log_kept_words", "page_place",
         "span_holes", "table_row", "bars", "mark", "mark_share", "main_share", "mark_nearer")
#: how many visible blocks above the first / below the last kept block are candidates (a model
#: file may say otherwise: its "reach")
REACH = 3
_TAG_CODES = {"h1": 1, "h2": 1, "h3": 1, "h4": 1, "h5": 1, "h6": 1, "li": 2, "p": 3}
_ENDS = (".", "!", "?", '"', "”", "»")
# words of furniture and comment bylines in a block's first characters
_CUES = ("says:", "said:", "wrote:", " ago", "reply", "posted by", "comment", "share",
         "follow", "subscribe", "copyright", "©")
_TOKEN = re.compile(r"\w+")
# a byline or date line is short (as ``lines.meta_kind`` has it)
_META_WORDS = 25


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _grams(tokens: list[str]) -> set[tuple[str, ...]]:
    if len(tokens) < 4:
        return {tuple(tokens)} if tokens else set()
    return set(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


class _Kept:
    """The kept text's words, its word 4-grams and its words joined, each made when first asked
    for: they are most of the extension's time (a page's whole text)."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self._grams: set[tuple[str, ...]] | None = None
        self._joined: str | None = None

    def holds(self, text: str) -> bool:
        """Whether the kept text already holds the block's words (half its word 4-grams; a
        block of under four words: its words in a row), so adding it would repeat them."""
        tokens = _tokens(text)
        if len(tokens) < 4:
            if self._joined is None:
                self._joined = f" {' '.join(self.tokens)} "
            return f" {' '.join(tokens)} " in self._joined
        if self._grams is None:
            self._grams = _grams(self.tokens)
        own = _grams(tokens)
        return sum(g in self._grams for g in own) * 2 >= len(own)


def _metadata(text: str, marks: Collection[str]) -> bool:
    if len(text.split()) > _META_WORDS:
        return False
    return meta_kind(text) is not None or any(m in text for m in marks)


def _near(title: str, paragraphs: list[str], visible: list[Block],
          skip: Collection[str], reach: int = REACH) -> tuple[list[int | None], list[int]]:
    """Each paragraph's visible block (None: not one) and the blocks near the kept ones that
    pass the cheap tests (not kept, not skipped, not the title), in page order."""
    at = block_at(paragraphs, visible)
    kept = sorted({b for b in at if b is not None})
    if not kept:
        return at, []
    taken = set(kept)
    return at, [k for k in range(max(0, kept[0] - reach), min(len(visible), kept[-1] + reach + 1))
                if k not in taken and visible[k].text not in skip and visible[k].text != title]


def _new(title: str, paragraphs: list[str], visible: list[Block], blocks: list[int],
         marks: Collection[str]) -> list[int]:
    """The blocks that are neither metadata nor words the kept text already holds."""
    if not blocks:
        return []
    held = _Kept("\n".join([title, *paragraphs]))
    return [k for k in blocks if not held.holds(visible[k].text)
            and not _metadata(visible[k].text, marks)]


def candidates(title: str, paragraphs: list[str], visible: list[Block],
               skip: Collection[str], marks: Collection[str] = (), reach: int = REACH
               ) -> tuple[list[int | None], list[int]]:
    """Each paragraph's visible block (None: not one) and the candidate blocks, in page order;
    ``marks``: the page's author and shown date, whose short blocks are metadata."""
    at, near = _near(title, paragraphs, visible, skip, reach)
    return at, _new(title, paragraphs, visible, near, marks)


def features(at: list[int | None], cand: list[int], visible: list[Block],
             anchors: set[str]) -> np.ndarray:
    """One row per candidate block (``NAMES``)."""
    kept = sorted({b for b in at if b is not None})
    taken = set(kept)
    lo, hi = kept[0], kept[-1]
    texts = [b.text for b in visible]
    kept_words = sum(len(texts[k].split()) for k in kept)
    page_words = sum(len(t.split()) for t in texts) or 1
    rows = []
    for k in cand:
        text = texts[k]
        w = len(text.split())
        head = text[:160]
        low = head.lower()
        j = bisect_left(kept, k)
        before = kept[j - 1] if j > 0 else None
        after = kept[j] if j < len(kept) else None
        side = -1 if k < lo else 1 if k > hi else 0
        prev = texts[k - 1] if k > 0 else ""
        nxt = texts[k + 1] if k + 1 < len(texts) else ""
        rows.append([
            math.log1p(w), len(text), paragraph_like(text, w), text.rstrip().endswith(_ENDS),
            _TAG_CODES.get(visible[k].tag, 0), link_share(text, anchors),
            sum(c.isdigit() for c in head) / max(1, len(head)),
            sum(t[0].isupper() for t in text.split()[:30]) / max(1, min(w, 30)),
            any(c in low for c in _CUES), side,
            k - before if before is not None else -1, after - k if after is not None else -1,
            lo - k if side < 0 else k - hi if side > 0 else 0,
            (k - 1) in taken, (k + 1) in taken,
            paragraph_like(prev) if prev else -1, paragraph_like(nxt) if nxt else -1,
            math.log1p(len(prev.split())), math.log1p(len(nxt.split())),
            kept_words / page_words, len(kept), math.log1p(kept_words), k / len(texts),
            hi - lo + 1 - len(kept), text.startswith("|"), text.count("|"),
            *visible[k].marks])
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(NAMES))


def assemble(paragraphs: list[str], at: list[int | None], visible: list[Block],
             add: list[int]) -> list[str]:
    """The paragraphs with the added blocks in page order (each before the first kept
    paragraph whose block comes after it; a paragraph that is no visible block keeps its place
    among its neighbours)."""
    add = sorted(add)
    out: list[str] = []
    j = 0
    for paragraph, block in zip(paragraphs, at, strict=True):
        if block is not None:
            while j < len(add) and add[j] < block:
                out.append(visible[add[j]].text)
                j += 1
        out.append(paragraph)
    out += [visible[k].text for k in add[j:]]
    return out


class BlockExtender:
    def __init__(self, trees: TreeEnsemble, threshold: float, reach: int = REACH) -> None:
        self.trees = trees
        self.threshold = threshold
        self.reach = reach

    def extend(self, title: str, paragraphs: list[str], anchors: set[str],
               visible: list[Block], skip: Collection[str],
               marks: Collection[str] = ()) -> list[str]:
        """The paragraphs with the candidate blocks the trees call article text put back."""
        # a block's features do not depend on the other candidates, so the trees score every
        # nearby block and the costlier tests (the kept text's word 4-grams, metadata) run only
        # on the few they would add: the same answer as scoring ``candidates`` (the extension's
        # CPU time about halves)
        at, near = _near(title, paragraphs, visible, skip, self.reach)
        if not near:
            return paragraphs
        p = self.trees.probabilities(features(at, near, visible, anchors))
        add = _new(title, paragraphs, visible,
                   [k for k, v in zip(near, p, strict=True) if v >= self.threshold], marks)
        return assemble(paragraphs, at, visible, add) if add else paragraphs


def from_dict(data: dict[str, Any]) -> BlockExtender:
    return BlockExtender(*scored_blocks(data, NAMES, "html block extender"),
                         reach=int(data.get("reach", REACH)))


@cache
def default_extender() -> BlockExtender | None:
    data = packaged("html-blocks-v1.json")
    return None if data is None else from_dict(data)


__all__ = ["NAMES", "REACH", "BlockExtender", "assemble", "candidates", "default_extender",
           "features", "from_dict"]
