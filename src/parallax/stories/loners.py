"""A partial report left alone: an article that names only part of an event (a rail network
down before anyone named the attack on it) joins the story whose own names and figures it
shares.

Consolidation merges by average link, best pair first, so a story grows by its strongest pairs,
and a report that links well to one or two members can fall under the threshold against the
grown story's average and stay alone. A single link above the threshold does not tell such a
report from a topic neighbour (an opinion piece with the same cast, a blog's next post): real
news showed wrong single-link rescues right below the one right one (docs/stories.md, sixteenth
session). What a topic neighbour lacks is the event's *own* marks: names and figures
(``stories.marks``) that no article outside the story carries. So a loner joins a story when

- at least ``MIN_MEMBERS`` members each share ``MIN_MARKS`` or more such marks with it, one
  of them a figure (not a year), a mark being the story's own when every other article of the
  store carrying it is a member (and it is rare: ``marks.RARE_DF``). Names alone were not
  enough: where a topic is rare in a store its cast's names are a small cluster's own too (a
  remark on a prime minister's party beside two reports of his speeches, rescued in a streamed
  run of the realistic pool); the number of trains cancelled is the event's;
- no other story has a member sharing ``MIN_MARKS`` marks of *its* own with the loner;
- its best single link to those members passes the ordinary threshold, and neither the window
  nor the act of the event (``StorySimilarity._acts_apart``) refuses it.

German capitalises every noun, so its name marks count only when another language writes them
too (``MarkVocabulary.attested``); figures count in every language. Decisions are taken on the
state consolidation left, then applied, so the order in which loners are read does not matter;
a rescue never starts a story (the target holds two articles or more).

In a store fed a few articles a run, a new report that shares a *finished* story's own marks
is as likely the first report of the next happening, naming the last one as background (a
verdict's first report naming the summit it followed), whose siblings have not arrived to carry
those marks too: in the fictional gold fed one article a run, such a rescue merged the verdict
into the summit and its later reports followed. So a loner of this run joins only where a member
sharing its marks arrived in this run as well, or where the loner was stored before it (its
siblings came later); a batch (one ingest, ``--rebuild``) holds every article in one run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from parallax.stories.actions import action_stages
from parallax.stories.state import StoryState

if TYPE_CHECKING:
    from parallax.stories.index import StoryIndex
    from parallax.stories.profile import ArticleProfile

MIN_MARKS = 2
MIN_MEMBERS = 2
#: whether one of a member's shared own marks must be a figure (False only to measure it)
NEEDS_FIGURE = True
_YEAR = re.compile(r"#(?:1[89]|20)\d\d")
#: languages that capitalise common nouns: their name marks count only where attested
NOUNS_CAPITALISED = frozenset({"de"})


def single(index: StoryIndex, p: ArticleProfile) -> StoryState:
    """A story of one article, built as ``StoryIndex._join`` would, without touching the index:
    what a single link is scored on."""
    s = StoryState(id="single:" + p.id, order=-1)
    s.mains = [p.id]
    s.key_sum = dict(index.unit_keys.get(p.id) or index.unit(p.keys))
    language = p.language or ""
    for weights, sums, count in ((index.unit_terms(p), s.term_sum, s.term_count),
                                 (index.unit_marks(p), s.mark_sum, s.mark_count)):
        if weights:
            sums[language] = dict(weights)
            count[language] = 1
    s.dated = int(p.day is not None)
    if index.action_veto:
        for family, stage in action_stages(p.title, p.lead, p.language).items():
            s.stages[family] = Counter({stage: 1})
    if p.vector is not None:
        s.vec_sum, s.vec_count = p.vector.copy(), 1
    s.first = s.last = p.day
    return s


def figure(mark: str) -> bool:
    """A number the event states (trains cancelled, people evacuated), not a year: years
    are what a topic's articles share as background."""
    return mark.startswith("#") and _YEAR.fullmatch(mark) is None


def rare_marks(index: StoryIndex, p: ArticleProfile) -> list[str]:
    """The article's marks that another article of the store carries and few do."""
    vocabulary = index.marks
    language = p.language or ""
    names = vocabulary.attested(p.marks, language) if language in NOUNS_CAPITALISED \
        else p.marks
    return [k for k in p.marks if (k.startswith("#") or k in names)
            and len(vocabulary.carriers(k)) > 1]


def own_sharers(index: StoryIndex, p: ArticleProfile
                ) -> dict[str, tuple[list[str], list[str]]]:
    """Story -> (its members sharing ``MIN_MARKS`` or more of the story's own marks with
    ``p``, those sharing one or more), for the stories with a member of the first kind."""
    by_story: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list))  # story -> mark -> members carrying it
    for mark in rare_marks(index, p):
        carriers = [c for c in index.marks.carriers(mark) if c != p.id]
        stories = {index.story_of.get(c) for c in carriers}
        if len(stories) != 1:
            continue  # carried outside any one story: not a story's own
        story = stories.pop()
        if story is None or story == index.story_of.get(p.id):
            continue
        by_story[story][mark] = carriers
    out: dict[str, tuple[list[str], list[str]]] = {}
    for story, marks in by_story.items():
        count = Counter(c for carriers in marks.values() for c in carriers)
        figures = {c for mark, carriers in marks.items() if figure(mark) for c in carriers}
        sharers = sorted(c for c, n in count.items() if n >= MIN_MARKS
                         and (c in figures or not NEEDS_FIGURE))
        if sharers:
            out[story] = (sharers, sorted(count))
    return out


def rescue_candidates(index: StoryIndex, story_ids: Iterable[str]) -> set[str]:
    """The loners among ``story_ids``, and those carrying a rare mark of a member of this run
    in the other stories: a story that grew in this run may now hold what a loner of an earlier
    run shares (in a streamed ingest the loner's siblings often arrive after it). Only this
    run's members are walked: walking every member of every changed story cost daily runs of
    10,000 generated dated articles about 5 % of their clustering CPU."""
    loners: set[str] = set()
    for sid in story_ids:
        story = index.stories.get(sid)
        if story is None:
            continue
        if len(story.mains) == 1:
            loners.add(sid)
            continue
        for member in story.mains:
            if member in index.earlier:
                continue
            for mark in index.profiles[member].marks:
                for carrier in index.marks.carriers(mark):
                    other = index.story_of.get(carrier)
                    if other is not None and len(index.stories[other].mains) == 1:
                        loners.add(other)
    return loners


def rescue(index: StoryIndex, story_ids: Iterable[str]) -> list[tuple[str, str]]:
    """Decide every loner among (or near) ``story_ids`` first, then merge: (loner, target)."""
    if not index.loner_rescue:
        return []
    decided: list[tuple[str, str]] = []
    for sid in sorted(rescue_candidates(index, story_ids)):
        p = index.profiles[index.stories[sid].mains[0]]
        if p.role != "main" or not p.marks:
            continue
        found = own_sharers(index, p)
        targets = [t for t, (sharers, _) in found.items() if len(sharers) >= MIN_MEMBERS]
        if len(targets) != 1 or len(found) != 1:
            continue  # none, or the loner's own marks point at two stories
        target = index.stories[targets[0]]
        if p.id not in index.earlier and all(m in index.earlier for m in found[target.id][0]):
            continue  # a finished story's marks in a new report: see the module's docstring
        if not index._fits(target, p.day, p.day):
            continue
        me = single(index, p)
        if index._acts_apart(me.stages, target.stages, 1.0) < index.threshold:
            continue  # two acts of one process, as consolidation would refuse
        best = max(index.story_link(me, single(index, index.profiles[m]))
                   for m in found[target.id][1])
        if best >= index.threshold:
            decided.append((sid, target.id))
    for sid, target_id in decided:
        index.merge(index.stories[sid], index.stories[target_id])
    return decided


__all__ = ["rescue", "single"]
