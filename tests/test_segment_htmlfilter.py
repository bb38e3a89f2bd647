"""HTML path: the learnt paragraph filter over trafilatura's text (segment/htmlfilter.py)."""

from __future__ import annotations

import numpy as np

from parallax.segment.htmlfilter import NAMES, ParagraphFilter, default_filter, features
from parallax.segment.render import Block
from parallax.segment.trees import TreeEnsemble

STORY = [
    "The council voted on Tuesday to close the old bridge to cars from March, after engineers "
    "found cracks in two of its supporting piers during the spring inspection of the river.",
    "Cyclists and pedestrians may still cross while repairs go on, the council said, and buses "
    "will be sent over the new ring road until the work ends at some point next year.",
    "The repairs are expected to cost about four million euros, most of it paid by the state, "
    "and the contract will be awarded in a tender that opens to bidders in the autumn.",
    "Shop owners near the bridge said they feared losing customers during the closure and asked "
    "the council for help with parking, which the mayor promised to look at next month.",
]
BLOGROLL = ["Harbour Notes", "The River Desk", "Lakeside Weekly", "Night Ferry", "Old Town Blog",
            "Market Square", "Bridge Watch", "Upstream", "North Shore Daily", "The Tidewater"]


def test_shipped_filter_matches_the_code() -> None:
    model = default_filter()
    assert model is not None, "segment/data/html-paragraphs-v1.json is missing"
    assert 0.0 < model.threshold < 1.0
    rows = features(STORY, set(), [Block(t, "p") for t in STORY])
    assert rows.shape == (len(STORY), len(NAMES))
    assert int(model.trees.feature.max()) < len(NAMES)


def test_a_blogroll_of_links_after_the_story_is_dropped_the_story_kept() -> None:
    model = default_filter()
    assert model is not None
    paragraphs = STORY + BLOGROLL
    visible = [Block(t, "p") for t in STORY] + [Block(t, "li") for t in BLOGROLL]
    keep = model.keep(paragraphs, set(BLOGROLL), visible)
    assert keep[:len(STORY)] == [True] * len(STORY)
    assert sum(keep[len(STORY):]) <= 2, keep


def _always(score: float) -> ParagraphFilter:
    """A one-leaf ensemble: every paragraph gets the same probability."""
    trees = TreeEnsemble(feature=np.zeros((1, 0), dtype=np.intp),
                         threshold=np.zeros((1, 0)), value=np.zeros((1, 1)), depth=0,
                         baseline=score)
    return ParagraphFilter(trees, 0.5)


def test_nothing_is_dropped_when_too_little_would_stay() -> None:
    # everything scores below the threshold: dropping it all would leave no article
    assert _always(-5.0).keep(STORY, set(), []) == [True] * len(STORY)
    assert _always(5.0).keep(STORY, set(), []) == [True] * len(STORY)
    assert _always(-5.0).keep(STORY[:1], set(), []) == [True]
