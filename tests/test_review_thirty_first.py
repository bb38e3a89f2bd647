"""The thirty-first session's review (docs/robustness.md, "Thirty-first session (helper R):
review"): inputs the helpers' own tests did not cover. Each test failed on the commit it names.
All inputs are made up here."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config
from warc_builders import Record, warc_bytes

BODY = ("The harbour board said on Tuesday that the night ferry to the outer islands will stop "
        "running in March after its operator lost the winter contract. ")


def _letter_outlet(tmp_path: Path, sender: str) -> object:
    """The outlet stated for a newsletter e-mail from ``sender`` whose links all point at the
    site ``www.dunmere.example``."""
    message = EmailMessage()
    message["From"], message["Subject"] = sender, "Ferry"
    links = "".join(f'<p><a href="https://www.dunmere.example/news/{k}">More</a></p>'
                    for k in range(3))
    message.set_content(BODY * 4)
    message.add_alternative("<html><body><h1>Night ferry to stop</h1>"
                            + "".join(f"<p>{BODY}Part {k}.</p>" for k in range(4)) + links
                            + "</body></html>", subtype="html")
    path = tmp_path / "letter.eml"
    path.write_bytes(bytes(message))
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, RawDocument)
    return item.metadata.get("outlet")


@pytest.mark.parametrize(("sender", "outlet"), [
    # a name outside ASCII travels as an RFC 2047 encoded word, which the message's own From
    # header kept (the e-mail is parsed with compat32): "Dunmere Post =?utf-8?b?4oCT?= Morning"
    # was the outlet shown (1994bd3)
    ("Dunmere Post \u2013 Morning <news@dunmere.example>", "Dunmere Post \u2013 Morning"),
    ("D\u00fcnmere Post <news@dunmere.example>", None),  # not spelt as the site: no outlet
    # a reporter's name before the outlet's, or a reporter named as the site: the name is no
    # outlet ("Ann Lee, Dunmere Post" and "Ann Dunmere" were, since the site's label was looked
    # for anywhere in the name)
    ("\"Ann Lee, Dunmere Post\" <ann@dunmere.example>", None),
    ("Ann Dunmere <ann@dunmere.example>", None),
    ("Dunmere Post <news@dunmere.example>", "Dunmere Post"),  # as before
])
def test_a_senders_name_is_read_as_the_mail_shows_it(tmp_path: Path, sender: str,
                                                      outlet: str | None) -> None:
    assert _letter_outlet(tmp_path, sender) == outlet


PAGE = ("<html><body><article><h1>Night ferry to stop</h1>"
        f"<p>{BODY * 3}</p></article></body></html>").encode()


@pytest.mark.parametrize("coding", ["utf-8", "none", "binary", "br"])
def test_a_plain_page_under_a_content_encoding_no_reader_knows_is_read(
        tmp_path: Path, coding: str) -> None:
    """6a4d538 rejected every response whose Content-Encoding warcio has no decompressor for,
    before looking at its bytes: a server that writes its charset there ("Content-Encoding:
    utf-8", a known misconfiguration; warcio reads such bytes as they are) or a crawler that
    stored the page decoded and kept the header lost a readable page, read at 7810666."""
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([Record("https://herald.quellport.example/a", PAGE,
                                        headers=(("Content-Encoding", coding),))]))
    item = next(iter(read_inputs([str(path)], Config())))
    assert isinstance(item, RawDocument) and "Night ferry to stop" in item.text


def test_compressed_bytes_under_an_unknown_content_encoding_still_say_so(
        tmp_path: Path) -> None:
    import zlib

    packed = zlib.compress(PAGE * 4, 9)  # stands in for brotli's output: bytes of no text
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([Record("https://herald.quellport.example/a", packed,
                                        headers=(("Content-Encoding", "zstd"),))]))
    item = next(iter(read_inputs([str(path)], Config())))
    assert isinstance(item, Rejection) and "compressed as 'zstd'" in item.reason


def test_a_compact_date_of_digits_alone_is_read_as_the_date_it_spells(tmp_path: Path) -> None:
    """09e6157 read every date of digits alone as Unix time, so a feed's ISO 8601 basic date
    ("20261101", GDELT's "20261101080000"), which feedparser read right at 7810666, was no
    date; no Unix time in range has such digits."""
    from parallax.ingest.instants import stated_iso

    assert [stated_iso(d) for d in ("20261101", "202611010800", "20261101080000")] \
        == ["2026-11-01", "2026-11-01T08:00:00", "2026-11-01T08:00:00"]
    # not a date: a month 13, a year out of range, a clock past midnight, other lengths
    assert [stated_iso(d) for d in ("20261301", "17935200", "202611012500", "2026110")] \
        == [None] * 4
    assert stated_iso("1793520000") == "2026-11-01T08:00:00+00:00"  # Unix time as before
    items = "".join(f"<item><title>Ferry story {k}</title><link>https://h.example/a/{k}</link>"
                    f"<pubDate>{day}</pubDate><description>{BODY * 3} {k}</description></item>"
                    for k, day in enumerate(("20261101", "20261101080000")))
    path = tmp_path / "herald.rss"
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>Quellport Herald</title><link>https://h.example/</link>"
                    f"<description>news</description>{items}</channel></rss>", encoding="utf-8")
    assert [d.metadata["published_iso"] for d in read_inputs([str(path)], Config())] \
        == ["2026-11-01", "2026-11-01T08:00:00"]


def test_a_long_chinese_article_is_stored_and_found_on_both_backends(db_url: str) -> None:
    """bd0d10f's PostgreSQL function read each character of a run with ``substr``, which walks
    the run from its start: quadratic (a run of 32,000 characters took 13 s, 4 times as long
    took about 16 times as long: a hostile page of one long run held the insert for hours), and
    a text of more than ~80,000 distinct pairs overflowed the tsvector's 1 MB ("string is too
    long for tsvector"), so the article could not be stored. A text longer than
    ``unspaced_search.WHOLE`` is indexed as one token every query accepts; the substring tests
    decide for it, as the scan did."""
    import random

    from parallax.records import Article, Page, Published
    from parallax.store import open_store

    rng = random.Random(5)
    run = "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(130_000))
    store = open_store(db_url)
    try:
        for k, text in enumerate((run + "，渡轮时刻表 Ferry", "港务局表示，渡轮时刻表不变。")):
            store.save_page(Page(input=f"p{k}.txt", uri=f"p{k}.txt", sha256=f"p{k}",
                                 kind="text", fetched_at="2026-11-02T10:00:00Z",
                                 articles=[Article(id=f"a{k}", role="main", title="夜间渡轮",
                                                   outlet="Post", published=Published(),
                                                   text=text, language="zh")]))
        assert [r["id"] for r in store.search("渡轮时刻表")] == ["a0", "a1"]
        assert [r["id"] for r in store.search("时刻 ferry")] == ["a0"]
        assert store.search_count("港务局") == 1
        assert [r["id"] for r in store.search(run[70_000:70_004])] == ["a0"]
    finally:
        store.close()


def test_a_date_of_full_width_digits_alone_is_read_as_ascii_digits_are(tmp_path: Path) -> None:
    """Dates of digits alone were tested for ASCII digits (09e6157), so full-width ones still
    reached feedparser, which read "１７９３５２００００" as 1 December 1793."""
    from parallax.ingest.instants import stated_iso

    assert stated_iso("１７９３５２００００") == "2026-11-01T08:00:00+00:00"
    assert stated_iso(" ２０２６１１０１ ") == "2026-11-01"
    assert stated_iso("１７９３５２００") is None  # out of range, as in ASCII
    path = tmp_path / "herald.rss"
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>Quellport Herald</title><link>https://h.example/</link>"
                    "<description>news</description><item><title>Ferry story</title>"
                    "<link>https://h.example/a/1</link><pubDate>１７９３５２００００</pubDate>"
                    f"<description>{BODY * 3}</description></item></channel></rss>",
                    encoding="utf-8")
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, RawDocument)
    assert item.metadata["published_iso"] == "2026-11-01T08:00:00+00:00"
