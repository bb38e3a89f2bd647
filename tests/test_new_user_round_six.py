"""A new user's session, round six (docs/robustness.md, twenty-ninth session, helper N6): a
media analyst scripting Parallax from a shell over a month of one story, and a newsroom piping
feeds into it. Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

BODY = ("The port authority of Dunmere said on Monday that the night ferry to the islands will "
        "stop in spring. Island councillors said the decision was taken without them. ")


def _records(n: int) -> str:
    return "".join(json.dumps({"url": f"https://dunmere.example/{k}", "outlet": "Dunmere Post",
                               "title": f"Night ferry to stop, part {k}",
                               "text": f"Part {k}. " + BODY * 12}) + "\n" for k in range(n))


def _closed_reader(tmp_path: Path, *args: str) -> tuple[int, str]:
    """The command's exit code and stderr when its stdout's reader has gone (``| head``
    after the lines it wanted): the pipe is closed before the command writes."""
    child = subprocess.Popen([sys.executable, "-c", "from parallax.cli import main; main()",
                              *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=tmp_path)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    stderr = child.stderr.read().decode()
    return child.wait(timeout=600), stderr


@pytest.mark.parametrize("as_json", [True, False])
def test_extract_piped_to_head_ends_quietly(tmp_path: Path, as_json: bool) -> None:
    """``parallax extract day.jsonl --json | head -1`` exited 1, "some inputs rejected", so
    a script with ``set -o pipefail`` stopped on a run that had rejected nothing (the table
    too: rich's own ending is exit 1). It ends quietly with the code of what it read."""
    (tmp_path / "day.jsonl").write_text(_records(30))
    code, stderr = _closed_reader(tmp_path, "extract", "day.jsonl",
                                  *(["--json"] if as_json else []))
    assert code == 0, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    (tmp_path / "bad.jsonl").write_text("{not json\n" + _records(30))
    code, stderr = _closed_reader(tmp_path, "extract", "bad.jsonl", "--json")
    assert code == 1, stderr  # a rejection read before the reader left still counts


def test_a_command_printing_after_its_work_ends_quietly_when_nobody_reads(
        tmp_path: Path) -> None:
    """``parallax settings | head`` (and ``stories``/``compare`` the same way) ended with
    click's exit 1 once the reader was gone; the command did all it was asked."""
    code, stderr = _closed_reader(tmp_path, "settings")
    assert code == 0, stderr
    assert stderr.strip() == "", stderr


def test_gzipped_jsonl_on_standard_input_is_read(tmp_path: Path) -> None:
    """``parallax ingest - < day.jsonl.gz`` (a newsroom's export piped in) was refused whole,
    "gzip data that is not a WARC archive; unpack it first", though the same file given by
    name is read. It is read record by record as by name; other gzipped data is refused with
    the command that unpacks it."""
    data = gzip.compress(_records(5).encode())
    done = subprocess.run([sys.executable, "-c", "from parallax.cli import main; main()",
                           "extract", "-", "--json"], input=data, capture_output=True,
                          cwd=tmp_path, timeout=600)
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert done.returncode == 0, done.stderr.decode()
    assert [r["input"] for r in rows] == [f"-#line-{k}" for k in range(1, 6)], rows
    assert rows[2]["articles"][0]["title"] == "Night ferry to stop, part 2", rows[2]
    page = gzip.compress(b"<html><body><p>" + BODY.encode() * 4 + b"</p></body></html>")
    done = subprocess.run([sys.executable, "-c", "from parallax.cli import main; main()",
                           "extract", "-", "--json"], input=page, capture_output=True,
                          cwd=tmp_path, timeout=600)
    (row,) = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert row["status"] == "rejected" and "zcat" in row["reason"], row


SPOKEN = ("The ferry master spoke on Monday.", "The night boat will stop in April.",
          "Islanders were not asked, and they are upset.", "A day boat will run instead.")


def test_subtitles_whose_cues_have_no_blank_lines_lose_their_numbers(tmp_path: Path) -> None:
    """Some converters write SubRip and WebVTT cues without a blank line between them. Each
    cue's number then stayed in the transcript ("… on Monday. 2 The night boat …"), inside
    the sentences that claims and quotes are read from. A number alone on the line before a
    timing is the next cue's; a spoken line that is a number elsewhere is kept."""
    from parallax.segment.heuristic import HeuristicSegmenter

    srt = "".join(f"{n + 1}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 2:02d},000\n"
                  f"{SPOKEN[n % 4]}\n" for n in range(24))
    vtt = "WEBVTT\n" + "".join(f"{n + 1}\n00:{2 * n:02d}.000 --> 00:{2 * n + 2:02d}.000\n"
                               f"{SPOKEN[n % 4]}\n" + ("1999\n" if n == 5 else "")
                               for n in range(24))
    for name, text in (("ferry.srt", srt), ("ferry.vtt", vtt)):
        path = tmp_path / name
        path.write_text(text)
        (doc,) = list(read_inputs([str(path)], Config()))
        assert isinstance(doc, RawDocument), (name, doc)
        (article,) = [a for a in HeuristicSegmenter(Config()).segment(doc).articles
                      if a.role == "main"]
        words = article.text.split()
        assert not any(w.isdigit() and w != "1999" for w in words), article.text[:400]
        assert article.text.count("The night boat will stop in April.") == 6, name
        assert ("1999" in words) == (name == "ferry.vtt"), name
    rejected = [i for i in read_inputs([str(tmp_path)], Config()) if isinstance(i, Rejection)]
    assert rejected == [], rejected


def test_a_pages_stated_time_zone_is_kept_for_the_timeline(tmp_path: Path) -> None:
    """A saved page's ``article:published_time`` "2026-11-14T16:00:00+05:30" was stored as
    "2026-11-14T16:00:00": the zone went, so the story's timeline (which orders times with a
    zone by their instant) put that page after a feed item of "12:00 Z" the same day, though
    it was published at 10:30 UTC. A page's stated time keeps its zone, as feeds' do."""
    from parallax.records import instant_key
    from parallax.segment.heuristic import HeuristicSegmenter

    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Night ferry to stop</title>"
            "<meta property='article:published_time' content='2026-11-14T16:00:00+05:30'>"
            "</head><body><article><h1>Night ferry to stop</h1>"
            + "".join(f"<p>{BODY}</p>" for _ in range(4)) + "</article></body></html>")
    path = tmp_path / "ferry.html"
    path.write_text(html)
    (doc,) = list(read_inputs([str(path)], Config()))
    assert isinstance(doc, RawDocument), doc
    (article,) = [a for a in HeuristicSegmenter(Config()).segment(doc).articles
                  if a.role == "main"]
    assert article.published.iso == "2026-11-14T16:00:00+05:30", article.published
    assert instant_key(article.published.iso) < instant_key("2026-11-14T12:00:00+00:00")


def test_batch_names_the_files_beside_its_shards_it_does_not_read(tmp_path: Path) -> None:
    """A newsroom's archive folder held the night's WARC and JSONL beside a saved feed and a
    page: ``parallax batch`` read the shards, passed over the feed and the page without a word
    and said "0 records rejected", exit 0. They are one rejection now, named, with what reads
    them; a crawl's index and checksum files and hidden files are no loss and not named."""
    from parallax.batch.partitions import plan

    archive = tmp_path / "night"
    (archive / "feeds").mkdir(parents=True)
    (archive / ".cache").mkdir()
    (archive / "night.jsonl").write_text(_records(2))
    (archive / "night.cdx").write_text("CDX N b a m s k r M S V g\n")
    (archive / "night.jsonl.md5").write_text("0" * 32 + "\n")
    (archive / ".cache" / "state").write_text("x")
    (archive / "feeds" / "dunmere.rss").write_text("<rss><channel></channel></rss>")
    (archive / "page.html").write_text("<html><body><p>" + BODY + "</p></body></html>")
    partitions, rejected = plan([str(archive)])
    assert [Path(p.shard).name for p in partitions] == ["night.jsonl"], partitions
    (rejection,) = rejected
    assert rejection.input == str(archive) and rejection.code == "E007", rejection
    assert "2 files" in rejection.reason and "dunmere.rss" in rejection.reason, rejection
    assert "page.html" in rejection.reason and "parallax ingest" in rejection.reason, rejection
    assert "night.cdx" not in rejection.reason and "state" not in rejection.reason, rejection
    assert plan([str(archive / "night.jsonl")])[1] == []


def test_a_feeds_zone_written_z_or_with_a_colon_is_kept(tmp_path: Path) -> None:
    """RSS dates ending " Z" (RFC 822's zone for UT) or "+05:30" (an offset with a colon, as
    many feeds write it) lost their clock and zone: the item was "2026-11-28", a day, while
    "+0530" kept "2026-11-28T12:00:00+05:30". Both keep the written clock and zone now."""
    from parallax.segment.heuristic import HeuristicSegmenter

    items = "".join(f"<item><title>Ferry item {k}</title><link>https://dunmere.example/{k}</link>"
                    f"<pubDate>{date}</pubDate><description>{BODY * 3}</description></item>"
                    for k, date in enumerate(("Sat, 28 Nov 2026 12:00:00 Z",
                                              "Sat, 28 Nov 2026 12:00:00 +05:30",
                                              "Sat, 28 Nov 2026 12:00:00 -0000")))
    path = tmp_path / "dunmere.rss"
    path.write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Dunmere Post"
                    f"</title>{items}</channel></rss>")
    docs = list(read_inputs([str(path)], Config()))
    isos = [a.published.iso for d in docs if isinstance(d, RawDocument)
            for a in HeuristicSegmenter(Config()).segment(d).articles if a.role == "main"]
    assert isos == ["2026-11-28T12:00:00+00:00", "2026-11-28T12:00:00+05:30",
                    "2026-11-28"], isos  # "-0000": zone unknown, the day alone as before


def test_a_feeds_declared_charset_does_not_garble_its_authors(tmp_path: Path) -> None:
    """A Latin-1 feed that says so in its XML declaration, and a UTF-8 one with a byte-order
    mark whose declaration says ISO-8859-1 (a CMS template's), were decoded right, but their
    author names came out garbled ("SeÃ¡n Ã\\x93 SÃºilleabhÃ¡in") beside right titles and
    texts: feedparser read the names by the declaration once more."""
    feed = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Île Courier</title>"
            "<entry><title>Café owners fear the ferry cut</title>"
            "<link href=\"https://ilecourier.example/ferry\"/><id>tag:ile,1</id>"
            "<author><name>Seán Ó Súilleabháin</name></author>"
            f"<content type=\"html\">&lt;p&gt;Café owner José said so. {BODY * 3}&lt;/p&gt;"
            "</content></entry></feed>")
    (tmp_path / "latin.atom").write_bytes(feed.encode("latin-1"))
    (tmp_path / "bom.atom").write_bytes(b"\xef\xbb\xbf" + feed.encode("utf-8"))
    for name in ("latin.atom", "bom.atom"):
        (doc,) = list(read_inputs([str(tmp_path / name)], Config()))
        assert isinstance(doc, RawDocument), doc
        assert doc.metadata["author"] == "Seán Ó Súilleabháin", (name, doc.metadata)
        assert doc.metadata["title"] == "Café owners fear the ferry cut", (name, doc.metadata)
        assert "Café owner José said so." in doc.text, (name, doc.text[:200])


def test_gzipped_records_or_archives_under_any_name_are_read(tmp_path: Path) -> None:
    """The web form keeps an upload's suffix only when it knows it, so "day.ndjson.gz" was
    saved as a text file and refused, "looks like a gzip archive" (given by name it is read);
    "export.gz" of JSONL and "crawl.gz" of a WARC were "gzip file that is not a WARC archive",
    a wrong reason for the second. Gzipped bytes are read by what they hold, as from a pipe;
    other gzipped data says how to unpack it."""
    from warc_builders import Record, warc_bytes

    (tmp_path / "export.gz").write_bytes(gzip.compress(_records(3).encode()))
    page = ("<html><head><title>Night ferry to stop</title></head><body><article><p>"
            + BODY * 4 + "</p></article></body></html>")
    (tmp_path / "crawl.gz").write_bytes(
        warc_bytes([Record("https://dunmere.example/ferry", page.encode())], gzip=True))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(BODY.encode() * 4))
    items = list(read_inputs([str(tmp_path / n) for n in ("export.gz", "crawl.gz",
                                                           "notes.txt.gz")], Config()))
    assert [i.input for i in items if isinstance(i, RawDocument)] == [
        f"{tmp_path / 'export.gz'}#line-{k}" for k in (1, 2, 3)] + [
        f"{tmp_path / 'crawl.gz'}#https://dunmere.example/ferry"], items
    (refused,) = [i for i in items if isinstance(i, Rejection)]
    assert refused.input.endswith("notes.txt.gz") and "zcat" in refused.reason, refused
    upload = tmp_path / "upload-0.txt"  # how the web form saves "day.ndjson.gz"
    upload.write_bytes(gzip.compress(_records(2).encode()))
    assert [i.input for i in read_inputs([str(upload)], Config())] == [
        f"{upload}#line-1", f"{upload}#line-2"]


def test_a_records_year_first_slashed_date_is_read(tmp_path: Path) -> None:
    """An export writing "2026/11/22 10:00" left its records undated ("time unknown" on the
    timeline, out of the date filters): no slashed date was read, since "05/11/2026" may be
    either day first or month first. A year first is never followed by the day, so it is
    read; the ambiguous forms stay unread (their text kept)."""
    rows = [("2026/11/22", "2026-11-22"), ("2026/11/22 10:00 +0100", "2026-11-22T10:00:00+01:00"),
            ("2026/13/40", None), ("05/11/2026", None)]
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps({"url": f"https://dunmere.example/d{k}", "title": "Ferry",
                                        "published": written, "text": BODY * 3}) + "\n"
                            for k, (written, _) in enumerate(rows)))
    docs = [d for d in read_inputs([str(path)], Config()) if isinstance(d, RawDocument)]
    assert [d.metadata["published_iso"] for d in docs] == [iso for _, iso in rows], docs
    assert [d.metadata["published_text"] for d in docs] == [w for w, _ in rows]


def test_a_feeds_localised_month_abbreviation_gives_its_day(tmp_path: Path) -> None:
    """A French feed's "lun., 02 nov. 2026 08:00:00 +0100" (RFC 822 localised, a month's
    abbreviation with its full stop) gave the item no date at all, though "02 nov 2026" is
    read; a German "3 Okt. 2026" the same. The day is read; no instant is claimed."""
    items = "".join(f"<item><title>Ferry item {k}</title><link>https://dunmere.example/{k}</link>"
                    f"<pubDate>{date}</pubDate><description>{BODY * 3}</description></item>"
                    for k, date in enumerate(("lun., 02 nov. 2026 08:00:00 +0100",
                                              "3 Okt. 2026", "Mr. 2 2026")))
    path = tmp_path / "fr.rss"
    path.write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Le Port</title>"
                    f"{items}</channel></rss>")
    docs = [d for d in read_inputs([str(path)], Config()) if isinstance(d, RawDocument)]
    assert [d.metadata["published_iso"] for d in docs] == ["2026-11-02", "2026-10-03", None]


def test_feeds_joined_in_one_pipe_keep_their_own_outlets(tmp_path: Path) -> None:
    """A newsroom pipes its feeds in one go (``for f in …; do curl -s $f; done | parallax
    ingest -``). feedparser read the joined documents as one feed, so every item took the
    last feed's title: the Dunmere Post's items were labelled "Island Courier". Each
    document is read on its own now; items are numbered on, so each keeps its own name."""
    rss = ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
           "<title>Dunmere Post</title><link>https://dunmere.example/</link>"
           + "".join(f"<item><title>Post item {k}</title><link>/news/{k}</link><description>"
                     f"{BODY * 3}</description></item>" for k in range(2)) + "</channel></rss>\n")
    atom = ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Island Courier</title><link href='https://courier.example/'/>"
            "<entry><title>Courier item</title><link href='/ferry'/><id>c1</id>"
            f"<content type='html'>{BODY * 3}</content></entry></feed>\n")
    path = tmp_path / "joined.xml"
    path.write_text(rss + atom)
    docs = list(read_inputs([str(path)], Config()))
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [(d.input.rsplit("#", 1)[1], d.metadata["outlet"], d.metadata["url"]) for d in docs
            if isinstance(d, RawDocument)] == [
        ("item-1", "Dunmere Post", "https://dunmere.example/news/0"),
        ("item-2", "Dunmere Post", "https://dunmere.example/news/1"),
        ("item-3", "Island Courier", "https://courier.example/ferry")], docs


def test_pages_joined_by_a_shell_are_each_read(tmp_path: Path) -> None:
    """``curl -s URL1 URL2 | parallax analyze -`` writes the two pages one after the other;
    only the first page's article was read and the second was lost without a word. Each page
    is read on its own now, named ``-#page-N``; a stray doctype after a page's end (as one
    real test page has) stays part of that page."""
    def page(title: str, site: str) -> str:
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
                f"<meta property='og:site_name' content='{site}'></head><body><article>"
                f"<h1>{title}</h1>" + "".join(f"<p>{BODY} ({n})</p>" for n in range(4))
                + "</article></body></html>\n")

    joined = page("Night ferry to stop", "Dunmere Post") + page("Islanders object", "Coast Post")
    done = subprocess.run([sys.executable, "-c", "from parallax.cli import main; main()",
                           "extract", "-", "--json"], input=joined.encode(),
                          capture_output=True, cwd=tmp_path, timeout=600)
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [(r["input"], r["articles"][0]["outlet"], r["articles"][0]["title"]) for r in rows] \
        == [("-#page-1", "Dunmere Post", "Night ferry to stop"),
            ("-#page-2", "Coast Post", "Islanders object")], rows
    stray = tmp_path / "stray.html"
    stray.write_text(page("Night ferry to stop", "Dunmere Post") + "<!DOCTYPE HTML PUBLIC>\n")
    assert [i.input for i in read_inputs([str(stray)], Config())] == [str(stray)]


def test_a_delete_piped_to_head_keeps_its_not_found_exit(tmp_path: Path) -> None:
    """``parallax delete ID… --json | head -1`` ended with click's exit 1 once the reader was
    gone, whatever was found: a script could not tell that an id was not found (exit 2). The
    delete's report lines go nowhere then and its own exit code stands."""
    from parallax.store import open_store

    open_store(str(tmp_path / "news.db")).close()
    code, stderr = _closed_reader(tmp_path, "delete", "anosuch1", "anosuch2", "--db",
                                  "news.db", "--json")
    assert code == 2, stderr
    assert "no longer read" in stderr and "Traceback" not in stderr, stderr


def test_a_feed_items_html_escaped_twice_is_read_as_html(tmp_path: Path) -> None:
    """Some publishing systems escape an item's HTML twice ("&amp;lt;p&amp;gt;" in the feed):
    the article read "<p>The port authority …</p>", tags as words in its text, claims and
    quotes. A body that opens with an escaped tag and holds no tag of its own is unescaped
    once more (a script in it is dropped as on any page); prose that shows a tag keeps it."""
    from parallax.segment.heuristic import HeuristicSegmenter

    twice = ("&amp;lt;p&amp;gt;" + BODY * 3 + "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script"
             "&amp;gt;&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;" + BODY + "&amp;lt;/p&amp;gt;")
    prose = "Write &amp;lt;p&amp;gt; before each paragraph, the editor said. " + BODY * 3
    path = tmp_path / "twice.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Dunmere Post"
                    "</title>" + "".join(f"<item><title>Item {k}</title><link>https://dunmere"
                                         f".example/{k}</link><description>{d}</description>"
                                         "</item>" for k, d in enumerate((twice, prose)))
                    + "</channel></rss>")
    docs = [d for d in read_inputs([str(path)], Config()) if isinstance(d, RawDocument)]
    texts = [a.text for d in docs for a in HeuristicSegmenter(Config()).segment(d).articles
             if a.role == "main"]
    assert "<" not in texts[0] and "alert" not in texts[0], texts[0][:200]
    assert texts[0].startswith("The port authority of Dunmere"), texts[0][:200]
    assert texts[1].startswith("Write <p> before each paragraph"), texts[1][:200]


def test_a_feed_title_escaped_twice_reads_as_shown(tmp_path: Path) -> None:
    """A title escaped twice ("Ferry cut &amp;amp; islands" in the feed) was the title
    "Ferry cut &amp; islands"; feed readers show "Ferry cut & islands". A title still
    holding an entity is unescaped once more (markup in it read as its text, a script
    dropped)."""
    titles = ("Ferry cut &amp;amp; islands", "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script"
              "&amp;gt;Ferry vote", "Ferry cut &amp;#8211; islands react", "Fares rise 5%")
    path = tmp_path / "titles.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Dunmere Post"
                    "</title>" + "".join(f"<item><title>{t}</title><link>https://dunmere"
                                         f".example/{k}</link><description>{BODY * 3} {k}"
                                         "</description></item>" for k, t in enumerate(titles))
                    + "</channel></rss>")
    docs = [d for d in read_inputs([str(path)], Config()) if isinstance(d, RawDocument)]
    assert [d.metadata["title"] for d in docs] == [
        "Ferry cut & islands", "Ferry vote", "Ferry cut \u2013 islands react", "Fares rise 5%"]


def test_an_ingest_passes_over_its_own_database_in_the_folder_it_reads(tmp_path: Path) -> None:
    """``parallax ingest . --db news.db`` (the store kept beside the exports it reads) read
    the database, its WAL and shared-memory files as inputs: "binary input (contains NUL
    bytes)" three times and exit 1 on every run. The store's own files are passed over in a
    folder scan; a database of another name is still reported."""
    from typer.testing import CliRunner

    from parallax.cli import app

    (tmp_path / "day.jsonl").write_text(_records(2))
    (tmp_path / "other.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(tmp_path), "--db",
                                     str(tmp_path / "news.db"), "--json", "--workers", "1"])
        rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert [Path(r["input"]).name for r in rows if r.get("status") == "rejected"] == \
            ["other.db"], rows
        assert result.exit_code == 1, result.output
    assert (tmp_path / "news.db").exists()


def test_an_uploaded_csv_is_read_as_by_name(tmp_path: Path) -> None:
    """The web form kept only some endings and saved other uploads as text: a CSV export
    whose header names no record field became one article of comma-separated lines ("Ferry
    story 0,\\"The port …") where ``parallax ingest export.csv`` refuses it and says what to
    add. An upload keeps every ending the command line reads by name."""
    from tests.ingest_jobs import settled

    from parallax.web.jobs import IngestJobs

    rows = ["headline,body,source"] + [f'Ferry story {k},"{BODY}",Dunmere Post'
                                       for k in range(6)]
    jobs = IngestJobs(str(tmp_path / "news.db"), Config())
    job = settled(jobs.submit(files=[("export.csv", ("\n".join(rows) + "\n").encode())]))
    assert job.state == "done", job
    (outcome,) = job.outcomes
    assert outcome["status"] == "rejected" and "header row" in outcome["reason"], outcome
