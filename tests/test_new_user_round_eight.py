"""A new user's session, round eight (docs/robustness.md, thirty-first session, helper N8): a
media analyst's batch (a crawl's WARC, an RSS and an Atom feed with broken entries, a JSONL
export of thousands of records) and a reader on the web UI. Each test here failed before its
fix. All inputs are made up here."""

from __future__ import annotations

from parallax.ingest import read_inputs
from parallax.records import RawDocument
from parallax.settings import Config

BODY = ("The harbour board of Quellport said on Tuesday that the night ferry will keep its "
        "winter timetable after a week of protests by residents of the outer islands. ")


def _items(tmp_path, name: str, feed: str) -> list[RawDocument]:
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    return [d for d in read_inputs([str(path)], Config()) if isinstance(d, RawDocument)]


def _rss(items: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Quellport Herald</title><link>https://herald.quellport.example/</link>"
            f"<description>news</description>{items}</channel></rss>")


def test_a_feed_item_id_that_is_no_address_is_not_its_link(tmp_path) -> None:
    # without a <link>, feedparser offers the item's id as its link: an Atom "tag:" id, or an
    # RSS guid "ferry-2026-0041" joined to the site's address, was stored as the article's
    # address (a page that does not exist, fetched with --follow-links)
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Lynmouth Signal</title><id>tag:signal.example,2026:feed</id>"
            "<updated>2026-11-07T00:00:00Z</updated><entry><title>Ferry timetable kept</title>"
            "<id>tag:signal.example,2026:4</id><updated>2026-11-07T08:00:00Z</updated>"
            f'<content type="text">{BODY * 3}</content></entry></feed>')
    (entry,) = _items(tmp_path, "signal.atom", atom)
    assert entry.metadata["url"] is None
    rss = _rss(f"<item><title>Ferry timetable kept</title><guid>ferry-2026-0041</guid>"
               f"<description>{BODY * 3}</description></item>"
               f"<item><title>Ferry fares</title><guid>https://herald.quellport.example/p/9"
               f"</guid><description>{BODY * 2}</description></item>")
    first, second = _items(tmp_path, "herald.rss", rss)
    assert first.metadata["url"] is None
    assert second.metadata["url"] == "https://herald.quellport.example/p/9"  # a permalink


def test_a_feed_date_in_unix_time_is_not_read_as_the_year_1793(tmp_path) -> None:
    # feedparser read "1793520000" (1 November 2026 in Unix time) as 1 December 1793
    rss = _rss(f"<item><title>Ferry timetable kept</title>"
               f"<link>https://herald.quellport.example/a/1</link>"
               f"<pubDate>1793520000</pubDate><description>{BODY * 3}</description></item>")
    (item,) = _items(tmp_path, "herald.rss", rss)
    assert item.metadata["published_text"] == "1793520000"
    assert item.metadata["published_iso"] == "2026-11-01T08:00:00+00:00"
    # digits out of the range a record's Unix time takes give no date, not feedparser's
    # (1 December 1793 again; "20261101" is a compact date, read as one: helper R's review)
    rss = _rss(f"<item><title>Ferry timetable kept</title>"
               f"<link>https://herald.quellport.example/a/1</link>"
               f"<pubDate>17935200</pubDate><description>{BODY * 3}</description></item>")
    (item,) = _items(tmp_path, "herald.rss", rss)
    assert item.metadata["published_iso"] is None


def test_an_undeclared_windows_1252_page_keeps_its_accents() -> None:
    # an English page saved in windows-1252 without a charset: charset-normalizer ties it with
    # windows-1250 (and lists that first), the language identifier ties too, so "naïve" was
    # stored "naďve" (a real British page's pounds read "Ł" the same way)
    from parallax.ingest.decode import decode_bytes

    text = ("<html><head><title>Café owners in Dunmere “furious” at ‘naïve’ levy</title></head>"
            "<body><article><h1>Café owners “furious” at ‘naïve’ levy</h1>"
            + "".join(f"<p>{BODY}The levy adds {n} crowns a month – “enough”, one owner said.</p>"
                      for n in range(5)) + "</article></body></html>")
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert decoded == text and encoding == "cp1252"
    # a Polish page in windows-1250 keeps its letters (the tie's other side)
    polish = ("<html><body><p>" + "Rada miasta Gdańsk zdecydowała, że prom będzie kursował "
              "również zimą; mieszkańcy wyspy są zadowoleni, a burmistrz Łukasz Żółtowski "
              "dziękuje za cierpliwość. " * 4 + "</p></body></html>")
    assert decode_bytes(polish.encode("cp1250"))[0] == polish


def test_a_feed_or_record_date_with_an_ordinal_day_is_read(tmp_path) -> None:
    # "Tuesday, November 3rd 2026" (a hand-written feed) gave the item no date at all
    rss = _rss("".join(f"<item><title>Ferry story {k}</title>"
                       f"<link>https://herald.quellport.example/a/{k}</link>"
                       f"<pubDate>{date}</pubDate><description>{BODY * 3} {k}</description></item>"
                       for k, date in enumerate(("Tuesday, November 3rd 2026", "7th November 2026",
                                                 "1st of December 2026", "the 21st century"))))
    assert [i.metadata["published_iso"] for i in _items(tmp_path, "herald.rss", rss)] \
        == ["2026-11-03", "2026-11-07", "2026-12-01", None]


def test_a_warc_record_compressed_as_brotli_says_so(tmp_path) -> None:
    # a crawler that asked for brotli (as browsers do) archives the compressed bytes, which
    # warcio cannot decompress without the brotli package: read as the page's text they were
    # "binary data (contains NUL bytes)", or noise stored as an article when they held no NUL
    import random

    from parallax.records import Rejection
    from warc_builders import Record, warc_bytes

    rng = random.Random(8)  # one generator: a new one a byte gave 3,000 of the same byte
    noise = bytes(rng.randrange(1, 256) for _ in range(3000))
    page = f"<html><body><article><h1>Ferry</h1><p>{BODY * 3}</p></article></body></html>"
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([
        Record("https://herald.quellport.example/br", noise, headers=(("Content-Encoding", "br"),)),
        Record("https://herald.quellport.example/plain", page.encode())]))
    first, second = read_inputs([str(path)], Config())
    assert isinstance(first, Rejection) and "compressed as 'br'" in first.reason
    assert isinstance(second, RawDocument)


def test_a_record_date_of_digits_in_a_string_is_unix_time_as_a_number_is(tmp_path) -> None:
    # {"published": 1793520000} was read, {"published": "1793520000"} (an export that quotes
    # every value) was no date
    import json

    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"title": f"Ferry {k}", "text": BODY * 3 + str(k),
                                        "published": value}) + "\n"
                            for k, value in enumerate((1793520000, "1793520000", "9" * 5000))))
    assert [d.metadata["published_iso"] for d in read_inputs([str(path)], Config())] \
        == ["2026-11-01T08:00:00+00:00", "2026-11-01T08:00:00+00:00", None]


def test_a_placeholder_for_no_date_is_no_date(tmp_path) -> None:
    # exports and feeds write "no date" as .NET's 0001-01-01, SQL Server's 1900-01-01, Unix
    # time 0 or 9999-12-31: stored as the article's day, such an outlet "reported first"
    import json

    from parallax.pipeline import Pipeline

    days = ("0001-01-01T00:00:00Z", "Mon, 01 Jan 0001 00:00:00 GMT", "1900-01-01 00:00:00",
            "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-03T08:00:00Z")
    lines = "".join(json.dumps({"title": f"Ferry {k}", "text": BODY * 3 + str(k),
                                "published": day}) + "\n" for k, day in enumerate(days))
    path = tmp_path / "export.jsonl"
    path.write_text(lines)
    pipeline = Pipeline.from_config(Config(), analyse=False)
    mains = [next(a for a in pipeline.process(item).articles if a.role == "main")
             for item in read_inputs([str(path)], Config())]
    assert [a.published.iso for a in mains] == [None] * 5 + ["2026-11-03T08:00:00+00:00"]


def test_a_saved_feed_reads_its_relative_links_against_its_own_stated_address(tmp_path) -> None:
    # no <link> on the channel, but <atom:link rel="self"> names the feed's address: "/a/7"
    # stayed relative ("not a web link", never followed) though the file says where it lives
    rss = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
           'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Quellport Herald</title>'
           '<atom:link rel="self" href="https://herald.quellport.example/feeds/top.rss"/>'
           f"<item><title>Ferry</title><link>/a/7</link><description>{BODY * 3}</description>"
           "</item></channel></rss>")
    (item,) = _items(tmp_path, "top.rss", rss)
    assert item.metadata["url"] == "https://herald.quellport.example/a/7"


def test_a_podcast_item_says_it_holds_a_file_not_that_it_has_no_link(tmp_path) -> None:
    # a title and an audio enclosure was "neither text nor a link: only its title"
    from parallax.records import Rejection

    rss = _rss('<item><title>Ferry hour</title><enclosure url="https://herald.quellport.example/'
               'ferry.mp3" type="audio/mpeg" length="100"/></item>')
    path = tmp_path / "podcast.rss"
    path.write_text(rss)
    (item,) = read_inputs([str(path)], Config())
    assert isinstance(item, Rejection)
    assert "audio/mpeg" in item.reason and "neither text nor a link" not in item.reason


def test_a_warc_of_one_rejected_response_says_it_once(tmp_path) -> None:
    # the review (R): an archive whose only response was rejected with its own reason also got
    # "WARC archive holds no HTML or text response records", two rejections for one record
    import random

    from parallax.records import Rejection
    from warc_builders import Record, warc_bytes

    rng = random.Random(8)
    noise = bytes(rng.randrange(1, 256) for _ in range(3000))
    path = tmp_path / "crawl.warc.gz"
    record = Record("https://herald.quellport.example/br", noise,
                    headers=(("Content-Encoding", "br"),))
    path.write_bytes(warc_bytes([record]))
    items = list(read_inputs([str(path)], Config()))
    assert len(items) == 1, [getattr(i, "reason", i) for i in items]
    assert isinstance(items[0], Rejection) and "compressed as 'br'" in items[0].reason
