"""Streamed ingest ends where one batch would: a story that a run changed is clustered again,
together with its close neighbour stories, as one batch clusters them, and split or regrouped
where that batch groups them otherwise.

Why: the veto on two happenings of one cast (``stories.cores``) speaks only between stories of
two members or more, and consolidation merges best pair first. In one batch each happening's
own reports meet first (their link is the strongest), each side holds a core by the time the
two sides meet, and the link between them is refused. A store fed a few reports a run (a feed
poller, ``parallax ingest`` per file) meets the second happening's first report while it is
alone: that merge has no core to compare, passes on the cast's names and meaning, and
consolidation never splits, so every later report of either happening follows it into one
story. The same holds for average link itself: a lone report joins the story of a neighbouring
happening because its siblings have not arrived to be the better match, and when they arrive
in a later run they start a story of their own beside it, which consolidation cannot reach
(it only merges whole stories).

So after each run, every story the run changed is taken with the neighbour stories whose link
to it reaches ``NEAR_FLOOR`` x the threshold (strongest first, while the group holds at most
``REGROUP_MAX`` main articles), and the group is clustered again from its members alone (the
same online assignment in time order, consolidation and teasers, over the store's document
frequencies). Where that batch groups them otherwise, the stories whose members changed are
replaced by its parts (``apply``) and the parts are consolidated with their neighbours like any
changed story. A regrouping moves single reports and splits, but never joins two stories' reports
of two or more each: a group is a neighbourhood, not the store, its batch meets the members in
another order than the store's, and joining whole stories is consolidation's, which weighs both
sides' cores (on the tuning pool three opinion pieces joined a real event's story that way).

A group is left alone when none of its articles was stored before this run (this run clustered
them as a batch already: one ingest of a dump and ``parallax stories --rebuild`` never
regroup), when all its articles are dated (they join online in date order as a batch joins
them; regrouping dated stories cost +60 % clustering CPU on 10,000 generated dated articles in
daily runs and moved borderline members), and a lone story when it holds fewer than
``REGROUP_MIN``. docs/stories.md, nineteenth and twentieth sessions (helper W).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile

#: a story regrouped alone has at least this many main articles: two cannot split into
#: anything a batch would keep apart that their own link does not already decide
REGROUP_MIN = 3
#: a group holds at most this many main articles (a larger story is left as it stands), so
#: that one more article costs a bounded re-clustering (its assignment stays within budget)
REGROUP_MAX = 16
#: a neighbour story joins the group from this share of the threshold: where the late sibling
#: of a report stored earlier, or a story that took it in, stands (tuning pools, twentieth
#: session; 0.3 and 0.5 moved the same pairs toward the batch within a few, 0.7 fewer)
NEAR_FLOOR = 0.5

Parts = list[tuple[list[str], list[str]]]


def regroup(index: StoryIndex, run: Iterable[str],
            assign_all: Callable[[StoryIndex, list[ArticleProfile]], None]) -> list[str]:
    """Regroup the changed stories with their neighbours where a batch of their members
    groups them otherwise (see above). ``run``: the ids of this run's articles (the others
    were stored before it); ``assign_all``: the batch step (``IncrementalClusterer.assign_all``).
    Returns the ids of the stories made or changed."""
    fresh = set(run)
    if not index.holds_undated or all(a in fresh for a in index.profiles):
        return []  # every group all dated, or nothing stored before: this run was one batch
    made: list[str] = []
    done: set[str] = set()
    for story_id in sorted(index.changed):
        story = index.stories.get(story_id)
        if story is None or story_id in done or len(story.mains) > REGROUP_MAX:
            continue
        group = _group(index, story_id)
        mains = [a for s in group for a in index.stories[s].mains]
        if (len(group) == 1 and len(mains) < REGROUP_MIN) or all(a in fresh for a in mains) \
                or all(index.profiles[a].day is not None for a in mains):
            continue
        done.update(group)
        related = [a for s in group for a in index.stories[s].related]
        sub = index.sub_index()
        assign_all(sub, [index.profiles[a] for a in mains + related])
        parts = [(list(s.mains), list(s.related))
                 for s in sorted(sub.stories.values(), key=lambda s: s.order)]
        changed = apply(index, group, parts, fresh)
        made.extend(changed)
        done.update(changed)
    made = [s for s in made if s in index.stories]
    if made:
        index.consolidate(made)
    return made


def _group(index: StoryIndex, story_id: str) -> list[str]:
    """The story and its close neighbours, strongest link first, within ``REGROUP_MAX``."""
    story = index.stories[story_id]
    found = index.near_stories(story.mean_vector()) | index.name_stories(story.key_sum,
                                                                         story_id)
    found.discard(story_id)
    bar = NEAR_FLOOR * index.threshold
    near = sorted(((link, other) for other in found
                   if (state := index.stories.get(other)) is not None
                   and (link := index.story_link(story, state)) >= bar), reverse=True)
    group, size = [story_id], len(story.mains)
    for _, other in near:
        n = len(index.stories[other].mains)
        if size + n <= REGROUP_MAX:
            group.append(other)
            size += n
    return group


def apply(index: StoryIndex, group: list[str], parts: Parts, fresh: set[str]) -> list[str]:
    """Replace the stories of ``group`` by ``parts`` (main articles, teasers) where their main
    articles differ; returns the ids of the stories changed. A story whose members form a part
    stays as it is. The others are merged into one and split into the remaining parts: the
    part holding most of the articles stored before this run keeps the merged id, the others
    are new stories, and an id merged away leads to the part holding the article that started
    it (``StoryIndex.split``)."""
    current = {frozenset(index.stories[s].mains): s for s in group}
    todo = [(mains, related) for mains, related in parts if frozenset(mains) not in current]
    if not todo:
        return []
    origin = {a: s for s in group for a in index.stories[s].mains}
    for mains, _ in todo:
        pieces = Counter(origin[a] for a in mains)
        if sum(n >= 2 for n in pieces.values()) >= 2:
            return []  # two stories' shared reports together: consolidation's call (module doc)
    kept = {frozenset(mains) for mains, _ in parts}
    olds = [index.stories[s] for members, s in current.items() if members not in kept]
    teasers = {a for state in olds for a in state.related}
    # teasers of the stories that stay are left where they are
    todo = [(mains, [a for a in related if a in teasers]) for mains, related in todo]
    merged = olds[0]
    for other in olds[1:]:
        merged = index.merge(merged, other)
    keep = max(range(len(todo)), key=lambda i: (
        sum(a not in fresh for a in todo[i][0]), len(todo[i][0]), -i))
    placed = {a for _, related in todo for a in related}
    todo[keep][1].extend(a for a in merged.related if a not in placed)  # matched no part
    if len(todo) == 1:
        return [merged.id]
    return index.split(merged, todo, keep)


__all__ = ["NEAR_FLOOR", "REGROUP_MAX", "REGROUP_MIN", "apply", "regroup"]
