"""A restored story sums its members' lexical terms only when something asks for them
(``StoryState.term_sum``): weighing every stored article's terms was a seventh of the CPU of
loading 100,000 of them for one more (docs/stories.md, twenty-sixth session, helper S2), for
the few dozen stories a run scores. The sums, and so every grouping and record, must be those
an eager sum gives, bit for bit, although the run counts its own articles in (changing the
weights) before it asks. All inputs are made up here."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from test_stories_lazy_stages import _ingest_stream


@pytest.mark.parametrize("seed", [1, 2])
def test_late_term_sums_group_as_eager_ones(tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                            seed: int) -> None:
    """Every run's changed records, the merges and the stored stories equal those of an index
    that sums each restored member's terms as it restores it (the code before)."""
    from parallax.stories.index import StoryIndex

    late = _ingest_stream(str(tmp_path / "late.db"), seed)
    restore = StoryIndex.restore

    def eager(self: StoryIndex, profile: Any, story_id: str | None) -> None:
        restore(self, profile, story_id)
        if story_id is not None:
            self.stories[story_id].term_sum  # noqa: B018 - summed at once, as before

    monkeypatch.setattr(StoryIndex, "restore", eager)
    assert _ingest_stream(str(tmp_path / "eager.db"), seed) == late
    assert any(len(s["article_ids"]) > 1 for s in late["stories"]), "nothing grouped"


def test_a_load_sums_no_terms_until_asked_then_with_the_loads_weights(tmp_path: Any) -> None:
    """Loading weighs no member's terms; a story asked after more articles were counted still
    holds its members' terms weighed as the load weighed them, summed in their order."""
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.stories.incremental import IncrementalClusterer
    from parallax.stories.profile import ArticleProfile

    _ingest_stream(str(tmp_path / "s.db"), 3)
    store = open_store(str(tmp_path / "s.db"))
    try:
        index = IncrementalClusterer(Config()).load(store)
    finally:
        store.close()
    stories = [s for s in index.stories.values() if s.mains]
    assert stories and all(s.unsummed_terms for s in stories)
    assert all(not s.summed_terms for s in stories)
    weighed = {m: index.unit_terms(index.profiles[m]) for s in stories for m in s.mains}
    expected = {}
    for story in stories:
        sums: dict[str, float] = {}
        for member in story.mains:
            for k, v in weighed[member].items():
                sums[k] = sums.get(k, 0.0) + v
        expected[story.id] = sums
    # a run counts its own articles in before it scores: every term's weight moves
    index.count_documents([ArticleProfile(id="new", terms=Counter({"harbour": 1, "names": 2}))])
    assert all(index.unit_terms(index.profiles[m]) != w for m, w in weighed.items() if w)
    for story in stories:
        assert story.term_sum == {"en": expected[story.id]}
        assert story.term_count == Counter({"en": len(story.mains)})
        assert story.unsummed_terms == []


def test_a_loaded_index_is_freed_when_dropped(tmp_path: Any) -> None:
    """The terms waiting in a restored story hold the load's frequencies, not the index: an
    index holding itself would outlive each ingest job of a long-running web process until a
    full garbage collection."""
    import gc
    import weakref

    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.stories.incremental import IncrementalClusterer

    _ingest_stream(str(tmp_path / "s.db"), 4)
    store = open_store(str(tmp_path / "s.db"))
    try:
        index = IncrementalClusterer(Config()).load(store)
    finally:
        store.close()
    assert any(s.unsummed_terms for s in index.stories.values())
    held = weakref.ref(index)
    gc.disable()
    try:
        del index
        assert held() is None
    finally:
        gc.enable()
