"""Bugs found reviewing the twenty-sixth session's commits (docs/robustness.md, "Twenty-sixth
session (helper R): review"). Each test failed on the code before its fix. Made-up data only."""

from __future__ import annotations

import html
from pathlib import Path

from fastapi.testclient import TestClient
from tests.old_store import store_old_article

from parallax.settings import Config
from parallax.titles import shown
from parallax.web.app import create_app


def test_a_title_stored_whole_before_the_cut_is_still_readable_on_its_article_page(
        tmp_path: Path) -> None:
    """a777120 shows a title stored whole before the cut (twenty-fifth session) cut on every
    page. A title cut since then is whole in its text's first paragraph, with a note; one
    stored before has neither, so its article page, the one place that shows a document in
    full, kept no trace of the rest of the title."""
    title = " ".join(f"tollword{n}" for n in range(300))  # 3,489 characters
    text = "A made-up ferry left the harbour of Tollby an hour late, a clerk there said."
    path = tmp_path / "old.db"
    store, article = store_old_article(path, title, text, 2)
    store.close()
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False})
    page = TestClient(create_app(str(path), config)).get(f"/article/{article.id}")
    assert page.status_code == 200
    heading = page.text.split('id="article-title"', 1)[1].split("</h1>", 1)[0]
    assert html.unescape(heading).endswith(shown(title)) and title not in heading  # h1 cut
    assert title in page.text  # and the whole title is on the page, said to be whole
    assert "3,489 characters, stored whole" in page.text


def test_a_feed_with_a_character_reference_of_many_digits_is_read_not_lost() -> None:
    """97e7879 reads a reference to no character (``&#xD800;``, past U+10FFFF) as U+FFFD
    before feedparser, which raised on them and lost the whole feed as E099. Its pattern took
    at most 8 hex or 10 decimal digits, so ``&#x1100000000;`` (and a decimal one of 11 or
    5,000 digits) still reached feedparser: OverflowError, every item lost."""
    from parallax.ingest.feed import read_feed
    from parallax.records import RawDocument

    body = ("The made-up ferry company of Tollby added two evening sailings on Monday after "
            "its crews ended their strike, a clerk at the quay said.")
    for ref in ("&#x1100000000;", "&#99999999999;", "&#" + "9" * 5000 + ";", "&#xD800;"):
        feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title>'
                f"<item><title>Quay {ref} works</title><link>https://coast.example/a</link>"
                f"<description>{body}</description></item></channel></rss>")
        (item,) = read_feed(feed, uri="f.xml", given="f.xml", config=Config(),
                            fetched_at="2026-05-02T08:00:00Z")
        assert isinstance(item, RawDocument), ref[:20]
        assert item.metadata["title"] == "Quay \ufffd works", ref[:20]


def test_a_short_page_title_part_exempts_only_a_title_holding_all_its_words() -> None:
    """ad08c53 lets a page title's 2-3-word first part confirm a dump's title only when the
    title holds all of its words (``checked_title``), but ``titlecheck``'s gate read the same
    part through ``first_line_headline`` and confirmed by overlap, so a title sharing two of
    its three words was never judged by the title check."""
    from parallax.segment.lines import read_lines
    from parallax.segment.titlecheck import confirmed_by_first_line

    lines = read_lines("Harbour fish stew - Saltmouth Kitchen\nHome | Recipes | About\n"
                       "Fish prices fall in harbour town\nThe made-up harbour market sold "
                       "less fish this week, traders said on Monday morning.")
    assert not confirmed_by_first_line("Fish prices fall in harbour town", lines, [])
    assert confirmed_by_first_line("Harbour fish stew with winter greens", lines, [])
