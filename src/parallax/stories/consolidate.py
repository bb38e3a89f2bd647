"""Consolidation: merge stories whose average link passes the threshold, best pair first (what
the batch average-link clusterer does), until none does.

Each examined story is *pushed*: its best neighbour above the threshold goes on a heap. A heap
entry goes stale when its neighbour merges first, and the story is pushed again. With undated
articles each starting a story, stale re-pushes were two in five pushes (10,000 undated
generated articles: 12,400 of 29,500), each paying an ANN search and ~40 story links for a
story that had not changed. A stale story's nearest articles are the ones its unchanged query
found before, now in the stories that absorbed theirs, so the search is not repeated (the name
candidates, cheap, are looked up again); and its links to candidates that did not change are
known, so only the changed ones are scored again. The merges made are the same.

A link is symmetric, so a push also reuses what its candidates' own pushes found about it:
when the candidate has not changed since its push and scored this story in its present state,
the link is known (kept when it passed the threshold, otherwise known to fall under it). In an
undated dump every article starts a story and the first round pushes each one against its
nearest, which are mostly pushed themselves: about half those links were scored twice.

A large consolidation (from ``BATCH_MIN`` stories: an undated dump) also searches its first
round in one batch, since nothing merges before every start story has been pushed once, and
derives a merged story's link arrays from the two it merges (``LinkBatch.merge``); a story's
strongest name keys are kept per version. Same merges, less CPU (docs/stories.md, eighth session).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from parallax.stories.index import NEIGHBOURS
from parallax.stories.linkbatch import LinkBatch
from parallax.stories.loners import rescue

if TYPE_CHECKING:
    from parallax.stories.index import StoryIndex


#: reuse what a stale story's last push found (False only for the equivalence test)
REUSE = True
#: score a push's links in one numpy pass (``stories.linkbatch``; False: one by one, as a
#: probe that wraps ``StoryIndex.story_link`` needs, benchmarks/story_cues.py) when
#: the consolidation starts from at least BATCH_MIN stories: the batch turns every story it
#: meets into id arrays once per consolidation, which pays back over the many pushes of a large
#: one (an undated dump) but doubled the CPU of consolidating one more article's story (100,000
#: undated generated: 16.9 -> 33.3 ms p95), where a few pushes meet big candidate stories once
BATCH = True
BATCH_MIN = 32


@dataclass(slots=True)
class _Pushed:
    """What one push of a story found: the stories of its nearest articles, the candidates it
    scored with their versions then, and the links that passed the threshold (a link under it
    cannot win while both sides stay unchanged, so only those are kept)."""
    version: int
    near: tuple[str, ...]
    scored: dict[str, int]  # candidate -> its version when scored
    above: dict[str, float]


def consolidate(index: StoryIndex, story_ids: Iterable[str] | None = None) -> dict[str, str]:
    """See ``StoryIndex.consolidate``."""
    index.moved = set()
    # a story's state changes only by a merge it survives (defaultdict: a Counter answers a
    # missing key in Python, and most lookups are of stories never merged)
    version: defaultdict[str, int] = defaultdict(int)
    heap: list[tuple[float, int, str, str, int, int]] = []
    pushed: dict[str, _Pushed] = {}
    names: dict[str, tuple[int, list[str]]] = {}  # a story's strongest name keys, by version
    start = sorted(set(story_ids if story_ids is not None else index.changed))
    batch = LinkBatch(index) if BATCH and len(start) >= BATCH_MIN else None

    # the first round's searches in one batch (``VectorIndex.search_keys``): no story changes
    # before every start story has been pushed once, so each finds what its own search would
    first: dict[str, list[int]] = {}
    if batch is not None:
        index.flush()
        searched = [(sid, story.mean_vector()) for sid in start
                    if (story := index.stories.get(sid)) is not None and story.mains]
        with_vector = [(sid, v) for sid, v in searched if v is not None]
        if with_vector:
            rows = index.vectors.search_keys(np.stack([v for _, v in with_vector]),
                                             NEIGHBOURS)
            first = dict(zip([sid for sid, _ in with_vector], rows, strict=True))

    def current(story_id: str) -> str | None:
        return story_id if story_id in index.stories else index.merges.get(story_id)

    def links(sid: str) -> dict[str, float]:
        story = index.stories[sid]
        # the last push, when the story has not changed since it (a stale heap entry)
        last = pushed.get(sid)
        stale = last if last is not None and last.version == version[sid] and REUSE else None
        if stale is None:
            rows = first.pop(sid, None)
            near = index.near_stories(story.mean_vector()) if rows is None else \
                index.stories_of_rows(rows)
            known: dict[str, int] = {}
            above: dict[str, float] = {}
        else:
            near = {s for s in map(current, stale.near) if s is not None}
            known = stale.scored
            above = stale.above
        # the key sums rank names as their per-member means do: no need to divide them
        strong = names.get(sid)
        if strong is None or strong[0] != version[sid]:
            strong = names[sid] = (version[sid], index.strong_keys(story.key_sum))
        found = near | index.name_stories(story.key_sum, sid, strong[1])
        found.discard(sid)
        mine = version[sid]
        scores: dict[str, float] = {}
        scored: dict[str, int] = {}
        fresh: list[str] = []
        for other in found:
            if other not in index.stories:
                continue
            theirs = version[other]
            scored[other] = theirs
            if known.get(other) == theirs:  # both unchanged since they were scored
                if other in above:
                    scores[other] = above[other]
                continue
            back = pushed.get(other) if REUSE else None
            if back is not None and back.version == theirs and back.scored.get(sid) == mine:
                if sid in back.above:  # scored from the other side, both unchanged since
                    scores[other] = back.above[sid]
                continue
            fresh.append(other)
        if batch is not None:
            scores.update(zip(fresh, batch.links(
                story, mine, [(index.stories[o], version[o]) for o in fresh]), strict=True))
        else:
            for other in fresh:
                scores[other] = index.story_link(story, index.stories[other])
        pushed[sid] = _Pushed(mine, tuple(near), scored,
                              {o: s for o, s in scores.items() if s >= index.threshold})
        return scores

    def push(sid: str) -> None:
        story = index.stories.get(sid)
        if story is None or not story.mains:
            return
        best, best_score = None, index.threshold
        scores = links(sid)
        for other_id in sorted(scores):
            s = scores[other_id]
            if s >= best_score:
                best, best_score = other_id, s
        if best is not None:
            heapq.heappush(heap, (-best_score, story.order, sid, best, version[sid],
                                  version[best]))

    for sid in start:
        push(sid)
    first.clear()
    while heap:
        _, _, sid, other, v_sid, v_other = heapq.heappop(heap)
        if sid not in index.stories or version[sid] != v_sid:
            continue  # merged away or changed since: its entry was pushed again
        if other not in index.stories or version[other] != v_other:
            push(sid)
            continue
        keep = index.merge(index.stories[sid], index.stories[other])
        gone = other if keep.id == sid else sid
        pushed.pop(gone, None)
        if batch is not None:
            batch.merge(keep.id, version[keep.id], gone, version[gone])
        version[keep.id] += 1
        push(keep.id)
    rescue(index, {s for s in map(current, start) if s is not None})
    moved, index.moved = index.moved, None
    return {old: index.merges[old] for old in moved}
