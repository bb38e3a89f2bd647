"""The HTML block extension's trainer scores what ``segment_html`` returns: the end-of-post cut
runs after the extension there, so the trainer puts blocks back at the uncut paragraphs'
positions and cuts after (its first version zipped the cut paragraphs with the uncut positions
and raised on every page the cut shortened). Made-up pages; trafilatura's text is stubbed."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from parallax.segment import htmlpage
from parallax.segment.htmlextend import BlockExtender
from parallax.segment.realpages import RealPage, shingle_prf
from parallax.segment.trees import TreeEnsemble

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import train_html_extend  # a script beside the package, not part of it

LEAD = ("The harbour board agreed on Monday to dredge the inner basin before winter, after two "
        "cargo ships touched the bottom there during the low tides of the last fortnight.")
STORY = [
    "The work will close the eastern quay for six weeks, the board said, and ferries will berth "
    "at the fishing pier until the dredgers leave at the end of November this year.",
    "Dredging is expected to cost close to two million crowns, shared by the town and the "
    "shipping companies, and the mud will be taken out to sea and dumped in deep water.",
    "Fishermen asked the board to keep one berth free for their boats at night, which the "
    "harbour master said he would try to arrange with the ferry company next week.",
]
FORM = ["Leave a Reply", "Name (required)", "Mail (will not be published)", "Website", "Submit"]
GOLD = "\n".join([LEAD, *STORY])


def _always(score: float) -> BlockExtender:
    trees = TreeEnsemble(feature=np.zeros((1, 0), dtype=np.intp),
                         threshold=np.zeros((1, 0)), value=np.zeros((1, 1)), depth=0,
                         baseline=score)
    return BlockExtender(trees, 0.5)


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch) -> str:
    """A post whose lead trafilatura drops and whose comment form it keeps (the end-of-post
    cut shortens it)."""
    body = "".join(f"<p>{t}</p>" for t in [LEAD, *STORY, *FORM])

    def bare(*_: object, **__: object) -> dict[str, str]:
        return {"title": "Dredging the basin", "text": "\n".join([*STORY, *FORM])}

    monkeypatch.setattr(htmlpage.trafilatura, "bare_extraction", bare)
    monkeypatch.setattr(htmlpage, "default_filter", lambda: None)
    # ``collect`` puts its recorder here; the fixture's undo restores the shipped extender
    monkeypatch.setattr(htmlpage, "default_extender", htmlpage.default_extender)
    return ("<html><head><title>Dredging the basin</title></head><body>"
            f"<h1>Dredging the basin</h1>{body}</body></html>")


def test_the_trainer_scores_what_segment_html_returns(page: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rows = train_html_extend.collect([RealPage("made-up", "p1", "example.org", page, GOLD)])
    row = rows[0]
    assert len(row["cand"]) == 1  # the lead: the form's lines are trafilatura's own
    runs = {}
    for name, score in (("added", 5.0), ("not added", -5.0)):
        monkeypatch.setattr(htmlpage, "default_extender", lambda s=score: _always(s))
        runs[name] = htmlpage.segment_html(page)
    assert runs["added"].paragraphs == [LEAD, *STORY]  # extended, then the form cut
    assert runs["not added"].paragraphs == STORY
    for name, threshold in (("added", 0.5), ("not added", 2.0)):
        seg = runs[name]
        expected = shingle_prf("\n".join([seg.title, *seg.paragraphs]), GOLD)[2]
        assert train_html_extend.page_f1(rows, [np.ones(1)], threshold) == expected
