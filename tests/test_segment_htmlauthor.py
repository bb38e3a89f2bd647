"""htmlauthor.author_search answers as trafilatura's author search on a pruned copy of the page
(``htmlmeta``'s discarded boxes and code), or says it cannot; made-up pages and every 40th real
page of ../shared/datasets/extraction (read at test time)."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

import pytest
from trafilatura import metadata as tm
from trafilatura.utils import load_html

from parallax.segment import htmlauthor, realpages
from parallax.segment.htmlauthor import author_search, queries_hash
from parallax.segment.htmlmeta import _CODE_NODES, _author
from requirements import shared_path  # tests/ is on sys.path


def _trafilaturas(tree: Any) -> str | None:
    pruned = tm.prune_unwanted_nodes(deepcopy(tree), [*tm.AUTHOR_DISCARD_XPATHS, _CODE_NODES])
    return tm.extract_metainfo(pruned, tm.AUTHOR_XPATHS, len_limit=120)


def _page(body: str) -> Any:
    tree = load_html(f"<html><head><title>t</title></head><body>{body}"
                     "<p>Filler text of the page that holds the byline above.</p></body></html>")
    assert tree is not None
    return tree


# made-up bylines, one for each kind of test the three queries make, and boxes the pruning takes
ANSWERED = [
    '<span class="author-name">Mira Tal</span>',
    '<div class="AuthorName">Jon Ek</div>',
    '<a rel="author" href="/a">Ines Roe</a>',
    '<p itemprop="author name">Ola Bjork</p>',
    '<span data-testid="AuthorCard">Kai Ruiz</span>',
    '<author>Lena Sato</author>',
    '<h3 class="byline">By Tom Hale</h3>',
    '<span id="zuozhe-box">Wei Lin</span>',
    '<div class="posted-by">Ann Pye</div>',
    '<em class="Byline">Sam Oyelaran</em>',
    '<b data-component="ArticleByline">Rui Costa</b>',
    '<i id="AuthorBox">Pia Nord</i>',
    # a match inside a pruned box is no match: the comments' authors, a sidebar's, a figure's
    '<div class="comments"><span class="author">Reader One</span></div>',
    '<div class="sidebar-left"><span class="author">Side Writer</span></div>',
    '<figure><figcaption class="author">Photo: Lu Han</figcaption></figure>',
    # too short, then a valid one further down
    '<span class="author">AB</span><p class="byline">By Eda Marsh</p>',
    '<td class="writer">Nils Berg</td>',
    '<p>No byline at all on this page.</p>',
]
NOT_ANSWERED = [
    # a pruned element inside the match: its words in the pruned copy differ
    '<span class="author">Mira <time>5 May</time> Tal</span>',
    '<div class="author">Jo <span class="date">today</span>Ek</div>',
    # the first query's rel='me' reads a child element's text
    '<div><rel>me</rel>Hana Ito</div>',
]


@pytest.mark.parametrize("body", ANSWERED)
def test_made_up_bylines_answered_as_trafilatura(body: str) -> None:
    tree = _page(body)
    assert author_search(tree) == (True, _trafilaturas(tree))


@pytest.mark.parametrize("body", NOT_ANSWERED)
def test_a_match_that_loses_words_to_the_pruning_is_left_to_trafilatura(body: str) -> None:
    tree = _page(body)
    assert author_search(tree) == (False, None)
    found = _trafilaturas(tree)
    assert _author(tree) == (tm.normalize_authors(None, found) if found else None)


def test_a_pruned_box_hides_its_byline() -> None:
    """The walk really skips what the pruning removes (not only agrees on an empty page)."""
    assert author_search(_page(ANSWERED[12])) == (True, None)
    assert author_search(_page(ANSWERED[0])) == (True, "Mira Tal")
    assert author_search(_page(ANSWERED[15])) == (True, "By Eda Marsh")


def test_a_match_comes_before_the_matches_inside_it() -> None:
    """Document order, as XPath gives it: the outer byline's words, not the inner name's."""
    tree = _page('<div class="author">By <span class="author">Mira Tal</span></div>')
    assert author_search(tree) == (True, "By Mira Tal") == (True, _trafilaturas(tree))


def test_a_page_walked_leaves_no_reference_cycle() -> None:
    """The walk is a module function: a recursive closure kept each page's tree alive until
    the garbage collector ran."""
    import gc

    tree = _page(ANSWERED[0])
    gc.collect()
    gc.disable()
    try:
        author_search(tree)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_other_queries_are_left_to_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """A trafilatura release with other author queries: not answered, trafilatura searches."""
    assert queries_hash() == htmlauthor.QUERIES_HASH
    monkeypatch.setattr(htmlauthor, "ANSWERS", False)
    assert author_search(_page(ANSWERED[0])) == (False, None)
    assert _author(_page(ANSWERED[0])) == "Mira Tal"


def test_real_pages_answered_as_trafilatura() -> None:
    pages = list(realpages.load(shared_path("datasets/extraction")))[::40]
    assert len(pages) > 50
    answered = 0
    for page in pages:
        tree = load_html(page.html)
        if tree is None:
            continue
        done, found = author_search(tree)
        if done:
            answered += 1
            assert found == _trafilaturas(tree)
    assert answered > 0.9 * len(pages)
