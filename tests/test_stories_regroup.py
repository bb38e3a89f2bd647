"""Streamed ingest ends where one batch would: a report stored before its siblings arrive is
regrouped with them when they do (``stories.regroup``)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from parallax.settings import Config
from parallax.stories import regroup
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile


def _article(aid: str, title: str, vector: list[float], keys: dict[str, int],
             terms: dict[str, int]) -> ArticleProfile:
    v = np.asarray(vector + [0.0] * (512 - len(vector)), dtype=np.float32)
    return ArticleProfile(id=aid, outlet="O" + aid, language="en", title=title, lead="",
                          keys=Counter(keys), terms=Counter(terms), vector=v / np.linalg.norm(v))


def _port() -> list[ArticleProfile]:
    """Undated, one port: six reports of a dockers' strike; three of a crane collapsing on a
    quay, the first of which also mentions the strike (it is as close to the strike reports
    as a lone report can be to a story it does not belong to: above the bar, under its
    siblings); six unrelated articles weigh the terms."""
    strike = {"strike": 2, "wages": 2, "docker": 1}
    crane = {"crane": 2, "collap": 2, "injure": 1}
    reports = [_article(f"p{i}", f"Vell dockers strike, day {i}",
                        [1, 0, 0.2 * np.cos(i), 0.2 * np.sin(i)], {"vell": 2, "union": 1},
                        {**strike, f"w{i}": 1}) for i in range(6)]
    reports += [
        _article("q1", "Crane falls at Vell during the dockers' strike", [0.6, 0.8],
                 {"vell": 2, "union": 1}, {"crane": 2, "collap": 1, "strike": 1, "wages": 1}),
        _article("q2", "Crane collapse injures two on Vell quay", [0.7, 1, 0.1],
                 {"vell": 2}, {**crane, "quay": 1}),
        _article("q3", "Vell crane collapse: inquiry opened", [0.7, 1, -0.1],
                 {"vell": 2}, {**crane, "probe": 1})]
    others = [_article(f"x{i}", f"Other news {i}", [0, 0, 0, 0, 1, i], {f"k{i}": 2},
                       {f"t{i}": 2}) for i in range(6)]
    return reports + others


def _groups(runs: list[str] | None) -> list[tuple[str, ...]]:
    """The port reports' stories, in one batch (``runs`` None) or fed in ``runs`` (ids joined
    by commas, one run each) after the unrelated articles, on one index as ``update`` keeps
    it between runs."""
    articles = _port()
    by_id = {p.id: p for p in articles}
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    if runs is None:
        clusterer.assign_all(index, articles)
    else:
        clusterer.assign_run(index, [p for p in articles if p.id.startswith("x")])
        for run in runs:
            index.changed.clear()
            clusterer.assign_run(index, [by_id[a] for a in run.split(",")])
    stories: dict[str, list[str]] = {}
    for p in articles:
        if not p.id.startswith("x"):
            stories.setdefault(index.story_of[p.id], []).append(p.id)
    return sorted(tuple(members) for members in stories.values())


STRIKE = ("p0", "p1", "p2", "p3", "p4", "p5")


@pytest.mark.parametrize("runs", [["p0,p1,p2,p3,p4,p5", "q1", "q2,q3"],
                                  ["p0,p1,p2,p3,p4,p5", "q1", "q2", "q3"],
                                  ["p0,p1,p2", "p3,p4,p5", "q1", "q3,q2"]])
def test_a_report_stored_before_its_siblings_follows_them(runs: list[str]) -> None:
    """One batch keeps the crane reports together and apart from the strike. Streamed, the
    first crane report arrives alone, finds only the strike story and joins it; its siblings
    arrive a run later and start a story beside it, whose average link to the strike story
    (six strike reports and the crane report) stays under the bar, so consolidation cannot
    bring them together. The siblings' story is regrouped with its close neighbour, the
    strike story, as one batch would group their members: the crane report moves to them."""
    batch = _groups(None)
    assert batch == [STRIKE, ("q1", "q2", "q3")]
    assert _groups(runs) == batch
    floor = regroup.NEAR_FLOOR
    try:
        regroup.NEAR_FLOOR = float("inf")  # each story regrouped alone, as before
        assert _groups(runs) == [(*STRIKE, "q1"), ("q2", "q3")]
    finally:
        regroup.NEAR_FLOOR = floor


def test_a_regrouping_moves_single_reports_but_never_merges_two_stories() -> None:
    """A group is a neighbourhood, not the store: its batch can join two stories' reports
    that the whole store's batch keeps apart (their members met in another order). Moving
    one report, or splitting, is the regrouping's; joining two stories of two reports or
    more is consolidation's, which weighs their whole cores (``stories.cores``)."""
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    clusterer.assign_all(index, _port())
    strike, crane = index.story_of["p0"], index.story_of["q1"]
    assert strike != crane
    everything = index.stories[strike].mains + index.stories[crane].mains
    assert regroup.apply(index, [strike, crane], [(everything, [])], set()) == []
    assert _members(index, strike) == STRIKE and _members(index, crane) == ("q1", "q2", "q3")
    made = regroup.apply(index, [strike, crane],
                         [(list(STRIKE[:5]), []), (["p5", "q1", "q2", "q3"], [])], set())
    assert sorted(_members(index, s) for s in made) == [STRIKE[:5], ("p5", "q1", "q2", "q3")]


def _members(index: StoryIndex, story_id: str) -> tuple[str, ...]:
    return tuple(sorted(index.stories[story_id].mains))
