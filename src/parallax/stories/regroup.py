"""Streamed ingest ends where one batch would: a story that grew across ingest runs is
clustered again from its own members, as one batch clusters them, and split where that batch
keeps them apart.

Why: the veto on two happenings of one cast (``stories.cores``) speaks only between stories of
two members or more, and consolidation merges best pair first. In one batch each happening's
own reports meet first (their link is the strongest), each side holds a core by the time the
two sides meet, and the link between them is refused. A store fed a few reports a run (a feed
poller, ``parallax ingest`` per file) meets the second happening's first report while it is
alone: that merge has no core to compare, passes on the cast's names and meaning, and
consolidation never splits, so every later report of either happening follows it into one
story. The same holds for average link itself: a lone report joined the story of a neighbouring
happening because its sibling had not arrived to be the better match.

So after each run, every story that holds articles of an earlier run and an undated article
and was changed by this run, of ``REGROUP_MIN`` to ``REGROUP_MAX`` members, is clustered again
from its members alone (the same online assignment in time order, consolidation and teasers,
over the store's document frequencies), and where that gives more than one story it is split
into them: the part holding most of the earlier articles keeps the id, and the parts are then
consolidated with their neighbours like any changed story (they may join others; not each
other, whose link the regrouping just refused). A story made wholly in this run was clustered
as a batch already, so one ingest of a dump and ``parallax stories --rebuild`` never regroup.
Nor does a story of dated articles only: they join online in date order, as a batch joins
them (basil-tune dated, streamed, groups as its batch pair for pair), and regrouping them cost
CPU (10,000 generated dated articles in daily runs: clustering +60 %) and moved borderline
members. docs/stories.md, nineteenth session (helper W).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile

#: a story regrouped has at least this many main articles: two cannot split into anything a
#: batch would keep apart that their own link does not already decide
REGROUP_MIN = 3
#: ... and at most this many: a larger story is left as it stands, so that one more article
#: costs a bounded re-clustering (one more article's assignment stays within its budget)
REGROUP_MAX = 16


def regroup(index: StoryIndex, run: Iterable[str],
            assign_all: Callable[[StoryIndex, list[ArticleProfile]], None]) -> list[str]:
    """Split the changed stories that a batch of their members keeps apart (see above).
    ``run``: the ids of this run's articles (the others were stored before it);
    ``assign_all``: the batch step (``IncrementalClusterer.assign_all``). Returns the ids of
    the parts made."""
    fresh = set(run)
    parts_made: list[str] = []
    for story_id in sorted(index.changed):
        story = index.stories.get(story_id)
        if story is None or not REGROUP_MIN <= len(story.mains) <= REGROUP_MAX \
                or all(a in fresh for a in story.mains) \
                or all(index.profiles[a].day is not None for a in story.mains):
            continue
        sub = index.sub_index()
        assign_all(sub, [index.profiles[a] for a in story.mains + story.related])
        if len(sub.stories) < 2:
            continue
        parts = [(list(s.mains), list(s.related))
                 for s in sorted(sub.stories.values(), key=lambda s: s.order)]
        keep = max(range(len(parts)), key=lambda i: (
            sum(a not in fresh for a in parts[i][0]), len(parts[i][0]), -i))
        placed = {a for _, related in parts for a in related}
        parts[keep][1].extend(a for a in story.related if a not in placed)  # matched no part
        parts_made.extend(index.split(story, parts, keep))
    if parts_made:
        index.consolidate(parts_made)
    return parts_made


__all__ = ["REGROUP_MAX", "REGROUP_MIN", "regroup"]
