from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parallax.pipeline import build_clusterer
from parallax.records import Article
from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.base import Store
from parallax.stories.metrics import bcubed, pairwise
from parallax.stories.profile import PROFILE_VERSION

# Floors only go up (design note: quality gate). Measured values are in docs/quality.md.
DEMO_BCUBED_F1_FLOOR = 0.98  # 1.000 with cross-lingual marks (2026-12-04; 0.964 before)
DEMO_PAIRWISE_PRECISION_FLOOR = 0.95
# tests/data/stories_gold: 73 articles, 14 stories, EN/DE/RU, distractors (floors only go up)
GOLD_BCUBED_F1_FLOOR = 0.98  # 1.000 with cross-lingual marks (fifth session; 0.977 before)
GOLD_PAIRWISE_PRECISION_FLOOR = 0.97  # 1.000
STORIES_GOLD = Path(__file__).resolve().parent / "data" / "stories_gold"


def test_metrics_on_known_clusterings() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert bcubed(gold, gold)["f1"] == 1.0
    assert pairwise(gold, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    merged = {k: "x" for k in gold}
    assert bcubed(gold, merged)["precision"] == 0.5 and bcubed(gold, merged)["recall"] == 1.0
    split = {k: k for k in gold}
    assert pairwise(gold, split)["recall"] == 0.0


def demo_gold_and_prediction(tmp_path: Path, corpus: Path) -> tuple[dict[str, str],
                                                                   dict[str, str]]:
    store = open_store(tmp_path / "demo.db")
    ingest([str(corpus)], store, Config())
    story_of = {a: s.id for s in store.stories() for a in s.article_ids}
    articles = store.articles(role="main")
    gold_doc = json.loads((corpus.parent / "gold.json").read_text(encoding="utf-8"))
    gold, pred = {}, {}
    for doc in gold_doc["documents"]:
        if doc["role"] != "main":
            continue
        name = Path(doc["file"]).name
        (match,) = [a for a in articles if Path(a.input.split("#")[0]).name == name
                    and (doc["title"] is None or a.title == doc["title"])]
        gold[match.id], pred[match.id] = doc["event"], story_of[match.id]
    return gold, pred


def test_demo_story_quality_gate(tmp_path: Path, corpus: Path) -> None:
    gold, pred = demo_gold_and_prediction(tmp_path, corpus)
    assert len(gold) == 23
    assert bcubed(gold, pred)["f1"] >= DEMO_BCUBED_F1_FLOOR
    assert pairwise(gold, pred)["precision"] >= DEMO_PAIRWISE_PRECISION_FLOOR


def test_stories_gold_quality_gate() -> None:
    from parallax.stories.evaluate import score

    result = score(STORIES_GOLD, Config())
    assert result["articles"] == 73
    assert result["bcubed_f1"] >= GOLD_BCUBED_F1_FLOOR, result
    assert result["pairwise_precision"] >= GOLD_PAIRWISE_PRECISION_FLOOR, result


# the same 73 lines with their dates removed (issue 18): cross-lingual members and one court
# case's verdict/appeal pair are what dates decided; 0.913 / 0.870 measured 2026-12-04 (third
# session: undated articles placed by consolidation; was 0.896 / 0.867); 0.958 / 0.883 with the
# cross-lingual marks (fifth session: four German loners placed; the verdict/appeal merge stays);
# 0.967 / 0.967 with event actions (fifteenth session: the verdict's and the appeal's English
# reports name two stages of one court case and stay apart; one Russian appeal report stays
# with the verdict); 0.988 / 1.000 with German and Russian stages (sixteenth session, helper N:
# that Russian appeal report names the appeal, so its first merge with the verdict is refused);
# 1.000 / 1.000 with the loner rescue (twenty-first session, helper S: the German outage report
# shares the story's own rare name and figure with two members). 0.995 fails on one misplaced
# article of the 73 (0.988), so the floor holds what resolved issue 18
GOLD_UNDATED_FLOORS = (0.995, 0.98)  # B-cubed F1, pairwise precision (floors only go up)
# one ingest of the 73 lines where 33 keep their date (by URL hash, as basil's mixed form):
# 0.953 / 1.000 measured 2026-12-04 (fourth session: a dated article days from every date of a
# story joins it online only above twice the threshold; was 0.860 / 0.815); 0.988 / 1.000 with
# the cross-lingual marks (fifth session); 1.000 / 1.000 with the loner rescue (twenty-first
# session), the dated form's: "a mix groups as well as the better of the two" (issue 18)
GOLD_MIXED_FLOORS = (0.995, 0.97)  # B-cubed F1, pairwise precision (floors only go up)


def _gold_with_dates(folder: Path, keep: Any, *, url: bool = False) -> Path:
    """The stories gold written to ``folder`` with ``published`` only on lines ``keep``
    accepts (the gold ids and stories unchanged). A line without its date loses its URL too
    unless ``url``: every gold URL states its day (/2026/03/12/), which the reader takes when
    no date is given, and the undated form stands for plain text with no address (issue 18)."""
    folder.mkdir()
    lines = (STORIES_GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(x) for x in lines if x.strip()]
    assert all("published" in r and "url" in r for r in rows)  # else this tests nothing
    dropped = {"published"} if url else {"published", "url"}
    (folder / "articles.jsonl").write_text("".join(
        json.dumps({k: v for k, v in r.items() if k not in dropped or keep(r)},
                   ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (folder / "gold.json").write_text((STORIES_GOLD / "gold.json").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    return folder


def test_stories_gold_without_dates(tmp_path: Path) -> None:
    from parallax.stories.evaluate import score

    result = score(_gold_with_dates(tmp_path / "undated", lambda r: False), Config())
    assert result["articles"] == 73
    assert result["bcubed_f1"] >= GOLD_UNDATED_FLOORS[0], result
    assert result["pairwise_precision"] >= GOLD_UNDATED_FLOORS[1], result


def test_stories_gold_with_some_dates(tmp_path: Path) -> None:
    """A mixed ingest: about half the lines dated, one JSONL, one run (issue 18: a mix must
    group as well as the better of the two forms)."""
    from parallax.stories import realnews
    from parallax.stories.evaluate import score

    folder = _gold_with_dates(tmp_path / "mixed", realnews.dated)
    dated = sum("published" in json.loads(x) for x in
                (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    assert 20 < dated < 53  # a real mix, else this tests one of the other two forms
    result = score(folder, Config())
    assert result["articles"] == 73
    assert result["bcubed_f1"] >= GOLD_MIXED_FLOORS[0], result
    assert result["pairwise_precision"] >= GOLD_MIXED_FLOORS[1], result


# the same 73 lines without ``published`` but with their URLs, each of which states its day
# (/2026/03/12/): the reader dates them from the URL (thirteenth session, helper U): 1.000 /
# 1.000 measured 2026-12-05 (the undated form above, no URL, 0.958 / 0.883)
GOLD_URL_DATED_FLOORS = (0.98, 0.97)  # B-cubed F1, pairwise precision (floors only go up)


def test_stories_gold_dated_by_their_urls(tmp_path: Path) -> None:
    from parallax.stories.evaluate import score

    folder = _gold_with_dates(tmp_path / "urls", lambda r: False, url=True)
    assert all("published" not in json.loads(x) and "/2026/" in json.loads(x)["url"] for x in
               (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    result = score(folder, Config())
    assert result["articles"] == 73
    assert result["bcubed_f1"] >= GOLD_URL_DATED_FLOORS[0], result
    assert result["pairwise_precision"] >= GOLD_URL_DATED_FLOORS[1], result


def test_story_ids_survive_reingest_and_rebuild(tmp_path: Path, corpus: Path) -> None:
    from parallax.runner import recluster

    store = open_store(tmp_path / "demo.db")
    first = ingest([str(corpus)], store, Config())
    ids = {s.id for s in store.stories()}
    assert {s.id for s in first.stories} == ids and first.story_count == len(ids)
    second = ingest([str(corpus)], store, Config())
    assert second.stories == [] and {s.id for s in store.stories()} == ids
    assert {s.id for s in recluster(store, Config())} == ids


def test_teasers_are_linked_but_not_counted(tmp_path: Path, corpus: Path) -> None:
    store = open_store(tmp_path / "demo.db")
    ingest([str(corpus)], store, Config())
    roles = {a.id: a.role for a in store.articles(role=None)}
    linked_teasers = 0
    for story in store.stories():
        mains = [i for i in story.article_ids if roles[i] == "main"]
        assert story.main_count == len(mains)
        linked_teasers += len(story.article_ids) - len(mains)
    assert linked_teasers >= 1


def test_untitled_article_gets_a_display_label() -> None:
    from parallax.compare.overlap import display_label
    from parallax.records import Article, Published

    untitled = Article(id="a", role="main", title="", outlet=None, published=Published(),
                       text="In the cold north two leaders will meet on Friday to talk about "
                            "the future of the region.")
    assert display_label(untitled) == "In the cold north two leaders will meet on Friday…"
    untitled.title = "Summit"
    assert display_label(untitled) == "Summit"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds: list[Path]) -> Iterator[Store]:
    """The seeds ingested once for this module's tests, which only read the store."""
    store = open_store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    ingest([str(p) for p in seeds], store, Config())
    yield store
    store.close()


def test_the_two_seed_articles_share_a_story(seed_store: Store) -> None:
    store = seed_store
    mains = [a.id for a in store.articles(role="main")]
    assert len(mains) == 2
    (story,) = [s for s in store.stories() if mains[0] in s.article_ids]
    assert mains[1] in story.article_ids


def test_store_keeps_document_vectors_outside_the_contract(tmp_path: Path, corpus: Path) -> None:
    store = open_store(tmp_path / "demo.db")
    ingest([str(corpus / sorted(p.name for p in corpus.iterdir())[0])], store, Config())
    (article, *_) = store.articles(role="main")
    assert article.vector is not None and article.vector.shape == (512,)
    assert "vector" not in article.to_dict()


def test_seed_comparison_shows_both_sides(seed_store: Store) -> None:
    """Acceptance of the stories issue on the seeds: one story, Putin cast differently by the
    two outlets, claims only each outlet makes, each outlet's voices, the German comments."""
    from parallax.compare.service import comparison_for

    store = seed_store
    mains = store.articles(role="main")
    (story,) = [s for s in store.stories() if mains[0].id in s.article_ids]
    comparison = comparison_for(store, story.id, Config())
    cells = [c for c in comparison["portrayal"]["cells"] if c["entity"] == "Vladimir Putin"]
    assert len({c["outlet"] for c in cells}) == 2
    assert len({c["main_role"] for c in cells}) == 2
    assert all(c["evidence"] for c in cells)
    clusters = {c["id"]: c for c in comparison["claims"]["clusters"]}
    exclusive_by = {next(o for o, p in clusters[i]["positions"].items() if p != "silent")
                    for i in comparison["claims"]["exclusive"]}
    assert len(exclusive_by) == 2
    assert len({v["outlet"] for v in comparison["voices"]}) == 2
    german = [r for r in comparison["reaction"] if r["languages"].get("de", 0) >= 10]
    assert german


def test_untitled_story_gets_an_extractive_title(tmp_path: Path) -> None:
    from parallax.records import Published

    text = ("Negotiators from Tessin and Korvania met in Lindau on Monday to discuss a prisoner "
            "exchange and a ceasefire along the river border, officials said.")
    article = Article(id="u1", role="main", title="", outlet="Wire", published=Published(),
                      text=text, language="en")
    (story,) = build_clusterer(Config()).cluster([article], [])
    assert story.title.startswith("Negotiators from Tessin and Korvania") and story.title[-1] == "…"


def _bare(aid: str, text: str, outlet: str | None) -> Article:
    from parallax.records import Published

    return Article(id=aid, role="main", title="", outlet=outlet,
                   published=Published(iso="2026-03-01"), text=text, language="en")


def test_comparison_of_degenerate_stories_is_sensible() -> None:
    """One article; an article with no claims, entities or labels; two exact copies."""
    from parallax.enrich.claims import make_claims
    from parallax.enrich.sentences import sentencex_sentences
    from parallax.pipeline import build_comparer
    from parallax.records import Story

    comparer = build_comparer(Config())
    lone = _bare("a1", "Nothing much happened today in the quiet valley.", "Valley Post")
    result = comparer.compare(Story("s1", "t", ["a1"], main_count=1), [lone], [])
    assert [o["outlet"] for o in result["outlets"]] == ["Valley Post"]
    assert result["claims"]["shared"] == [] and result["omissions"] == []
    assert result["portrayal"]["cells"] == [] and result["reaction"] == []

    text = ("Officials said 38 people died when the Tessin dam broke on Monday. "
            "The regional government promised an inquiry into the collapse.")
    copies = [_bare("b1", text, "Wire A"), _bare("b2", text, "Wire B")]
    for article in copies:
        article.sentences = sentencex_sentences(text, "en")
        make_claims(Config()).annotate(article)
    story = Story("s2", "t", ["b1", "b2"], main_count=2)
    result = comparer.compare(story, copies, [])
    assert not result["claims"]["contested"]
    (cluster,) = result["claims"]["clusters"]  # the copies' claim aligns with itself
    assert cluster["positions"] == {"Wire A": "attributes", "Wire B": "attributes"}


def _profile(article_id: str, day: str, keys: dict[str, int], vector: list[float] | None = None,
             role: str = "main") -> Any:
    from collections import Counter
    from datetime import date

    import numpy as np

    from parallax.stories.profile import ArticleProfile

    v = None
    if vector is not None:
        v = np.asarray(vector + [0.0] * (512 - len(vector)), dtype=np.float32)
        v /= np.linalg.norm(v)
    return ArticleProfile(id=article_id, role=role, outlet="O" + article_id, title=article_id,
                          day=date.fromisoformat(day), keys=Counter(keys), vector=v)


def _termed(article_id: str, day: str, keys: dict[str, int], terms: dict[str, int],
            vector: list[float]) -> Any:
    """``_profile`` of an English article with its lexical terms."""
    from collections import Counter

    p = _profile(article_id, day, keys, vector)
    p.language, p.terms = "en", Counter(terms)
    return p


def test_consolidation_merges_a_story_split_by_arrival_order() -> None:
    """A and C share little; B, arriving last, bridges them: the online pass cannot know, the
    consolidation pass merges and records where the merged story went."""
    from parallax.stories.index import StoryIndex

    index = StoryIndex(threshold=0.18, embedding_weight=0.3, window_days=10)
    a = _profile("a", "2026-03-01", {"orlec": 2, "tarvia": 1, "dam": 1}, [1, 0, 0])
    c = _profile("c", "2026-03-02", {"marsh": 2, "tarvia": 1, "flood": 1}, [0, 1, 0])
    b = _profile("b", "2026-03-02", {"orlec": 1, "marsh": 1, "tarvia": 1, "dam": 1, "flood": 1},
                 [1, 1, 0])
    other = _profile("x", "2026-03-02", {"strike": 2, "aldenburg": 1}, [0, 0, 1])
    index.count_documents([a, b, c, other])
    sa, sc, sx = index.assign(a), index.assign(c), index.assign(other)
    assert len({sa, sc, sx}) == 3
    index.assign(b)
    merges = index.consolidate()
    assert index.story_of["a"] == index.story_of["b"] == index.story_of["c"] != sx
    assert merges and set(merges.values()) <= set(index.stories)


def _overlapping_casts(languages: tuple[str, ...] = ("en",), marked: bool = False
                       ) -> list[Any]:
    """400 undated articles of 40 overlapping casts, each starting its own story. ``marked``:
    with cross-lingual marks (the cast and a figure), and every third article dated."""
    import random
    from collections import Counter
    from datetime import date

    rng = random.Random(7)
    casts = [[f"n{rng.randrange(60)}" for _ in range(3)] for _ in range(40)]
    profiles = []
    for i in range(400):
        cast = rng.randrange(40)
        keys = {k: rng.randint(1, 3) for k in casts[cast] + [f"n{rng.randrange(60)}"]}
        vector = [rng.gauss(0, 1) for _ in range(8)]
        vector[cast % 8] += 4
        p = _profile(f"a{i:03d}", "2026-03-01", keys, vector)
        p.day, p.language = None, languages[i % len(languages)]
        p.terms = Counter([f"t{cast}", f"t{cast}", f"t{rng.randrange(80)}",
                           f"t{rng.randrange(80)}"])
        if marked:
            p.marks = Counter([*casts[cast][:2], f"#{rng.randrange(30)}"])
            if i % 3 == 0:
                p.day = date(2026, 3, 1 + i % 5)
        profiles.append(p)
    return profiles


def _partition(profiles: list[Any], switch: str, on: bool) -> tuple[frozenset[frozenset[str]], int]:
    import copy

    from parallax.stories import consolidate
    from parallax.stories.incremental import IncrementalClusterer

    setattr(consolidate, switch, on)
    try:
        clusterer = IncrementalClusterer(Config())
        index = clusterer.new_index()
        clusterer.assign_all(index, copy.deepcopy(profiles))
    finally:
        setattr(consolidate, switch, True)
    return frozenset(frozenset(s.mains) for s in index.stories.values()), len(index.merges)


def test_consolidation_reuses_stale_pushes_without_changing_merges() -> None:
    """Consolidation reuses a stale story's last search and its links to unchanged stories
    (stories.consolidate); 400 undated articles of 40 overlapping casts, each starting its own
    story, must merge exactly as with every push computed afresh."""
    profiles = _overlapping_casts()
    reused, fresh = _partition(profiles, "REUSE", True), _partition(profiles, "REUSE", False)
    assert fresh[1] > 100  # enough merges for stale pushes to happen
    assert reused == fresh


def test_batched_links_equal_single_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """stories.linkbatch scores a push's links in one numpy pass, skipping those whose ceiling
    is under the threshold: each link at or above the threshold must equal ``story_link`` up to
    rounding and be the same number from either side (consolidation reuses a link scored from
    the other side), each skipped link must be under it, and the merges must be those of links
    one by one, also with stories of three languages (terms of one never meet the other's),
    cross-lingual marks and some dates."""
    from parallax.stories import linkbatch

    profiles = _overlapping_casts(("en", "de", "ru"), marked=True)
    checked: list[float] = []
    skipped = 0
    plain = linkbatch.LinkBatch.links

    def links(self: Any, story: Any, version: int, others: Any) -> list[float]:
        nonlocal skipped
        got = plain(self, story, version, others)
        for (other, other_version), value in zip(others, got, strict=True):
            exact = self.index.story_link(story, other)
            if max(exact, value) >= self.index.threshold - 1e-9:
                assert abs(value - exact) < 1e-12
                assert plain(self, other, other_version, [(story, version)]) == [value]
            else:
                skipped += abs(value - exact) > 1e-12
            checked.append(exact)
        return got

    monkeypatch.setattr(linkbatch.LinkBatch, "links", links)
    batched = _partition(profiles, "BATCH", True)
    monkeypatch.undo()
    threshold = Config()["story_similarity_threshold"]
    assert len(checked) > 1000 and sum(v >= threshold for v in checked) > 100
    assert skipped > 100  # the ceiling did skip links
    assert batched[1] > 100
    assert batched == _partition(profiles, "BATCH", False)


def test_link_ceilings_follow_story_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """``StorySimilarity.link_ceilings`` repeats ``story_link`` in numpy so consolidation can
    skip the links under the threshold: on every link of a consolidation with terms, marks of
    three languages and dates, a link at or above the threshold must get its own value as
    ceiling (up to the float32 cosines), and none may get a ceiling under the skip bar."""
    import numpy as np

    from parallax.stories import linkbatch

    seen: list[tuple[float, float]] = []
    plain = linkbatch.LinkBatch._ceilings

    def ceilings(self: Any, story: Any, rows: list[int], dots: Any) -> Any:
        got = plain(self, story, rows, dots)
        by_row = {row: self.index.stories[sid] for sid, row in self.rows.items()
                  if sid in self.index.stories}
        for row, ceiling in zip(rows, got, strict=True):
            seen.append((self.index.story_link(story, by_row[row]), float(ceiling)))
        return got

    monkeypatch.setattr(linkbatch.LinkBatch, "_ceilings", ceilings)
    _partition(_overlapping_casts(("en", "de", "ru"), marked=True), "BATCH", True)
    threshold = Config()["story_similarity_threshold"]
    above = np.array([(e, c) for e, c in seen if e >= threshold])
    assert len(seen) > 1000 and len(above) > 100
    assert np.abs(above[:, 0] - above[:, 1]).max() < 1e-5
    assert all(c >= threshold - linkbatch.SLACK for e, c in seen if e >= threshold)


def test_merged_link_arrays_equal_rebuilt_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge derives the surviving story's id arrays from the two stories' arrays
    (``LinkBatch.merge``) instead of rebuilding them from the merged dicts: they must be equal
    to the last bit, names and terms of two languages alike (the segments only the ceiling
    reads, marks summed over languages, up to rounding)."""
    import numpy as np

    from parallax.stories import linkbatch

    derived: list[bool] = []
    plain = linkbatch.LinkBatch.merge

    def merge(self: Any, keep: str, keep_version: int, gone: str, gone_version: int) -> None:
        plain(self, keep, keep_version, gone, gone_version)
        cached = self.arrays.get(keep)
        if cached is None or cached[0] != keep_version + 1:
            return
        size = self.size
        del self.arrays[keep]
        ids, weights, lengths, row = self._of(self.index.stories[keep], keep_version + 1)
        assert self.size == size  # no key the two arrays did not hold
        exact = lengths[0] + lengths[1]  # the dots story_link takes; the ceiling's may round
        derived.append(np.array_equal(ids, cached[1][0]) and
                       np.array_equal(weights[:exact], cached[1][1][:exact]) and
                       np.allclose(weights[exact:], cached[1][1][exact:], rtol=1e-12) and
                       (lengths, row) == cached[1][2:])
        self.arrays[keep] = cached

    monkeypatch.setattr(linkbatch.LinkBatch, "merge", merge)
    _partition(_overlapping_casts(("en", "de")), "BATCH", True)
    assert len(derived) > 100 and all(derived)


def test_batched_vector_inserts_and_searches_equal_single_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An undated article's vector waits for the next search, which inserts what waits in one
    batch, and consolidation searches its first round in one batch (stories.ann): on an HNSW
    graph both must find exactly what one call per vector finds (single-threaded builds; the
    default multi-threaded build links the graph in a varying order)."""
    import numpy as np

    from parallax.stories import ann

    monkeypatch.setattr(ann, "BUILD_THREADS", 1)
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((ann.EXACT_BELOW + 600, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    one, batch = ann.VectorIndex(dim=64), ann.VectorIndex(dim=64)
    for i, v in enumerate(vectors):
        one.add(i, v)
    batch.add_many(list(range(len(vectors))), vectors)
    assert one._hnsw is not None and batch._hnsw is not None
    queries = vectors[:300] + 0.5 * vectors[300:600]  # story means are not unit vectors
    singles = [[key for key, _ in one.search(q, 24)] for q in queries]
    assert [[key for key, _ in batch.search(q, 24)] for q in queries] == singles
    assert one.search_keys(queries, 24) == singles
    assert ann.VectorIndex(dim=64).search_keys(queries, 5) == [[] for _ in queries]


def test_event_and_thread_granularity() -> None:
    from parallax.stories.incremental import IncrementalClusterer

    def stories(granularity: str) -> int:
        config = Config()
        config.values["story_granularity"] = granularity
        clusterer = IncrementalClusterer(config)
        index = clusterer.new_index()
        clusterer.assign_all(index, [
            _profile("a", "2026-03-01", {"cordel": 2, "orlec": 1}, [1, 0.2, 0]),
            _profile("b", "2026-03-20", {"cordel": 2, "orlec": 1}, [1, 0.3, 0]),
            _profile("c", "2026-03-22", {"strike": 2, "bahn": 1}, [0, 0, 1])])
        return len(index.stories)

    assert stories("event") == 3  # 19 days apart: two events of one thread
    assert stories("thread") == 2
    config = Config()
    config.values["story_granularity"] = "topic"
    with pytest.raises(Exception, match="story_granularity"):
        IncrementalClusterer(config)


def test_streamed_ingest_matches_gold_and_resumes(tmp_path: Path) -> None:
    """The gold set ingested in three runs (the online path) stays close to the batch result,
    and articles a crash left outside any story are assigned on the next run."""
    lines = (STORIES_GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    gold = json.loads((STORIES_GOLD / "gold.json").read_text(encoding="utf-8"))["assignments"]
    parts = [lines[:30], lines[30:55], lines[55:]]
    store = open_store(tmp_path / "stream.db")
    for n, part in enumerate(parts):
        path = tmp_path / f"part{n}.jsonl"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        ingest([str(path)], store, Config(), cluster=n != 1)  # run 1 "crashes" before stories
    story_of = {a: s.id for s in store.stories() for a in s.article_ids}
    by_url = {json.loads(line)["url"]: json.loads(line)["id"] for line in lines}
    mains = store.articles(role="main")
    assert len(mains) == 73 and all(a.id in story_of for a in mains)
    truth = {a.id: gold[by_url[a.url]] for a in mains if a.url}
    pred = {a: story_of[a] for a in truth}
    # 1.000 / 1.000 with the cross-lingual marks (fifth session; 0.965 / 1.000 before)
    assert bcubed(truth, pred)["f1"] >= 0.97
    assert pairwise(truth, pred)["precision"] >= 0.97


def test_merged_story_id_redirects(tmp_path: Path) -> None:
    from parallax.records import Story

    store = open_store(tmp_path / "m.db")
    store.save_stories([Story(id="s1", title="One", article_ids=[]),
                        Story(id="s2", title="Two", article_ids=[])], {})
    store.save_stories([Story(id="s1", title="One and two", article_ids=[])], {"s2": "s1"})
    merged = store.story("s2")
    assert merged is not None and merged.id == "s1" and merged.title == "One and two"
    assert store.story("s3") is None and store.merged_into("s2") == "s1"


def test_comparison_is_cached_until_the_story_changes(seed_store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import parallax.compare.service as service
    from parallax.records import Story

    calls = []
    real = service.build_comparer

    def counting(config: Config) -> Any:
        calls.append(1)
        return real(config)

    monkeypatch.setattr(service, "build_comparer", counting)
    story = seed_store.stories()[0]
    first = service.comparison_for(seed_store, story.id, Config())  # computed or cached
    calls.clear()
    assert service.comparison_for(seed_store, story.id, Config()) == first
    assert calls == []  # served from the cache
    grown = Story.from_dict({**story.to_dict(), "title": story.title + " (updated)"})
    seed_store.save_stories([grown], {})
    try:
        service.comparison_for(seed_store, story.id, Config())
        assert calls == [1]  # the story changed: computed again
    finally:
        seed_store.save_stories([story], {})


# basil-tune (../shared): 30 real events x 3 US outlets. Settings were tuned on the "tune" half
# (events split by a hash of their id, parallax.stories.realnews); these floors hold on the
# held-out half, ingested end to end in each shape. Measured values: docs/stories.md.
BASIL_FLOORS = {  # form: (B-cubed F1, pairwise precision); measured 2026-12-04, third session
    "dated": (0.97, 0.95),  # 1.000 / 1.000 (was 0.966 / 0.833: Cantor/Labrador merged)
    "undated": (0.97, 0.95),  # 1.000 / 1.000
    "mixed": (0.97, 0.95),  # 1.000 / 1.000 (was 0.969 / 0.935)
}


@pytest.fixture(scope="module")
def basil_held() -> list[dict[str, Any]]:
    from parallax.stories import realnews
    from requirements import shared_path

    rows = realnews.read_events(shared_path("datasets/stories/basil-tune.jsonl"))
    assert len(realnews.event_ids(rows)) == 30
    return realnews.half(rows, "held")


@pytest.mark.slow
@pytest.mark.parametrize("form", sorted(BASIL_FLOORS))
def test_real_events_group_with_and_without_dates(basil_held: list[dict[str, Any]],
                                                  form: str) -> None:
    """The issue's acceptance on real news: the held-out events group as well without dates
    (plain title/blank/body files, no outlet) as with them, and a mixed ingest too."""
    from parallax.stories import realnews

    result = realnews.score_rows(basil_held, form, Config())
    assert result["articles"] == 45 and result["events"] == 15
    f1, precision = BASIL_FLOORS[form]
    assert result["bcubed_f1"] >= f1, result
    assert result["pairwise_precision"] >= precision, result


def test_an_unknown_date_is_not_now(tmp_path: Path) -> None:
    """Text files without a date keep no day (not the ingest time): their story has no start
    or end, and two reports of one event still group on content alone."""
    lead = ("Senator Alma Reyes of Ohio was indicted by a federal grand jury on bribery charges "
            "on Thursday, accused of taking $250,000 from a shipping firm for a harbour "
            "contract. ")
    first = tmp_path / "a.txt"
    first.write_text("Reyes indicted on bribery charges\n\n" + lead + (
        "Reyes told reporters in Columbus that the indictment would be fought in court and "
        "that she was innocent. Prosecutors said the payments ran through two consultants. ")
        * 2, encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("Ohio senator charged with taking bribes\n\n" + lead + (
        "Her lawyer called the charges political. The shipping firm's chief executive was "
        "charged alongside her and is due in court next week, prosecutors said. ") * 2,
        encoding="utf-8")
    store = open_store(tmp_path / "u.db")
    ingest([str(first), str(second)], store, Config())
    (story,) = store.stories()
    assert story.main_count == 2 and story.start is None and story.end is None
    assert all(a.published.iso is None for a in store.articles(role="main"))


def test_lexical_terms_separate_events_of_one_cast() -> None:
    """Undated, one cast, close meaning: names and meaning alone merge the plea and the
    subpoena; the title and lead terms keep them apart."""
    from collections import Counter

    from parallax.stories.incremental import IncrementalClusterer

    def same_event(config: Config) -> tuple[bool, bool, bool]:
        def profile(aid: str, keys: dict[str, int], terms: dict[str, int],
                    vector: list[float]) -> Any:
            p = _profile(aid, "2026-03-01", keys, vector)
            p.day, p.language, p.terms = None, "en", Counter(terms)
            return p

        plea = {"plead": 2, "guilty": 2, "lying": 1, "fbi": 1, "sentenc": 1}
        subpoena = {"subpoe": 2, "committ": 2, "intell": 1, "docume": 1, "hearin": 1}
        mueller, schiff = {"flynn": 2, "trump": 1, "muell": 1}, {"flynn": 2, "trump": 1, "schif": 1}
        others = [profile(f"x{i}", {f"k{i}": 2}, {f"t{i}": 2}, [0, 0, 1, i]) for i in range(6)]
        clusterer = IncrementalClusterer(config)
        index = clusterer.new_index()
        clusterer.assign_all(index, [profile("a", mueller, plea, [1, 0.5, 0, 0, 0.2]),
                                     profile("b", mueller, plea, [1, 0.5, 0, 0, -0.2]),
                                     profile("c", schiff, subpoena, [1, -0.5, 0, 0.2]),
                                     profile("d", schiff, subpoena, [1, -0.5, 0, -0.2]),
                                     *others])
        s = index.story_of
        return s["a"] == s["b"], s["c"] == s["d"], s["a"] == s["c"]

    assert same_event(Config()) == (True, True, False)
    without_terms = Config()
    without_terms.values["story_lexical_weight"] = 0.0
    assert same_event(without_terms) == (True, True, True)


def test_same_week_dates_do_not_stand_in_for_shared_terms() -> None:
    """Dated, one cast, one week (a primary defeat and the leadership race it opens): names
    and meaning pass the dated bar, the terms share little. Dates confirm content, they never
    replace it: the two events stay apart, each event's reports still group; with full date
    evidence whatever the terms say (the clusterer before 2026-12-04), they merge."""

    from parallax.stories.incremental import IncrementalClusterer
    from parallax.stories.index import StoryIndex

    defeat = {"defeat": 2, "primar": 2, "upset": 1, "voters": 1, "house": 1}
    race = {"majori": 2, "leader": 2, "race": 1, "votes": 1, "house": 1}
    cast = {"canto": 2, "repub": 1, "house": 1}
    others = [_termed(f"x{i}", "2026-06-12", {f"k{i}": 2}, {f"t{i}": 2}, [0, 0, 1, i])
              for i in range(6)]

    def grouping() -> tuple[bool, bool, bool]:
        clusterer = IncrementalClusterer(Config())
        index = clusterer.new_index()
        clusterer.assign_all(index, [
            _termed("a", "2026-06-10", {**cast, "brat": 1}, defeat, [1, 0.5, 0, 0, 0.2]),
            _termed("b", "2026-06-11", {**cast, "brat": 1}, defeat, [1, 0.5, 0, 0, -0.2]),
            _termed("c", "2026-06-13", {**cast, "labra": 1}, race, [1, -0.2, 0, 0, 0.2]),
            _termed("d", "2026-06-13", {**cast, "labra": 1}, race, [1, -0.2, 0, 0, -0.2]),
            *others])
        s = index.story_of
        return s["a"] == s["b"], s["c"] == s["d"], s["a"] == s["c"]

    assert grouping() == (True, True, False)
    try:
        # the two pairs' cores (defeat and primary, majority and leader) are each other's
        # missing terms as well, so the core veto (stories.cores) is off for this ablation
        StoryIndex.dates_confirm = StoryIndex.core_veto = False
        assert grouping() == (True, True, True)
    finally:
        StoryIndex.dates_confirm = StoryIndex.core_veto = True


def test_a_late_article_does_not_join_a_small_story_online() -> None:
    """Dated, one cast, five days apart (a summit and, the next week, the appeal of a convict
    its coverage mentioned): the first appeal report scores between the plain online bar and
    twice the threshold against the two-article summit story. Days from every date the story
    holds, it must clear twice the threshold to join online; it starts its own story, its
    siblings join it, and by average link the two events stay apart. At the plain bar (the
    clusterer before 2026-12-04, fourth session) it joins the summit and its siblings follow."""

    from parallax.stories.incremental import IncrementalClusterer
    from parallax.stories.index import JOIN_FACTOR, LATE_JOIN_FACTOR, StoryIndex

    summit = {"summit": 2, "border": 2, "crossi": 1, "detain": 1, "pardon": 1}
    appeal = {"appeal": 2, "upheld": 2, "court": 1, "hunger": 1, "pardon": 1, "semyr": 1}
    others = [_termed(f"x{i}", "2026-04-17", {f"k{i}": 2}, {f"t{i}": 2}, [0, 0, 1, i])
              for i in range(6)]

    def grouping() -> tuple[bool, bool, bool]:
        clusterer = IncrementalClusterer(Config())
        index = clusterer.new_index()
        clusterer.assign_all(index, [
            _termed("a", "2026-04-16", {"orlec": 2, "skarn": 2, "marsh": 1}, summit,
                    [1, 0.6, 0, 0, 0.2]),
            _termed("b", "2026-04-17", {"orlec": 2, "skarn": 1, "semyr": 1},
                    {**summit, "semyr": 1}, [1, 0.6, 0, 0, -0.2]),
            _termed("c", "2026-04-22", {"semyr": 2, "orlec": 1}, appeal, [1, 0.1, 0, 0, 0.2]),
            _termed("d", "2026-04-23", {"semyr": 2, "orlec": 1}, appeal, [0.6, -1, 0, 0, -0.2]),
            _termed("e", "2026-04-23", {"semyr": 2, "court": 1}, appeal, [0.6, -1, 0, 0, 0.1]),
            *others])
        s = index.story_of
        return s["a"] == s["b"], s["c"] == s["d"] == s["e"], s["a"] == s["c"]

    assert grouping() == (True, True, False)
    try:
        StoryIndex.late_join_factor = JOIN_FACTOR
        assert grouping() == (True, True, True)
    finally:
        StoryIndex.late_join_factor = LATE_JOIN_FACTOR


def test_old_profiles_are_rebuilt_once(tmp_path: Path, corpus: Path) -> None:
    """Profiles stored before the lexical terms (and the cross-lingual marks) existed are
    re-profiled on the next ingest, keeping story ids; a second ingest is then a no-op."""
    store = open_store(tmp_path / "old.db")
    ingest([str(corpus)], store, Config())
    ids = {s.id for s in store.stories()}
    old = [(aid, {k: v for k, v in json.loads(data).items() if k not in ("v", "terms", "marks")})
           for aid, _, data, _ in store.story_profiles()]
    store.save_story_profiles(old)
    ingest([str(corpus)], store, Config())
    assert {s.id for s in store.stories()} == ids
    assert all(json.loads(data).get("v") == PROFILE_VERSION
               for _, _, data, _ in store.story_profiles())


def test_story_page_says_why_articles_were_grouped(tmp_path: Path, corpus: Path) -> None:
    from parallax.stories.explain import grouping

    store = open_store(tmp_path / "why.db")
    ingest([str(corpus)], store, Config())
    story = max(store.stories(), key=lambda s: s.main_count)
    why = grouping([a for a in (store.article(i) for i in story.article_ids) if a])
    assert why.articles == story.main_count
    assert why.terms and all(t["articles"] >= 2 for t in why.terms)
    assert why.entities and why.entities[0]["articles"] >= 2
    assert 1 <= why.dated <= why.articles and why.start and "dated" in why.dates
    assert not {t["term"] for t in why.terms} & {"monday", "who", "see"}


def test_the_portrayal_rows_do_not_depend_on_string_hashing() -> None:
    """The comparison shows 12 actors: most outlets first, then most mentions, then by name.
    Ties were broken by set order, which changes with Python's hash seed, so one run of the
    seeds showed Putin's row and the next did not."""
    from types import SimpleNamespace

    from parallax.compare.overlap import _portrayal

    names = [f"Person {chr(65 + k)}" for k in range(14)]

    def article(order: list[str]) -> Any:
        mentions = [SimpleNamespace(canonical=n, type="PERSON") for n in order]
        mentions += [SimpleNamespace(canonical="Person N", type="PERSON")] * 2
        return SimpleNamespace(entities=mentions, portrayals=[], roles=[])

    one = _portrayal({"A": [article(names)], "B": [article(names[::-1])]}, ["A", "B"])
    two = _portrayal({"A": [article(names[::-1])], "B": [article(names)]}, ["A", "B"])
    assert one["entities"] == two["entities"]
    assert one["entities"][0] == "Person N"  # named by both outlets and mentioned most
    assert one["entities"][1:] == names[:11]  # the rest of the ties by name
