"""A story's core (the terms its outlets agree on) keeps two happenings of one cast apart."""

from __future__ import annotations

from collections import Counter

import numpy as np

from parallax.records import content_hash
from parallax.settings import Config
from parallax.stories.cores import core_missing, cores_apart, story_core
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile


def _flat(term: str) -> float:
    return 1.0


def test_a_core_is_what_half_the_members_of_a_language_carry() -> None:
    panel = story_core([("en", ["ranek", "panel", "ledger", "monday"]),
                        ("en", ["ranek", "panel", "ledger", "ports"]),
                        ("de", ["ranek", "hafen"])])
    assert panel.terms == {"en": ["ledger", "panel", "ranek"]}  # one German member: no core
    rivals = story_core([("en", ["ranek", "rivals", "dredging"]),
                         ("en", ["ranek", "rivals", "blames"])])
    # two of the three core terms no rival report has
    assert core_missing(panel, rivals, _flat) == 2 / 3
    # a lone article has no core: its own wording says nothing of another happening
    lone = story_core([("en", ["ranek", "rivals", "dredging"])])
    assert core_missing(lone, panel, _flat) is None
    assert not cores_apart(panel, lone, _flat, bar=0.5)
    # nor does a core in a language the other side has no member in
    assert core_missing(panel, story_core([("ru", ["ранек"])]), _flat) is None
    # and the rival reports' core (ranek, rivals) misses half: apart at a bar of one half
    assert cores_apart(panel, rivals, _flat, bar=0.5)
    assert not cores_apart(panel, rivals, _flat, bar=0.6)


def _article(aid: str, title: str, vector: list[float], own: dict[str, int]) -> ArticleProfile:
    v = np.asarray(vector + [0.0] * (512 - len(vector)), dtype=np.float32)
    cast = {"ranek": 2, "harbou": 2, "minist": 1}
    return ArticleProfile(id=aid, outlet="O" + aid, language="en", title=title, lead="",
                          keys=Counter({"ranek": 2, "kessi": 1}),
                          terms=Counter({**cast, **own}), vector=v / np.linalg.norm(v))


def _happenings() -> tuple[list[ArticleProfile], list[ArticleProfile]]:
    """Undated: two reports of a panel asking for the minister's ledgers, two of him blaming
    rivals for a dredging affair months later (no stage of a process named on either side),
    and a third ledger report that shares little of its siblings' wording. Six unrelated
    articles weigh the shared terms."""
    ledgers = {"panel": 2, "ledger": 2, "shippi": 1, "deadli": 1}
    dredging = {"rivals": 2, "dredgi": 2, "contra": 1, "affair": 1}
    articles = [
        _article("a", "Kessing harbour panel wants Ranek's shipping ledgers",
                 [1, 0.3, 0, 0, 0.2], {**ledgers, "wants": 1}),
        _article("b", "Panel asks harbour minister Ranek to hand over ledgers",
                 [1, 0.3, 0, 0, -0.2], {**ledgers, "asks": 1}),
        _article("c", "Ranek blames rivals for Kessing dredging affair",
                 [1, 0.1, 0, 0.2], {**dredging, "blames": 1}),
        _article("d", "Harbour minister Ranek points at rivals over dredging",
                 [1, 0.1, 0, -0.2], {**dredging, "points": 1}),
        _article("e", "What the Kessing harbour inquiry wants from Ranek",
                 [1, 0.3, 0, 0, 0], {"ledger": 1, "inquir": 2, "what": 1})]
    others = [_article(f"x{i}", f"Other news {i}", [0, 0, 1, i], {}) for i in range(6)]
    for i, p in enumerate(others):
        p.keys, p.terms = Counter({f"k{i}": 2}), Counter({f"t{i}": 2})
    return articles, others


def _grouping() -> tuple[bool, bool, bool, bool]:
    """The five reports of ``_happenings`` and six unrelated articles in one batch."""
    articles, others = _happenings()
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    clusterer.assign_all(index, [*articles, *others])
    s = index.story_of
    return s["a"] == s["b"], s["c"] == s["d"], s["a"] == s["e"], s["a"] == s["c"]


def test_two_happenings_of_one_cast_stay_apart_by_their_cores() -> None:
    """Names, meaning and the cast's terms link the ledger story and the dredging story above
    the undated bar; each lacks all of what the other's outlets agree on, so they stay
    apart, while the third ledger report (no core of its own) still joins its siblings.
    Without the veto the two happenings merge."""
    assert _grouping() == (True, True, True, False)
    try:
        StoryIndex.core_veto = False
        assert _grouping() == (True, True, True, True)
    finally:
        StoryIndex.core_veto = True


def _streamed_runs(order: str) -> tuple[dict[str, str], dict[str, str]]:
    """The articles of ``_happenings`` fed a few per ingest run (``order``: runs separated by
    spaces), the index reloaded from the stored stories and redirects between runs as
    ``update`` does (which stores a redirect only for a story stored before the run); each
    article stays in exactly one story. Returns where each article is and the redirects."""
    articles, others = _happenings()
    by_id = {p.id: p for p in [*articles, *others]}
    clusterer = IncrementalClusterer(Config())
    stored: list[ArticleProfile] = []
    story_of: dict[str, str] = {}
    merges: dict[str, str] = {}
    for run in [list(others)] + [[by_id[a] for a in ids] for ids in order.split()]:
        index = clusterer.new_index()
        index.count_documents(stored)
        for p in stored:
            index.restore(p, story_of.get(p.id))
        index.flush()
        index.merges.update(merges)
        index.changed.clear()
        before, kept = dict(index.merges), set(index.stories)
        clusterer.assign_run(index, run)
        merges.update({old: new for old, new in index.merges.items()
                       if before.get(old) != new and (old in kept or old in before)})
        story_of = dict(index.story_of)
        stored += run
        members = [a for story in index.stories.values() for a in story.mains]
        assert sorted(members) == sorted(p.id for p in stored)
        assert all(a in index.stories[story_of[a]].mains for a in members)
    return story_of, merges


def _streamed(order: str) -> tuple[bool, bool, bool, bool]:
    s, _ = _streamed_runs(order)
    return s["a"] == s["b"], s["c"] == s["d"], s["a"] == s["e"], s["a"] == s["c"]


def test_reports_fed_one_run_at_a_time_group_as_one_batch() -> None:
    """A feed poller stores a report or two a run. The two happenings' first reports meet
    while each is alone (no core to compare) and merge; every later report follows. The
    story that grew across runs is clustered again from its members as one batch would, and
    split where that batch keeps them apart: the same groups as one ingest of all five."""
    assert _grouping() == (True, True, True, False)
    for order in ("a c b d e", "a c bd e", "ac b d e", "a b c d e", "c a b d e", "a c d b e"):
        assert _streamed(order) == (True, True, True, False), order
    try:
        IncrementalClusterer.regroup_runs = False
        assert _streamed("a c b d e")[3]  # without regrouping: one story
    finally:
        IncrementalClusterer.regroup_runs = True


def test_a_story_merged_before_a_split_still_leads_to_its_report() -> None:
    """The first ledger report is stored alone; the next run's two dredging reports merge its
    story into theirs (its id now redirects there); the run after, its sibling arrives and the
    regrouping splits the ledger reports off. A reader's link to the first report's story
    must lead to the part holding that report, not to the dredging story that kept the id."""
    for order in ("a cd be", "a dc eb"):
        story_of, merges = _streamed_runs(order)
        first = "s" + content_hash("a")  # a story is named after the article that started it
        assert story_of["a"] == story_of["b"] != story_of["c"], order
        assert merges[first] == story_of["a"], order
