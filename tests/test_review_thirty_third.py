"""The thirty-third session's review (docs/robustness.md, "Thirty-third session (helper R):
review"): inputs the helpers' own tests did not cover. Each test failed on the commit it names.
All inputs are made up here."""

from __future__ import annotations

import json

import pytest

from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

BODY = ("The quay board met on Monday and agreed to paint the lighthouse red again this "
        "spring, after a vote of the harbour families. ")


def _read(tmp_path, name: str, text: str) -> list[RawDocument | Rejection]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_inputs([str(path)], Config()))


def _json_feed(**item: object) -> dict[str, object]:
    return {"version": "https://jsonfeed.org/version/1", "title": "Quay News",
            "items": [{"id": "1", "url": "https://quay.example/paint", "title": "Lighthouse",
                       "content_text": BODY * 2, **item}]}


def test_a_json_feed_with_escaped_slashes_is_read_as_a_feed(tmp_path) -> None:
    # 58b1bb1: PHP's json_encode (and other encoders) write "/" as "\/", so the feed's version
    # read "https:\/\/jsonfeed.org\/version\/1" and the cheap test missed it: the feed was one
    # rejection, "line 1 has neither 'text' nor 'html'", every item lost
    text = json.dumps(_json_feed()).replace("/", "\\/")
    (item,) = _read(tmp_path, "feed.json", text)
    assert isinstance(item, RawDocument) and item.metadata["title"] == "Lighthouse"
    assert item.metadata["url"] == "https://quay.example/paint"


def test_a_json_feed_item_whose_attachments_are_no_list_is_read(tmp_path) -> None:
    # 58b1bb1: "attachments": 5 (a hand-written or broken feed) raised TypeError in the item
    # mapping: the whole feed was "could not read this input ... please report it as a bug"
    (item,) = _read(tmp_path, "feed.json", json.dumps(_json_feed(attachments=5)))
    assert isinstance(item, RawDocument) and item.metadata["title"] == "Lighthouse"
    (alone,) = _read(tmp_path, "bare.json", json.dumps(_json_feed(content_text="", url=None,
                                                                  attachments={"url": "x"})))
    assert isinstance(alone, Rejection) and "only its title" in alone.reason


def test_a_record_of_an_archive_is_deleted_by_its_relative_path_from_another_folder(
        tmp_path, monkeypatch) -> None:
    # 5eeb57f: "delete --source ../a/in/crawl.warc.gz#https://quay.example/p" from folder b
    # spelled the source absolute with os.path.abspath, which also folds the record's address
    # ("https://" -> "https:/"), so the stored path ("/…/a/in/crawl.warc.gz#https://…/p") was
    # never found: "no stored document was read from this source", exit 2
    from parallax.records import Article, Page, Published
    from parallax.runner import documents_to_remove
    from parallax.store import open_store

    (tmp_path / "a" / "in").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    name = "in/crawl.warc.gz#https://quay.example/news/paint"
    article = Article(id=Article.make_id("Paint", BODY), role="main", title="Paint",
                      outlet="Quay News", published=Published("today", "2026-11-03"),
                      text=BODY, input=name)
    page = Page(input=name, uri="https://quay.example/news/paint", sha256="w1", kind="html",
                fetched_at="", articles=[article])
    store = open_store(str(tmp_path / "news.db"))
    try:
        store.save_page(page, path=f"{tmp_path}/a/{name}")  # (as runner.local_path writes it)
        monkeypatch.chdir(tmp_path / "b")
        found, _, _ = documents_to_remove(
            store, "../a/in/crawl.warc.gz#https://quay.example/news/paint", True)
        assert found == ["w1"]
    finally:
        store.close()


def test_a_folder_that_does_not_exist_yet_given_as_the_database_says_so(tmp_path) -> None:
    # 1142525 told "--db data/" where data/ exists; where it does not yet, SQLite made a file
    # "data" and the ingest stopped at the story lock ("data/-stories.lock"): E099, "this is
    # a bug", after storing into a file the user did not ask for
    from parallax.errors import ParallaxError
    from parallax.store import open_store

    with pytest.raises(ParallaxError, match=r"it is a folder; give a database file's path"):
        open_store(f"{tmp_path}/data/")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_a_newsletter_takes_its_outlet_from_stored_pages_at_a_mixed_case_host(
        db_url: str, tmp_path) -> None:
    # 6cf162e: the store's pages at the sender's site were found with LIKE, which ignores
    # case on SQLite and not on PostgreSQL: a page stored at "www.DunmereTimes.example" gave
    # the letter its outlet on one backend and none on the other
    from parallax import runner
    from parallax.store import open_store
    from test_small_fixes_round_eleven import _letter  # tests/ is on sys.path

    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({
        "url": "https://www.DunmereTimes.example/news/ferry-1", "outlet": "The Dunmere Times",
        "title": "Island ferry report", "text": BODY * 3}) + "\n", encoding="utf-8")
    store = open_store(db_url)
    try:
        runner.ingest([str(pages)], store, Config(), cluster=False)
        letter = _letter(tmp_path, "Times <news@dunmeretimes.example>", "dunmeretimes.example")
        report = runner.ingest([str(letter)], store, Config(), cluster=False)
        ((article,),) = [o.articles for o in report.outcomes]
        assert article["outlet"] == "The Dunmere Times"
    finally:
        store.close()


def test_a_short_page_that_reloads_itself_on_a_timer_is_no_redirect_page(tmp_path) -> None:
    # 64a94d2: a page rejected for its short text whose meta refresh reloads it every five
    # minutes at an address ("300; url=…": live pages, front pages) was "a redirect page: it
    # only sends the browser on to …; give that address instead", though it shows its own
    # text and the address is its own. A timer of a minute or more is a reload, not a redirect
    from parallax.errors import InputRejected
    from parallax.segment.heuristic import make_heuristic

    page = ('<html><head><meta http-equiv="refresh" content="300; url=https://coast.example/live">'
            '<title>Live</title></head><body><p>Ferry vote: updates follow.</p></body></html>')
    (doc,) = _read(tmp_path, "live.html", page)
    assert isinstance(doc, RawDocument)
    with pytest.raises(InputRejected, match=r"the main text has \d+ characters") as caught:
        make_heuristic(Config()).segment(doc)
    assert "redirect" not in str(caught.value)
    moved = page.replace("300; url", "5; url")  # "you will be taken there in 5 seconds"
    (doc,) = _read(tmp_path, "moved.html", moved)
    assert isinstance(doc, RawDocument)
    with pytest.raises(InputRejected, match=r"redirect page.*https://coast\.example/live"):
        make_heuristic(Config()).segment(doc)


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_and_not_reads_as_not_in_a_search(db_url: str) -> None:
    # f4a2018: "ferry AND NOT vote", the boolean search boxes' (and news archives') spelling of
    # "ferry NOT vote", kept AND and NOT as words every result had to hold (each stood beside
    # the other operator): it listed only an article saying "and", "not" and "vote", the
    # opposite of what was asked
    from parallax.records import Article, Page, Published
    from parallax.store import open_store

    store = open_store(db_url)
    try:
        for sha, title, text in (
                ("s1", "Night ferry", "The council vote ends the night ferry and did not wait."),
                ("s2", "Day ferry", "The day ferry runs to the pier."),
                ("s3", "渡轮停运", "港务局表示渡轮将停运，轮船照常。"),
                ("s4", "渡轮时刻", "渡轮时刻表不变。")):
            article = Article(id=Article.make_id(title, text), role="main", title=title,
                              outlet="Coast Post", published=Published("today", "2026-11-03"),
                              text=text, input=f"{sha}.txt")
            store.save_page(Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text",
                                 fetched_at="", articles=[article]))

        def titles(query: str) -> list[str]:
            hits = store.search(query)
            assert store.search_count(query) == len(hits)
            return sorted(h["title"] for h in hits)

        assert titles("ferry AND NOT vote") == ["Day ferry"]
        assert titles('ferry AND NOT "night ferry"') == ["Day ferry"]
        assert titles("渡轮 AND NOT 轮船") == ["渡轮时刻"]
        # at an end, or in lower case: words, as before
        assert titles("ferry AND NOT") == ["Night ferry"]
        assert titles("ferry and not vote") == ["Night ferry"]
    finally:
        store.close()


def test_an_opml_outline_without_feeds_is_not_called_a_list_of_feeds(tmp_path) -> None:
    # ce09e60: an outliner's OPML export (notes, a draft: its text in the outlines' "text"
    # attributes) was refused as "an OPML list of 0 feeds (a feed reader's subscriptions)",
    # a label it is not
    outline = ('<?xml version="1.0"?>\n<opml version="2.0"><head><title>Ferry draft</title>'
               '</head><body><outline text="Council vote on the night ferry">'
               '<outline text="Quote the harbour families"/></outline></body></opml>\n')
    (refused,) = _read(tmp_path, "draft.opml", outline)
    assert isinstance(refused, Rejection)
    assert "feed" not in refused.reason and "outline" in refused.reason


def test_a_number_above_a_title_and_a_duration_is_no_reader_view_header() -> None:
    # 3b4f69d: a dump opening "3.5" / a heading / "20 minutes" (a manual's step, a recipe)
    # was read as Firefox's Reader View header: "3.5" the site's domain, and the number and
    # the duration, lines of the text, taken out of it as furniture. A host name ends in a
    # label of letters (a top-level domain)
    from parallax.segment.readerview import split_header

    text = "3.5\nBake the bread\n20 minutes\n\nMix the flour and the water, then rest it.\n"
    assert split_header(text) == (text, None)
    kept, header = split_header(text.replace("3.5", "coast.example"))
    assert header is not None and header.domain == "coast.example" and "20 minutes" not in kept
