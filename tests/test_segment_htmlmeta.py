"""htmlmeta.page_metadata gives trafilatura's own metadata for the fields the HTML path reads,
and segment_html's trafilatura call gives what bare_extraction(with_metadata=True) gives; one
change: an author that is a web form's words ("Name") is searched for again without the forms
(``form_free_author``, tested in test_page_fields.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from parallax.segment import realpages
from parallax.segment.htmlmeta import EXTENSIVE, form_free_author, page_metadata
from parallax.segment.htmlpage import _extract
from requirements import shared_path  # tests/ is on sys.path

GOLD = sorted((Path(__file__).parent / "data" / "segmentation_gold").glob("*.html"))
FIELDS = ("title", "author", "url", "sitename", "date")
URL = "https://example.org/news/a-story"


def _pages() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in GOLD]


def _same_metadata(page: str) -> None:
    tree = load_html(page)
    assert tree is not None
    full = extract_metadata(tree, URL, set_date_params(EXTENSIVE))
    ours = page_metadata(tree, URL, dated=True)
    full.author = form_free_author(tree, full.author)
    assert [getattr(ours, f) for f in FIELDS] == [getattr(full, f) for f in FIELDS]
    assert page_metadata(tree, URL, dated=False).date is None


def _same_extraction(page: str) -> None:
    full = trafilatura.bare_extraction(page, url=URL, include_comments=True, with_metadata=True,
                                       favor_recall=True, include_tables=True, deduplicate=False)
    want = {} if full is None else {f: getattr(full, f) for f in (*FIELDS, "text", "comments")}
    if want.get("author"):
        tree = load_html(page)
        if tree is not None:
            want["author"] = form_free_author(tree, want["author"])
    got = _extract(page, URL, dated=True)
    assert {f: got.get(f) for f in want} == want


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_pages_get_trafilaturas_metadata(path: Path) -> None:
    page = path.read_text(encoding="utf-8", errors="replace")
    _same_metadata(page)
    _same_extraction(page)


def test_gold_pages_exist() -> None:
    assert len(GOLD) >= 10


def test_unreadable_pages_give_nothing() -> None:
    assert _extract("", None, dated=True) == {}
    assert _extract("no markup at all", None, dated=True) == {}


def test_real_pages_get_trafilaturas_metadata() -> None:
    """Every 80th real page of ../shared/datasets/extraction (read at test time)."""
    pages = list(realpages.load(shared_path("datasets/extraction")))[::80]
    assert len(pages) > 25
    for page in pages:
        if load_html(page.html) is not None:
            _same_metadata(page.html)
        _same_extraction(page.html)


MADE_UP = """<html><head><title>Harbour works start | portgazette</title>
<meta name="author" content="{author}"><meta property="og:site_name" content="{site}">
<link rel="canonical" href="/local/harbour-works"></head><body><article>
<h1>Harbour works start</h1><p class="byline">By Ana Reyes, 3 March 2026</p>
<p>Cranes arrived at the northern quay on Monday as the port began a two-year renovation of
its oldest berths, the harbour board said in a statement to local businesses.</p>
<p>The works will close two berths at a time, and ferries will use the southern quay until
the end of the summer season, a spokesperson for the operator added.</p></article></body></html>"""


@pytest.mark.parametrize(("author", "site"), [("admin", "portgazette"), ("Ana Reyes", "@pg"),
                                              ("", "port.example")])
def test_made_up_page_gets_trafilaturas_metadata(author: str, site: str) -> None:
    """A one-word author (dropped), a lower-case or '@' site name, a relative canonical URL."""
    page = MADE_UP.format(author=author, site=site)
    _same_metadata(page)
    _same_extraction(page)
