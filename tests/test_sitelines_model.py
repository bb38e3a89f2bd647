"""The sibling line model (segment/sitelines_model.py): a text dump read beside its template's
other pages is segmented again with each line's probability re-scored by how many siblings hold
it; a dump with no sibling is never read again, a line no sibling holds keeps its probability,
and a second reading that reads the thread anew, is less sure or rejects the page is not
kept. Made-up pages."""

from __future__ import annotations

import numpy as np
import pytest

from parallax.records import Article, Comment, Page, Published, RawDocument, Rejection
from parallax.segment import sitelines_model
from parallax.segment.lines import read_lines
from parallax.segment.sitememory import Sibling, line_hashes

MENU = ["Valley Courier", "News", "Farming", "Schools", "Roads", "Letters", "Weather",
        "Obituaries", "Subscribe", "Search the archive"]
FOOTER = ["Read next", "Bridge works close the river road", "Courier quiz night returns",
          "Contact the newsroom", "Terms | Privacy | Cookies", "Copyright Valley Courier Press"]
STORIES = {
    "orchard": ["The orchard cooperative pressed a record harvest this autumn, after a dry "
                "summer that kept the fruit small but sweet.",
                "Members worked through three weekends to fill the new cold store before the "
                "first frost arrived in the valley.",
                "The cooperative plans to sell its juice at the winter fair for the first "
                "time, its chair said on Wednesday."],
    "school": ["The village school will open a second classroom in January, as families who "
               "moved to the valley during the last two years enrol their children.",
               "Parents raised money for desks and books at a summer fete that drew visitors "
               "from three neighbouring towns.",
               "The head teacher said the new room would also host evening classes for "
               "adults learning to read."],
    "bridge": ["Repairs to the stone bridge over the river will take until spring, the county "
               "engineers told a meeting in the village hall.",
               "Drivers must use the ford road in the meantime, which floods after heavy rain "
               "and adds twenty minutes to the trip to town.",
               "A temporary footbridge for walkers and cyclists is planned for the end of the "
               "month, the engineers said."],
}


def dump(name: str) -> str:
    return "\n".join([*MENU, f"{name.title()} news from the valley", *STORIES[name],
                      *FOOTER]) + "\n"


def document(name: str, text: str) -> RawDocument:
    return RawDocument(uri=f"{name}.txt", kind="text", text=text, fetched_at="", sha256=name,
                       input=f"{name}.txt")


def page(text: str, comments: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> Page:
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, notes=list(notes))
    return Page(input="in.txt", uri="in.txt", sha256="x", kind="text", fetched_at="",
                articles=[article], comments=[Comment(c) for c in comments])


def test_a_line_no_sibling_holds_keeps_its_probability_and_a_repeated_line_loses() -> None:
    model = sitelines_model.default_model()
    assert model is not None  # the packaged model
    lines = read_lines(dump("orchard"))
    held = [line_hashes(dump("school")), line_hashes(dump("bridge"))]
    p = np.full(len(lines), 0.6)
    q = model.rescore(held)(lines, p)
    texts = [line.text for line in lines]
    own = [texts.index(s) for s in STORIES["orchard"]]
    template = [texts.index(s) for s in MENU + FOOTER]
    assert (q[own] == p[own]).all()  # exactly: no round trip through the logit
    assert (q[template] < 0.3).all()


class Counting:
    """A segmenter that counts its calls and answers with a page of its own."""

    def __init__(self, answer: Page | Rejection) -> None:
        self.calls: list[str] = []
        self.answer = answer

    def __call__(self, doc: RawDocument) -> Page | Rejection:
        self.calls.append(doc.sha256)
        return self.answer


@pytest.fixture
def model() -> sitelines_model.SiblingLines:
    found = sitelines_model.default_model()
    assert found is not None
    return found


def test_a_dump_without_siblings_is_never_read_again(model: sitelines_model.SiblingLines
                                                     ) -> None:
    segment = Counting(page("never used"))
    alone = [document("orchard", dump("orchard"))]
    first: list[Page | Rejection] = [page(" ".join(STORIES["orchard"]))]
    sitelines_model.resegment_with_siblings(alone, first, segment, model=model)
    unrelated = [alone[0], document("note", "\n".join(STORIES["school"]) + "\n")]
    both: list[Page | Rejection] = [page(" ".join(STORIES[n])) for n in ("orchard", "school")]
    sitelines_model.resegment_with_siblings(unrelated, both, segment, model=model)
    assert segment.calls == []
    site = [document(n, dump(n)) for n in STORIES]
    pages: list[Page | Rejection] = [page("\n\n".join(STORIES[n])) for n in STORIES]
    sitelines_model.resegment_with_siblings(site, pages, segment, model=model)
    assert segment.calls == list(STORIES)  # each page of the template once


def test_a_second_reading_that_reads_the_thread_anew_or_is_less_sure_is_not_kept(
        model: sitelines_model.SiblingLines) -> None:
    site = [document(n, dump(n)) for n in STORIES]
    own = "\n\n".join(STORIES["orchard"])

    def read(answer: Page | Rejection) -> Page | Rejection:
        pages: list[Page | Rejection] = [page(own, ("A reader's note",))] + [
            page("\n\n".join(STORIES[n])) for n in ("school", "bridge")]
        first = pages[0]
        sitelines_model.resegment_with_siblings(site, pages, Counting(answer), model=model)
        return first if pages[0] is first else pages[0]

    shorter = page("\n\n".join(STORIES["orchard"][:2]), ("A reader's note",))
    assert read(shorter) is shorter  # the article bounded anew, the thread as it was: kept
    for worse in (page(own, ("A reader's note", "Another reader")),  # the thread read anew
                  page(own, ("A reader's note",), ("low_confidence: made up",)),
                  Rejection(input="orchard.txt", reason="made up", code="E009")):
        assert read(worse) is not worse


def test_the_second_reading_starts_from_the_first_and_reads_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A chunk's dumps read again beside their siblings reuse their first reading's lines and
    line-model probabilities (``remembering``): the line features are computed once a dump,
    and the pages are those of a second reading that computes everything anew."""
    from contextlib import contextmanager

    from parallax.pipeline import Pipeline
    from parallax.segment import linemodel
    from parallax.settings import Config

    pipe = Pipeline.from_config(Config(), analyse=False)
    features, choose = linemodel.features, linemodel.LineModel.choice
    calls = {"features": 0, "choose": 0}

    def counted_features(*args: object, **kwargs: object) -> object:
        calls["features"] += 1
        return features(*args, **kwargs)  # type: ignore[arg-type]

    def counted_choose(self: linemodel.LineModel, *args: object) -> tuple[list[bool], float]:
        calls["choose"] += 1
        return choose(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(linemodel, "features", counted_features)
    monkeypatch.setattr(linemodel.LineModel, "choice", counted_choose)
    site = [document(n, dump(n)) for n in STORIES]

    def read() -> tuple[str, dict[str, int]]:
        calls.update(features=0, choose=0)
        return repr(pipe.segment_many(site)), dict(calls)

    reused, counts = read()
    # each dump's lines scored once, chosen once as read and once re-scored (asked before the
    # second reading whether it is needed, and read by it)
    assert counts == {"features": 3, "choose": 6}

    @contextmanager
    def forgetting(*_: object) -> object:  # no first readings kept: all computed anew
        yield

    monkeypatch.setattr(sitelines_model, "remembering", forgetting)
    anew, counts = read()
    assert counts == {"features": 6, "choose": 6}
    assert reused == anew
    assert sitelines_model.READINGS.get() is None  # freed with the chunk


def test_a_page_alone_keeps_no_first_reading() -> None:
    alone = [document("orchard", dump("orchard"))]
    with sitelines_model.remembering(alone):
        assert sitelines_model.READINGS.get() is None
    with sitelines_model.remembering([*alone, document("school", dump("school"))]):
        assert sitelines_model.READINGS.get() == {dump("orchard"): None, dump("school"): None}
    stored = {"orchard": [Sibling(line_hashes(dump("school")), "")]}
    with sitelines_model.remembering(alone, stored):
        assert sitelines_model.READINGS.get() == {dump("orchard"): None}


def test_both_sibling_searches_of_a_chunk_hash_each_dump_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The chunk is searched for siblings before the second reading and again for the site
    memory; the dumps' line hashes are made once (``sitememory.Searched``), the pages as when
    each search makes its own."""
    from parallax.pipeline import Pipeline
    from parallax.segment import sitememory
    from parallax.settings import Config

    pipe = Pipeline.from_config(Config(), analyse=False)
    hashes = sitememory.line_hashes
    calls: list[str] = []

    def counted(text: str) -> frozenset[int]:
        calls.append(text)
        return hashes(text)

    monkeypatch.setattr(sitememory, "line_hashes", counted)
    site = [document(n, dump(n)) for n in STORIES]
    kept = repr(pipe.segment_many(site))
    assert sorted(calls) == sorted(dump(n) for n in STORIES)
    calls.clear()
    pages = [pipe.segment(doc) for doc in site]
    sitelines_model.resegment_with_siblings(site, pages, pipe.segment)
    sitememory.drop_site_furniture(site, pages)
    assert len(calls) == 6
    assert repr(pages) == kept


def below(name: str) -> str:
    """The template under the article: the lines the siblings hold are outside it already."""
    return "\n".join([f"{name.title()} news from the valley", *STORIES[name], *MENU,
                      *FOOTER]) + "\n"


def test_a_dump_whose_chooser_keeps_its_lines_beside_its_siblings_is_not_decoded_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When the re-scored probabilities give the chooser the first reading's main lines, the
    second reading would read the same input from there on: the first page stands, the same
    as a second reading's, and the dump is segmented once."""
    from contextlib import contextmanager

    from parallax.pipeline import Pipeline
    from parallax.segment import heuristic
    from parallax.settings import Config

    pipe = Pipeline.from_config(Config(), analyse=False)
    segment_text = heuristic.segment_text
    calls: list[str] = []

    def counted(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return segment_text(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(heuristic, "segment_text", counted)
    same = [document(n, below(n)) for n in STORIES]
    moved = [document(n, dump(n)) for n in STORIES]  # the menu's last line leaves the article
    kept = repr(pipe.segment_many(same))
    assert sorted(calls) == sorted(below(n) for n in STORIES)  # each dump segmented once
    calls.clear()
    pipe.segment_many(moved)
    assert len(calls) == 6  # read again: the chooser's lines differ

    @contextmanager
    def forgetting(*_: object) -> object:  # no first readings: every dump read again
        yield

    monkeypatch.setattr(sitelines_model, "remembering", forgetting)
    calls.clear()
    assert repr(pipe.segment_many(same)) == kept
    assert len(calls) == 6


class Unsure:
    """A line model whose chooser is sure of the page's block as read (0.9) and less sure of
    the one its re-scored probabilities give it (``sure``)."""

    def __init__(self, sure: float) -> None:
        self.sure = sure

    def choice(self, lines: list[object], scored: object) -> tuple[list[bool], float]:
        if sitelines_model.RESCORE.get() is None:
            return [True] * len(lines), 0.9
        return [False] * len(lines), self.sure


def test_a_block_the_chooser_is_much_less_sure_of_is_not_read_again(
        model: sitelines_model.SiblingLines) -> None:
    site = [document(n, dump(n)) for n in STORIES]
    for sure, calls in ((0.9 - sitelines_model.SURE_DROP - 0.01, []),
                        (0.9 - sitelines_model.SURE_DROP + 0.01, list(STORIES))):
        segment = Counting(page("never kept"))
        pages: list[Page | Rejection] = [page("\n\n".join(STORIES[n])) for n in STORIES]
        memo = {doc.text: sitelines_model.FirstReading(
            Unsure(sure), [], [], None, [True], 0.9) for doc in site}  # type: ignore[arg-type]
        token = sitelines_model.READINGS.set(memo)  # type: ignore[arg-type]
        try:
            sitelines_model.resegment_with_siblings(site, pages, segment, model=model)
        finally:
            sitelines_model.READINGS.reset(token)
        assert segment.calls == calls
