"""HTML path: the learnt extension of trafilatura's text with nearby blocks (htmlextend.py)."""

from __future__ import annotations

import numpy as np
import pytest

from parallax.segment import htmlpage
from parallax.segment.htmlextend import (
    NAMES,
    REACH,
    BlockExtender,
    assemble,
    candidates,
    default_extender,
    features,
)
from parallax.segment.render import Block
from parallax.segment.trees import TreeEnsemble

LEAD = ("The council voted on Tuesday to close the old bridge to cars from March, after "
        "engineers found cracks in two of its supporting piers during the spring inspection.")
STORY = [
    "Cyclists and pedestrians may still cross while repairs go on, the council said, and buses "
    "will be sent over the new ring road until the work ends at some point next year.",
    "The repairs are expected to cost about four million euros, most of it paid by the state, "
    "and the contract will be awarded in a tender that opens to bidders in the autumn.",
    "Shop owners near the bridge said they feared losing customers during the closure and asked "
    "the council for help with parking, which the mayor promised to look at next month.",
]
SUBHEAD = "What the closure means for buses"
MENU = ["Home", "News", "Sport", "Weather"]


def _always(score: float) -> BlockExtender:
    """A one-leaf ensemble: every candidate gets the same probability."""
    trees = TreeEnsemble(feature=np.zeros((1, 0), dtype=np.intp),
                         threshold=np.zeros((1, 0)), value=np.zeros((1, 1)), depth=0,
                         baseline=score)
    return BlockExtender(trees, 0.5)


def _page() -> list[Block]:
    return ([Block(t, "li") for t in MENU] + [Block("Bridge to close", "h1"), Block(LEAD, "p"),
            Block(STORY[0], "p"), Block(SUBHEAD, "h2")]
            + [Block(t, "p") for t in STORY[1:]] + [Block("Share this story", "p")])


def test_shipped_extender_matches_the_code() -> None:
    model = default_extender()
    assert model is not None, "segment/data/html-blocks-v1.json is missing"
    assert 0.0 < model.threshold < 1.0
    assert int(model.trees.feature.max()) < len(NAMES)
    visible = _page()
    at, cand = candidates("Bridge to close", STORY, visible, set())
    assert features(at, cand, visible, set()).shape == (len(cand), len(NAMES))


def test_candidates_are_near_the_span_and_new() -> None:
    visible = _page()
    at, cand = candidates("Bridge to close", STORY, visible, {"Share this story"})
    assert at == [6, 8, 9]
    texts = [visible[k].text for k in cand]
    # the lead above, the sub-heading between; not the title, not what the extractor had (the
    # share line), not the menu beyond REACH blocks above the first kept paragraph
    assert texts == ["Weather", LEAD, SUBHEAD]
    first = at[0]
    assert first is not None and min(cand) >= first - REACH
    # a block whose words the kept text already holds is no candidate
    merged = [f"{LEAD} It was the second closure in ten years.", *STORY]
    _, again = candidates("Bridge to close", merged, visible, {"Share this story"})
    assert LEAD not in [visible[k].text for k in again]


def test_bylines_and_date_lines_are_no_candidates() -> None:
    visible = ([Block("By Lena Ostrova · 12 March 2026", "p"),
                Block("Lena Ostrova | Riverside · 12/03/2026 - 09:10 h", "p"), Block(LEAD, "p")]
               + [Block(t, "p") for t in STORY])
    _, cand = candidates("", STORY, visible, set(), ["Lena Ostrova", "12/03/2026 - 09:10 h"])
    assert [visible[k].text for k in cand] == [LEAD]
    # without the page's author and date, only the text-dump rules' byline is known
    _, cand = candidates("", STORY, visible, set())
    assert [visible[k].text for k in cand] == [visible[1].text, LEAD]


def test_added_blocks_go_back_in_page_order() -> None:
    visible = _page()
    at, _ = candidates("", STORY, visible, set())
    out = assemble(STORY, at, visible, [7, 5])
    assert out == [LEAD, STORY[0], SUBHEAD, STORY[1], STORY[2]]
    # a paragraph that is no visible block keeps its place among its neighbours
    odd = [STORY[0], "| a | table |", STORY[1]]
    at2, _ = candidates("", odd, visible, set())
    assert assemble(odd, at2, visible, [7]) == [STORY[0], "| a | table |", SUBHEAD, STORY[1]]


def test_extend_adds_only_what_the_trees_call_article() -> None:
    visible = _page()
    assert _always(-5.0).extend("", STORY, set(), visible, set()) == STORY
    grown = _always(5.0).extend("Bridge to close", STORY, set(), visible, {"Share this story"})
    assert grown == ["Weather", LEAD, STORY[0], SUBHEAD, STORY[1], STORY[2]]


def test_segment_html_puts_back_a_dropped_lead(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's text is stubbed to lack the lead; an extender that takes every candidate
    puts it back above the first paragraph (the old code returned the text as it was)."""
    body = "".join(f"<p>{t}</p>" for t in [LEAD, *STORY])
    page = f"<html><head><title>Bridge</title></head><body><h1>Bridge</h1>{body}</body></html>"

    def bare(*_: object, **__: object) -> dict[str, str]:
        return {"title": "Bridge", "text": "\n".join(STORY)}

    monkeypatch.setattr(htmlpage.trafilatura, "bare_extraction", bare)
    monkeypatch.setattr(htmlpage, "default_filter", lambda: None)
    monkeypatch.setattr(htmlpage, "default_extender", lambda: _always(5.0))
    seg = htmlpage.segment_html(page)
    assert seg.paragraphs == [LEAD, *STORY]
    monkeypatch.setattr(htmlpage, "default_extender", lambda: _always(-5.0))
    assert htmlpage.segment_html(page).paragraphs == STORY


def test_the_model_files_reach_sets_how_far_candidates_lie() -> None:
    """A model trained at another reach reads its candidates there (the trees' ``outside_by``
    was learnt on them); a file without one keeps ``REACH``."""
    visible = _page()
    trees = _always(5.0).trees
    near = BlockExtender(trees, 0.5).extend("Bridge to close", STORY, set(), visible,
                                            {"Share this story"})
    assert near[0] == "Weather"  # 3 blocks above the first kept one: "Sport" is not reached
    far = BlockExtender(trees, 0.5, reach=5).extend("Bridge to close", STORY, set(), visible,
                                                    {"Share this story"})
    assert far[:3] == ["News", "Sport", "Weather"]
    model = default_extender()
    assert model is not None and model.reach == REACH


def test_features_read_the_markup_around_each_block() -> None:
    """The last columns are the block's marks (``blockmarks``): an author box below the
    article is told from an unmarked paragraph by them, not by its words."""
    box = Block(LEAD, "p", (2, 0.3, 0.9, 1))
    visible = [Block(t, "p") for t in STORY] + [box]
    at, cand = candidates("", STORY, visible, set())
    row = features(at, cand, visible, set())[0]
    assert list(row[-4:]) == [2, 0.3, 0.9, 1]
    plain = [Block(t, "p") for t in STORY] + [Block(LEAD, "p")]
    assert list(features(at, cand, plain, set())[0][-4:]) == [0, 0, 0, 0]
