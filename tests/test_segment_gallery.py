"""A photo gallery pasted as text: its position counters ("2 of 5") are no article text. All
text is made up."""

from __future__ import annotations

import pytest

from parallax.segment.textdump import segment_text

LEAD = ("Thousands of lanterns lit the water at Old Harbour on Saturday night as the festival "
        "returned after a two-year break. Organisers said about 40,000 people came.")
CAPTIONS = ["Children release paper lanterns from the north pier.",
            "A lantern shaped like a heron floats past the fish market.",
            "Volunteers spent three weeks building the largest lantern, a six-metre whale."]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_gallery_counters_are_not_article_text(sep: str) -> None:
    lines = ["Home | Photos | Travel | Food", "In pictures: the lantern festival returns", LEAD]
    for k, caption in enumerate(CAPTIONS, 1):
        lines += [f"{k} of {len(CAPTIONS)}", caption]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert LEAD in main.paragraphs
    assert not any(p.endswith(f"of {len(CAPTIONS)}") for p in main.paragraphs), main.paragraphs
    assert {f"{k} of 3" for k in (1, 2, 3)} <= {b.text for b in seg.boilerplate}
