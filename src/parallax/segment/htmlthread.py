"""Where a post's own reader thread starts below it on the page: the article's extent ends there.

Why: trafilatura (``favor_recall``) keeps a blog post's comment thread as article text when no
"Comments" heading of its own line stands above it (``htmlpage.cut_at_comments`` then has nothing
to cut at), so a short post came back with its readers' lines (on the training sites a workout
post under 60 comments scored shingle F1 0.03, a hosted blog's post 0.25). The markup says where
the thread is (``blockmarks``: a container named comment, respond, reply, discussion), but class
names alone are no evidence: as hard rules they lost on the training sites (twenty-third
session; here too, cut at the first such block: a code sample's "comment" span, a "discussion"
wrapper round a whole article). The cut is taken only where the page says the article is above
it and the thread is all that follows:

- the article's headline is a heading block of the page (``h1``-``h6`` whose words are the
  title's or the ``<title>``'s headline part), and the cut lies at least two blocks below it;
- the first comment-marked block after a block that is not, and at least half of the answer's
  characters from there on lie in comment-marked blocks (the rest of the answer is the thread);
- at least ``KEEP_MIN_CHARS`` characters of the article stay.

Chosen on the training sites' half 0 among variants (anchored on the headline or not, with or
without the share, a count of comment bylines), confirmed on half 1, end to end through the fold
models: page-mean 0.90291 -> 0.90427 (half 0 +0.0014, half 1 +0.0014; 10 Dragnet pages up, none
down, no other set's page moved); held out (one look) 0.9045 -> 0.9056 (docs/segmentation.md,
"Thirtieth session (helper HX)").
"""

from __future__ import annotations

import re

from parallax.segment.blockmarks import CODES
from parallax.segment.headline import title_part
from parallax.segment.render import Block

_COMMENTS = CODES["comments"]
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WORD = re.compile(r"\w+")
#: a thread's share of the answer's characters from the cut on
THREAD_SHARE = 0.5
#: the article kept above the cut must hold this many characters (``htmlpage.CUT_MIN_CHARS``)
KEEP_MIN_CHARS = 250


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def cut_at_thread(title: str, paragraphs: list[str], visible: tuple[str, list[Block]]
                  ) -> tuple[list[str], list[str]]:
    """(the article, the reader thread cut from its end) of the final paragraphs; ``visible``:
    the page's ``<title>`` and visible blocks (``render.tree_blocks``). A paragraph that is no
    visible block (a table row trafilatura wrote, text it joined) goes with the nearest one
    above it that is (else below)."""
    page_title, blocks = visible
    if not blocks or len(paragraphs) < 2:
        return paragraphs, []
    names = {_words(title), _words(title_part(page_title)) if page_title else ()}
    names = {n for n in names if len(n) >= 2}
    heads = [k for k, b in enumerate(blocks) if b.tag in _HEADINGS and _words(b.text) in names]
    if not heads:
        return paragraphs, []
    where: dict[str, int] = {}
    for k, block in enumerate(blocks):
        where.setdefault(block.text, k)
    at = [where.get(p) for p in paragraphs]
    # each paragraph's block, or its nearest matched neighbour's (above first)
    ref: list[int | None] = list(at)
    last: int | None = None
    for k, i in enumerate(at):
        ref[k] = i if i is not None else last
        last = ref[k]
    after: int | None = None
    for k in range(len(at) - 1, -1, -1):
        if at[k] is not None:
            after = at[k]
        elif ref[k] is None:
            ref[k] = after
    matched = [i for i in at if i is not None]
    if not matched:
        return paragraphs, []
    first = min(matched)
    head = min(heads, key=lambda k: abs(k - first))  # the headline nearest the answer's start
    # the matched paragraphs' count and characters (all, comment-marked) from each block on:
    # summed anew at each candidate cut, a page alternating long paragraphs and short marked
    # ones took time quadratic in its size (thirtieth review)
    count, total, thread = ([0] * (len(blocks) + 1) for _ in range(3))
    for p, i in zip(paragraphs, at, strict=True):
        if i is not None:
            count[i] += 1
            total[i] += len(p)
            thread[i] += len(p) if blocks[i].marks[0] == _COMMENTS else 0
    for i in range(len(blocks) - 1, -1, -1):
        count[i] += count[i + 1]
        total[i] += total[i + 1]
        thread[i] += thread[i + 1]
    for j in range(head + 2, len(blocks)):
        if blocks[j].marks[0] != _COMMENTS or blocks[j - 1].marks[0] == _COMMENTS:
            continue
        if not count[j] or thread[j] < THREAD_SHARE * total[j]:
            continue
        kept = [p for p, i in zip(paragraphs, ref, strict=True) if i is None or i < j]
        if len(kept) == len(paragraphs) or sum(len(p) for p in kept) < KEEP_MIN_CHARS:
            return paragraphs, []
        return kept, [p for p, i in zip(paragraphs, ref, strict=True) if i is not None and i >= j]
    return paragraphs, []


__all__ = ["KEEP_MIN_CHARS", "THREAD_SHARE", "cut_at_thread"]
