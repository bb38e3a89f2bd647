"""The twenty-ninth session's review (docs/robustness.md, "Twenty-ninth session (helper R):
review"): inputs the helpers' own tests did not cover. Each test failed on the commit it names.
All inputs are made up here."""

from __future__ import annotations

import gc
from pathlib import Path

from parallax.ingest import read_inputs
from parallax.records import Article, Page, Published, RawDocument, Rejection
from parallax.settings import Config

BODY = ("The port authority of Dunmere said on Monday that the night ferry to the islands will "
        "stop in spring. Island councillors said the decision was taken without them. ") * 3
_WIRE = " ".join(f"The ferry board of Dunmere met on day {k} and spoke of the night boat."
                 for k in range(8))


def _page(article_id: str, iso: str | None) -> Page:
    article = Article(id=article_id, role="main", title=article_id, outlet=article_id,
                      published=Published(iso, iso), text=_WIRE)
    return Page(input=article_id, uri=article_id, sha256=article_id, kind="record",
                fetched_at="", articles=[article])


def _reaches(root: object, target: object, limit: int = 100_000) -> bool:
    """Whether ``target`` can be reached from ``root`` through references (gc's view)."""
    seen, stack = {id(root)}, [root]
    while stack and len(seen) < limit:
        for child in gc.get_referents(stack.pop()):
            if child is target:
                return True
            if id(child) not in seen and not isinstance(child, type):
                seen.add(id(child))
                stack.append(child)
    return False


def test_the_copy_index_of_a_streaming_run_keeps_no_article() -> None:
    """f05bff7 kept every article the index marked (to re-link it in place), also where it
    never re-links (``by_date`` off: ``parallax extract`` / ``analyze``, which print a page as
    they read it, and a batch worker's shard): every analysed article of such a run stayed in
    memory to its end (20,000 made-up records through ``extract --json``: peak RSS 158 ->
    234 MB; analysed articles hold far more). Off, it holds none; on, an earlier page's copy
    is still re-linked in place."""
    from parallax.stories.dedupe import NearDuplicateIndex

    index = NearDuplicateIndex(0.7)
    page = _page("coast", "2026-12-03")
    index.mark(page)
    assert not _reaches(index, page.articles[0])
    later = _page("bay", "2026-12-04")
    index.mark(later)
    assert later.articles[0].duplicate_of == "coast"  # still linked as it reads them
    dated = NearDuplicateIndex(0.7, by_date=True)
    first, earlier = _page("coast", "2026-12-03"), _page("bay", "2026-12-02")
    dated.mark(first)
    dated.mark(earlier)
    assert first.articles[0].duplicate_of == "bay" and earlier.articles[0].duplicate_of is None


def test_a_feed_ending_in_a_comment_is_one_feed(tmp_path: Path) -> None:
    """2d31c3e read feeds joined in one pipe one by one, and took a comment after a feed's
    end for the start of the next feed: a feed that ends in a comment (what a page cache
    appends, "<!-- served from cache … -->") gave its items and then a rejection "not a
    readable RSS/Atom feed: no element found" for the whole file (exit 1). The comment
    belongs to the feed before it; two joined feeds are still read apart."""
    items = "".join(f"<item><title>Ferry item {k}</title><link>https://dunmere.example/{k}"
                    f"</link><description>{BODY}</description></item>" for k in range(2))
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Dunmere Post</title>"
            f"{items}</channel></rss>")
    path = tmp_path / "cached.rss"
    path.write_text(feed + "\n<!--\nserved from cache on 2026-11-28 by a made-up cache\n-->\n")
    found = list(read_inputs([str(path)], Config()))
    assert not [f for f in found if isinstance(f, Rejection)], found
    assert len(found) == 2
    other = feed.replace("Dunmere Post", "Island Courier").replace("dunmere", "island")
    path.write_text(feed + "<!-- cached -->\n" + other + "\n<!-- cached -->")
    found = list(read_inputs([str(path)], Config()))
    assert [d.metadata.get("outlet") for d in found if isinstance(d, RawDocument)] == [
        "Dunmere Post", "Dunmere Post", "Island Courier", "Island Courier"], found


def test_many_empty_pages_joined_are_read_in_one_pass() -> None:
    """b3d3f02 read pages joined by a shell one by one, and added each piece without a
    ``<body`` to the page before it by joining strings, once a piece: 1 MB of "<html></html>"
    took 8.9 s of CPU, twice that four times as long, so a hostile 8 MB input (the cap is
    20 MB) held the reader for many minutes. A hang has no result to assert on, so the split
    runs in a child process that is killed after two minutes; it needs a second."""
    import subprocess
    import sys

    code = ("from parallax.ingest.sources import joined_pages\n"
            "pages = joined_pages('<html></html>' * 600_000)\n"
            "print(len(pages), len(pages[0]))\n"
            "two = '<html><body><p>one</p></body></html>\\n<html><body><p>two</p></body></html>'\n"
            "print(len(joined_pages(two + '<!doctype html>')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", str(13 * 600_000), "2"], done.stdout
