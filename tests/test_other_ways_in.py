"""What broke in a new user's second week, feeding Parallax from every way in the README
promises (docs/robustness.md, twentieth session): relative feed links, archived documents that
are not HTML, JSONL exporters' blank fields, 16-bit text holding wide spaces, uploads sharing
one name, pages past the last, a setting above its section. All inputs are made up here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.ingest_jobs import ingested
from tests.test_web import FakeStore, fake_comparison

import parallax.web.app as web
import parallax.web.context as web_context
from parallax.errors import ParallaxError
from parallax.ingest.decode import decode_bytes
from parallax.ingest.sources import read_inputs
from parallax.records import Published, RawDocument, Rejection
from parallax.settings import Config, load_config
from parallax.store import open_store
from parallax.web.app import create_app
from parallax.web.jobs import upload_name
from parallax.web.security import hash_token

TOKEN = "a-token-made-up-for-these-tests"
BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike, the harbour office said. Passengers had waited for hours on the "
        "quay since Friday, and the town council asked the company for a timetable it keeps.")


def _read(path: Path) -> list[RawDocument | Rejection]:
    return list(read_inputs([str(path)], Config()))


def _feed(links: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Ellery Post</title>'
            "<link>https://ellery.example/</link><description>d</description>"
            f"<item><title>Sailings back</title>{links}<description>{BODY}</description>"
            "</item></channel></rss>")


def test_relative_feed_links_are_read_against_the_site(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(_feed("<link>/news/sailings-back</link>"), encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, RawDocument)
    assert item.metadata["url"] == "https://ellery.example/news/sailings-back"
    path.write_text(_feed("<link>https://other.example/a</link>"), encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, RawDocument) and item.metadata["url"] == "https://other.example/a"


def test_a_fetched_feeds_relative_links_are_read_against_its_address() -> None:
    from parallax.ingest.feed import read_feed

    (item,) = read_feed(_feed("<link>sailings-back</link>"),
                        uri="https://feeds.ellery.example/harbour/rss.xml",
                        given="https://feeds.ellery.example/harbour/rss.xml", config=Config(),
                        fetched_at="2026-11-03T10:00:00+00:00")
    assert isinstance(item, RawDocument)
    assert item.metadata["url"] == "https://feeds.ellery.example/harbour/sailings-back"


def test_jsonl_text_of_spaces_beside_html_reads_the_html(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"title": "Sailings back", "text": "   ", "html": "<p>' + BODY
                    + '</p>"}\n{"title": "Half a line", "text": "unterminated\n',
                    encoding="utf-8")
    record, broken = _read(path)
    assert isinstance(record, RawDocument), record
    assert record.text.startswith("<p>The ferry") and record.metadata["format"] == "html"
    assert isinstance(broken, Rejection) and "Unterminated string" in broken.reason


def _warc(records: list[tuple[str, str, str, bytes]]) -> bytes:
    from tests.warc_builders import Record, warc_bytes

    return warc_bytes((Record(url, body, ctype or None, status)
                       for url, status, ctype, body in records), gzip=False)


def test_archived_documents_that_are_not_html_are_read_or_reported(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc([
        ("https://ellery.example/report.pdf", "200 OK", "application/pdf",
         b"%PDF-1.4\n%made up\n%%EOF\n"),
        ("https://ellery.example/notice.txt", "200 OK", "text/plain; charset=utf-8",
         BODY.encode()),
        ("https://ellery.example/untyped", "200 OK", "", page),
        ("https://ellery.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\nmade up"),
        ("https://ellery.example/site.css", "200 OK", "text/css", b"body { color: red }"),
    ]))
    items = {item.input.split("#", 1)[1]: item for item in _read(path)}
    assert set(items) == {"https://ellery.example/report.pdf",
                          "https://ellery.example/notice.txt", "https://ellery.example/untyped"}
    pdf = items["https://ellery.example/report.pdf"]
    assert isinstance(pdf, Rejection) and pdf.code == "E007" and "application/pdf" in pdf.reason
    text, untyped = items["https://ellery.example/notice.txt"], items["https://ellery.example/untyped"]
    assert isinstance(text, RawDocument) and text.kind == "text" and text.text == BODY
    assert isinstance(untyped, RawDocument) and untyped.kind == "html"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_wide_spaces_and_no_mark_is_read(codec: str) -> None:
    japanese = ("\u3000港の渡し船は月曜日から運休している、と組合が発表した。"
                "乗組員は安定した勤務表を求めている。\n\u3000市長は火曜日に会合を開くと述べた。\n")
    typeset = ("Ferry\u2002crews\u2003stopped\u2009work on Monday, the union said, and the "
               "harbour office\u2002expects the boats back by Friday.\n")
    for text in (japanese, typeset):
        assert decode_bytes(text.encode(codec)) == (text, codec)


def test_two_uploads_of_one_name_stay_two_inputs(tmp_path: Path) -> None:
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(str(tmp_path / "web.db"), config,
                                   token_hash=hash_token(TOKEN)))
    job = ingested(client, TOKEN, ("notes.txt", b"\x00\x01\x02" * 400),
                   ("notes.txt", BODY.encode()))
    outcomes = {o["input"]: o["status"] for o in job["outcomes"]}
    broken = upload_name("notes.txt", b"\x00\x01\x02" * 400)
    assert outcomes == {broken: "rejected", upload_name("notes.txt", BODY.encode()): "stored"}
    store = open_store(tmp_path / "web.db")
    try:
        assert [r["input"] for r in store.rejections()] == [broken]  # not cleared
    finally:
        store.close()


class _BigOutlet(FakeStore):
    def outlet_profile(self, outlet: str, limit: int = 200) -> dict[str, Any] | None:
        rows = [{"id": f"a{n}", "title": f"Report {n}", "language": "en",
                 "published": "2026-11-03", "story": None} for n in range(limit)]
        return {"outlet": outlet, "article_count": 250, "articles": rows, "languages": {},
                "narratives": [], "techniques": [], "entities": []}


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(web_context, "open_store", lambda db: _BigOutlet())
    return TestClient(web.create_app("unused.db", comparison_for=fake_comparison))


def test_a_page_past_the_last_says_so(client: TestClient) -> None:
    stories = client.get("/?page=3")
    assert stories.status_code == 200
    assert "No stories yet" not in stories.text
    assert "Page 3 is past the last page" in stories.text
    assert 'href="/?sort=largest&amp;page=1">Go to page 1</a>' in stories.text
    found = client.get("/search?q=Brava&page=4")
    assert "Nothing matched" not in found.text
    assert "Page 4 is past the last page" in found.text
    assert 'href="/search?q=Brava&amp;page=1"' in found.text


def test_an_outlet_page_says_when_it_lists_only_the_newest(client: TestClient) -> None:
    page = client.get("/outlet/Ellery%20Post").text
    assert "(the 200 newest of 250)" in page


def test_one_article_one_outlet_in_the_story_header(monkeypatch: pytest.MonkeyPatch) -> None:
    def single(store: Any, story_id: str) -> dict[str, Any]:
        comparison = fake_comparison(store, story_id)
        comparison["story"].update(article_count=1, outlets=["Korvan Today"])
        return comparison

    monkeypatch.setattr(web_context, "open_store", lambda db: FakeStore())
    client = TestClient(web.create_app("unused.db", comparison_for=single))
    page = client.get("/story/s1").text
    assert "· 1 article · 1 outlet" in page


def test_a_setting_above_its_section_is_named(tmp_path: Path) -> None:
    path = tmp_path / "parallax.toml"
    path.write_text('allow_private_addresses = ["10.20.0.0/16"]\n', encoding="utf-8")
    with pytest.raises(ParallaxError, match="put it under \\[settings\\]"):
        load_config(path)


def test_words_in_quotes_must_stand_together(db_url: str) -> None:
    from tests.test_store_backends import article, page

    together = article("Ferry vote", "The council said on Tuesday that fares rise.",
                       "Ellery Post", "en", "2026-11-03")
    apart = article("Ferry talks", "On Monday the union said talks go on until Tuesday.",
                    "Harbour Wire", "en", "2026-11-03")
    store = open_store(db_url)
    try:
        store.save_page(page("q1", together))
        store.save_page(page("q2", apart))
        assert store.search_count("said on Tuesday") == 2  # every word, anywhere
        hits = store.search('"said on Tuesday"')
        assert [h["id"] for h in hits] == [together.id]
        assert store.search_count('"said on Tuesday"') == 1
        assert store.search_count('union "said talks"') == 1  # a word beside a phrase
        assert store.search_count('"Tuesday') == 2  # one word in quotes is a word
        for odd in ('"', '""', '"; DROP TABLE articles; --', '"a\x00b c"', 'x"y "z'):
            store.search(odd)
            store.search_count(odd)
        assert store.counts()["articles"] == 2
    finally:
        store.close()


def test_a_query_cut_to_the_limit_says_so(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Brava " * 100}).text
    assert "Only the first 200 characters of the query were searched." in page
    assert "were searched" not in client.get("/search", params={"q": "Brava"}).text


def _items_feed(count: int, extra: str = "") -> str:
    items = "".join(f"<item><title>Sailings {n}</title><link>https://ellery.example/{n}</link>"
                    f"<description><![CDATA[<p>{BODY}{extra} Item {n}.</p>]]></description>"
                    "</item>" for n in range(1, count + 1))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Ellery Post</title>'
            f"<link>https://ellery.example/</link><description>d</description>{items}"
            "</channel></rss>")


def test_a_feed_cut_off_in_a_download_is_reported(tmp_path: Path) -> None:
    whole = _items_feed(3)
    path = tmp_path / "feed.rss"
    path.write_text(whole[:whole.index("Item 3.") - 40], encoding="utf-8")  # inside item 3
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Rejection",
                                                 "Rejection"]
    assert items[2].input.endswith("#item-3") and "cut off inside this item" in items[2].reason
    assert items[3].input == str(path) and "2 complete items were read" in items[3].reason
    path.write_text(whole[:whole.index("</item>") + len("</item>")], encoding="utf-8")
    first, report = _read(path)  # cut between items: the one item is whole
    assert isinstance(first, RawDocument) and first.text.endswith("Item 1.</p>")
    assert isinstance(report, Rejection) and report.code == "E008"


def test_a_whole_feed_with_an_html_entity_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(_items_feed(2).replace("<title>Sailings 2", "<title>Sailings&nbsp;2"),
                    encoding="utf-8")
    assert all(isinstance(i, RawDocument) for i in _read(path)) and len(_read(path)) == 2


def test_an_entity_page_lists_its_newest_articles_and_counts_all(db_url: str) -> None:
    from tests.test_store_backends import article, page

    reports = [article(f"Ferry report {n}", f"Crews and the council met again, day {n}.",
                       f"Outlet {n % 2}", "en", f"2026-11-0{n}") for n in range(1, 4)]
    store = open_store(db_url)
    try:
        for n, report in enumerate(reports):
            store.save_page(page(f"e{n}", report))
        profile = store.entity_profile("Petra Olsen", limit=2)
        assert profile is not None
        assert [r["title"] for r in profile["articles"]] == ["Ferry report 2", "Ferry report 3"]
        assert (profile["article_count"], profile["outlet_count"], profile["story_count"]) == \
            (3, 2, 0)
    finally:
        store.close()


def test_an_entity_pages_newest_are_dated_ones_and_undated_come_last(db_url: str) -> None:
    """An undated report's date is unknown, not "now": it must not push dated ones out of the
    newest the page lists (it did: undated sorted as the year 9999), and it is listed last."""
    from tests.test_store_backends import article, page

    reports = [article(f"Ferry report {n}", f"Crews and the council met again, day {n}.",
                       "Outlet", "en", f"2026-11-0{n}") for n in range(1, 4)]
    undated = article("Ferry notes", "Crews and the council met once more.", "Outlet", "en", "")
    undated.published = Published()
    store = open_store(db_url)
    try:
        for n, report in enumerate([*reports, undated]):
            store.save_page(page(f"u{n}", report))
        newest = store.entity_profile("Petra Olsen", limit=2)
        assert newest is not None
        assert [r["title"] for r in newest["articles"]] == ["Ferry report 2", "Ferry report 3"]
        every = store.entity_profile("Petra Olsen", limit=10)
        assert every is not None
        assert [r["title"] for r in every["articles"]] == [
            "Ferry report 1", "Ferry report 2", "Ferry report 3", "Ferry notes"]
    finally:
        store.close()


class _FamousEntity(FakeStore):
    def entity_profile(self, name: str, limit: int = 500) -> dict[str, Any] | None:
        rows = [{"id": f"a{n}", "title": f"Report {n}", "outlet": "Ellery Post",
                 "language": "en", "published": "2026-11-03", "count": 1, "role": None,
                 "story": None} for n in range(limit)]
        return {"name": name, "articles": rows, "article_count": 1200, "outlet_count": 7,
                "story_count": 40}


def test_an_entity_page_says_how_many_it_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_context, "open_store", lambda db: _FamousEntity())
    client = TestClient(web.create_app("unused.db", comparison_for=fake_comparison))
    page = client.get("/entity/Ellery").text
    assert "Mentioned in 1200 articles by 7 outlets, in 40 stories." in page
    assert "The 500 newest are listed below." in page and page.count("/article/a") == 500


def test_an_archived_resource_record_is_read(tmp_path: Path) -> None:
    from tests.warc_builders import Record, warc_bytes

    path = tmp_path / "folder.warc.gz"  # a folder of pages archived without HTTP (warcit)
    path.write_bytes(warc_bytes([Record(
        "https://ellery.example/sailings.html",
        f"<html><body><article><p>{BODY}</p></article></body></html>".encode(),
        kind="resource")]))
    (page,) = _read(path)
    assert isinstance(page, RawDocument) and page.kind == "html" and BODY in page.text


def _records(text: str) -> list[RawDocument | Rejection]:
    """As text from a pipe or an address is read: kind from the content."""
    from parallax.ingest.sources import from_text, sniff_kind

    return list(from_text(text, sniff_kind(text), uri="<stdin>", given="-", config=Config(),
                          raw=text.encode()))


def test_a_json_document_of_records_is_read_as_records(tmp_path: Path) -> None:
    import json

    records = [{"title": f"Sailings {n}", "text": BODY, "url": f"https://ellery.example/{n}"}
               for n in (1, 2)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    items = _read(path)
    assert [(i.input.rsplit("#", 1)[1], getattr(i, "metadata", {}).get("title")) for i in items]\
        == [("record-1", "Sailings 1"), ("record-2", "Sailings 2")]
    path.write_text(json.dumps(records[0], indent=2), encoding="utf-8")  # one object
    (one,) = _read(path)
    assert isinstance(one, RawDocument) and one.text == BODY
    path.write_text("[1, 2, 3]", encoding="utf-8")
    (refused,) = _read(path)
    assert isinstance(refused, Rejection) and "a list of number items" in refused.reason


def test_piped_jsonl_with_html_fields_and_a_blank_line_is_read_as_jsonl() -> None:
    import json

    first = json.dumps({"title": "Sailings back", "html": f"<html><body><p>{BODY}</p>"
                                                          "</body></html>"})
    second = json.dumps({"title": "Quay reopens", "text": BODY + " Again."})
    items = _records(f"{first}\r\n\r\n{second}\r\n")
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument"], items
    assert [i.input for i in items] == ["-#line-1", "-#line-3"]
    third = json.dumps({"title": "Crews back", "text": BODY + " Once more."})
    assert all(isinstance(i, RawDocument) for i in _records(f"{second}\n\n{third}\n"))


def test_a_txt_file_holding_a_feed_a_page_or_jsonl_is_read_as_one(tmp_path: Path) -> None:
    import json

    saved = {"feed.txt": _feed("<link>https://ellery.example/a</link>"),
             "page.txt": f"<!DOCTYPE html><html><body><article><p>{BODY}</p></article>"
                         "</body></html>",
             "export.txt": json.dumps({"title": "Sailings back", "text": BODY}) + "\n",
             "notes.txt": f"Why the <body> tag matters to a page.\n\n{BODY}\n"}
    kinds = {}
    for name, text in saved.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        (item,) = _read(tmp_path / name)
        assert isinstance(item, RawDocument), item
        kinds[name] = item.kind
    assert kinds == {"feed.txt": "record", "page.txt": "html", "export.txt": "record",
                     "notes.txt": "text"}


def test_an_uploaded_json_export_is_read_as_records(tmp_path: Path) -> None:
    import json

    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(str(tmp_path / "web.db"), config,
                                   token_hash=hash_token(TOKEN)))
    export = json.dumps([{"title": "Sailings back", "text": BODY}], indent=2).encode()
    job = ingested(client, TOKEN, ("export.json", export))
    record = upload_name("export.json", export) + "#record-1"
    assert [(o["input"], o["status"]) for o in job["outcomes"]] == [(record, "stored")]
