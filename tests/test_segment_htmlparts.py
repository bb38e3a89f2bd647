"""htmlparts: the page's class/id names only skip walks that would find nothing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import html as lxml_html

from parallax.segment import realpages
from parallax.segment.htmlparts import (
    COMMENTS,
    RELATED,
    comments,
    names,
    page_holds,
    teasers,
)
from requirements import shared_path  # tests/ is on sys.path

GOLD = sorted((Path(__file__).parent / "data" / "segmentation_gold").glob("*.html"))
PAGE = """<html><body><article><p>The ferry timetable changes on Monday.</p></article>
<div class="{box}"><ul><li><a href="/a">Bridge repairs begin</a></li>
<li><a href="/b">Harbour works start</a></li></ul></div>
<section id="{thread}"><div class="comment"><b>Mara</b><p>Finally some news on this.</p></div>
<div class="comment"><b>Tom</b><p>The old timetable was better.</p></div></section>
</body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    page_names = names(tree)
    assert repr(teasers(tree, page_names)) == repr(teasers(tree))
    assert repr(comments(tree, page_names)) == repr(comments(tree))


def test_names_hold_every_class_and_id() -> None:
    tree = lxml_html.fromstring(PAGE.format(box="related-links", thread="reader-comments"))
    assert names(tree).split("\n") == ["related-links", "reader-comments", "comment", "comment"]
    assert teasers(tree, names(tree)) and comments(tree, names(tree))


@pytest.mark.parametrize(("box", "thread"), [("related-links", "reader-comments"),
                                             ("more stories", "talk"), ("links", "discussion")])
def test_skipping_changes_nothing_on_made_up_pages(box: str, thread: str) -> None:
    _same(lxml_html.fromstring(PAGE.format(box=box, thread=thread)))


def test_nothing_to_find_without_a_matching_name() -> None:
    tree = lxml_html.fromstring(PAGE.format(box="links", thread="talk").replace("comment", "c"))
    assert not RELATED.search(names(tree)) and not COMMENTS.search(names(tree))
    assert teasers(tree, names(tree)) == [] and comments(tree, names(tree)) == []


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_skipping_changes_nothing_on_gold_pages(path: Path) -> None:
    _same(lxml_html.fromstring(path.read_bytes()))


def test_skipping_changes_nothing_on_real_pages() -> None:
    """Every 40th real page of ../shared/datasets/extraction (read at test time)."""
    pages = list(realpages.load(shared_path("datasets/extraction")))[::40]
    assert len(pages) > 50
    for page in pages:
        _same(lxml_html.fromstring(page.html.encode("utf-8", "replace")))


def test_the_literal_test_answers_as_the_regex_does() -> None:
    """``page_holds`` skips the regex where no required literal is in the names' fold; on
    generated names built from pieces of the alternatives, in other cases and with the
    characters ``re.IGNORECASE`` folds specially (long s, Kelvin sign, dotted I), it answers
    as ``search`` does (a literal left out, or a fold that missed one of them, fails here)."""
    cyrillic = "\u0447\u0438\u0442\u0430\u0439\u0442\u0435"  # as RELATED spells it
    pieces = ["related", "RELATED", "\u017fimilar", "Similar", "\u212aomment", "koment",
              "reader-react", "READERREACT", "see-also", "see also", cyrillic, cyrillic.upper(),
              "teas", "er", "disc", "ussion", "\u0130", "-", " ", "\n", "x", "further", "DEBAT",
              "comentario", "lire-aussi"]
    rng = random.Random(16)
    matched = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for rx in (RELATED, COMMENTS):
            expected = rx.search(text) is not None
            matched += expected
            assert page_holds(rx, text) == expected, (rx.pattern, text)
    assert 1000 < matched < 7000  # both answers are tried many times
