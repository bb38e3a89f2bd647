"""A restored story reads its members' action stages only when something asks for them
(``StoryState.stages``): loading 100,000 stored articles for one more read every headline's
stages, a third of the load's CPU, for the few dozen stories an ingest run scores
(docs/stories.md, twenty-fourth session, helper S). The stages, and so every veto, grouping
and record, must be those an eager read gives. All inputs are made up here."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from parallax.records import Article, Page, Published

CAST = ["Lund", "Ellery", "Marsk", "Quill", "Orrin", "Tavi", "Brenna", "Cobb"]
#: made-up headlines naming two stages of one process (a verdict, its appeal), a bill's
#: passing and its veto, and none
ACTS = ["Jury convicts {a} of fraud", "Appeals court upholds {a} conviction",
        "Senate passes {a} harbour bill", "Governor vetoes {a} harbour bill",
        "{a} visits the harbour"]


def _articles(seed: int, n: int) -> list[Article]:
    """Made-up reports of a few events; casts repeat across events with other acts, so the
    veto decides some links; a third undated (they regroup across runs), vectors near their
    event's."""
    rng = random.Random(seed)
    events = []
    for e in range(n // 5 + 1):
        cast = rng.sample(CAST, 3) if e % 2 else (events[-1][0] if events else CAST[:3])
        centre = [rng.gauss(0, 1) for _ in range(512)]
        events.append((cast, rng.choice(ACTS), centre, rng.randint(1, 20), e % 3 == 0))
    out = []
    for i in range(n):
        cast, act, centre, day, undated = events[rng.randrange(len(events))]
        title = act.format(a=cast[0]) + " as " + " and ".join(rng.sample(cast, 2)) + f" speak {i}"
        out.append(Article(
            id=f"a{i:04d}", role="main", title=title, outlet=f"Outlet {i % 4}", language="en",
            published=Published(None, None) if undated else
            Published(f"2026-05-{day:02d}", f"2026-05-{day:02d}"),
            text=f"The made-up report {i} on the harbour names {' '.join(cast)}.", input=f"p{i}",
            vector=[c + rng.gauss(0, 0.9) for c in centre]))
    return out


def _ingest_stream(db_url: str, seed: int) -> dict[str, Any]:
    """A batch, then one article a run, through the command's stories step."""
    from parallax.runner import update_stories
    from parallax.settings import Config
    from parallax.store.base import open_store

    store = open_store(db_url)
    try:
        articles = _articles(seed, 40)
        changed = []
        for run in [articles[:20]] + [[a] for a in articles[20:]]:
            for a in run:
                store.save_page(Page(input=a.input, uri=a.input, sha256="h" + a.input,
                                     kind="text", fetched_at="2026-05-30T10:00:00Z",
                                     articles=[a]))
            changed.append(sorted((s.to_dict() for s in update_stories(store, Config(), run)),
                                  key=lambda d: d["id"]))
        return {"runs": changed, "merges": store.story_merges(),
                "stories": sorted((s.to_dict() for s in store.stories()),
                                  key=lambda d: d["id"])}
    finally:
        store.close()


@pytest.mark.parametrize("seed", [1, 2])
def test_late_stages_group_as_eager_ones(tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                         seed: int) -> None:
    """Every run's changed records, the merges and the stored stories equal those of an index
    that reads each member's stages as it joins (the code before). The stories step touches
    no new store lookup, so one backend says it."""
    from parallax.stories.index import StoryIndex

    late = _ingest_stream(str(tmp_path / "late.db"), seed)
    join = StoryIndex._join

    def eager(self: StoryIndex, profile: Any, keys: Any, story: Any, *args: Any,
              **kwargs: Any) -> None:
        join(self, profile, keys, story, *args, **kwargs)
        story.stages  # noqa: B018 - read at once, as before

    monkeypatch.setattr(StoryIndex, "_join", eager)
    assert _ingest_stream(str(tmp_path / "eager.db"), seed) == late
    assert any(len(s["article_ids"]) > 1 for s in late["stories"]), "nothing grouped"


def test_a_load_reads_no_stages_until_asked(tmp_path: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the index reads no headline's stages; asking a story for them gives the sum of
    its members' stages (the veto's input), as an eager read does."""
    import parallax.stories.index as index_module
    import parallax.stories.state as state_module
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.stories.actions import action_stages
    from parallax.stories.incremental import IncrementalClusterer

    _ingest_stream(str(tmp_path / "s.db"), 3)
    reads: list[str] = []

    def counted(title: str, lead: str, language: str | None) -> dict[str, str]:
        reads.append(title)
        return action_stages(title, lead, language)

    monkeypatch.setattr(index_module, "action_stages", counted)
    monkeypatch.setattr(state_module, "action_stages", counted, raising=False)
    store = open_store(str(tmp_path / "s.db"))
    try:
        index = IncrementalClusterer(Config()).load(store)
    finally:
        store.close()
    assert len(index.profiles) == 40 and reads == []
    named = 0
    for story in index.stories.values():
        expected: dict[str, Counter[str]] = {}
        for member in story.mains:
            p = index.profiles[member]
            for family, stage in action_stages(p.title, p.lead, p.language).items():
                expected.setdefault(family, Counter())[stage] += 1
        assert story.stages == expected
        named += bool(expected)
    assert named >= 3, "the fixture must name stages"
    assert len(reads) == sum(len(s.mains) for s in index.stories.values())


def test_a_merge_keeps_both_sides_unread_and_read_stages() -> None:
    """Consolidation merges restored stories before anything asked for their stages: the
    merged story answers for both sides' members, read or not."""
    from parallax.stories.actions import action_stages
    from parallax.stories.state import StoryState

    verdict, appeal = "Jury convicts Lund of fraud", "Appeals court upholds Lund conviction"
    assert action_stages(verdict, "", "en") and action_stages(appeal, "", "en")
    keep, gone = StoryState(id="s1", order=1), StoryState(id="s2", order=2)
    keep.unread_stages.append((verdict, "", "en"))
    gone.unread_stages.append((appeal, "", "en"))
    gone.known_stages = {"court": Counter({"verdict": 1})}
    keep.absorb(gone)
    assert keep.stages == {"court": Counter({"verdict": 2, "appeal": 1})}
    assert keep.unread_stages == []
