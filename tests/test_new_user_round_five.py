"""A new user's session, round five (docs/robustness.md, twenty-eighth session, helper N5): a
fact-checker's folder of saved material and a researcher scripting Parallax. Each test here
failed before its fix. All inputs are made up here."""

from __future__ import annotations

from pathlib import Path

from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

BODY = ("The harbour board of Wexley voted on Thursday to close the old fish market by the "
        "end of March. Traders said they had not been asked before the vote was held. ")


def _page(title: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1><p>{BODY * 3}</p><p>{BODY * 2}</p></article>"
            "</body></html>")


def test_a_page_saved_complete_reads_the_page_not_its_resource_folder(tmp_path: Path) -> None:
    """"Save page as… complete" writes ``NAME.html`` and ``NAME_files/`` (scripts, styles,
    images, frames). A folder scan stored each script and style sheet as an article (its code
    as the text, labelled English, a story of its own) and listed the rest one by one. The
    folder is now one rejection naming its page; the page is read."""
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "Fish market closes.html").write_text(_page("Fish market closes"))
    files = saved / "Fish market closes_files"
    files.mkdir()
    (files / "app.js").write_text("(function(){ var links = document.querySelectorAll('a'); "
                                  "for (var i = 0; i < links.length; i++) { } })();\n" * 20)
    (files / "style.css").write_text("body { margin: 0 auto; max-width: 40em; }\n" * 40)
    (files / "widget.min.js.download").write_text("!function(e){'use strict';}(this);\n" * 60)
    (files / "saved_resource.html").write_text(_page("An advert frame"))
    (files / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    items = list(read_inputs([str(saved)], Config()))
    documents = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [Path(d.uri).name for d in documents] == ["Fish market closes.html"], items
    assert len(rejected) == 1, rejected
    assert rejected[0].input == str(files), rejected
    assert rejected[0].code == "E007", rejected
    assert "Fish market closes.html" in rejected[0].reason, rejected[0].reason
    assert "5 files" in rejected[0].reason, rejected[0].reason


def test_a_folder_named_like_resources_without_its_page_is_read(tmp_path: Path) -> None:
    """Only a folder beside the page it belongs to is set aside: a folder a user named
    ``notes_files`` holding pages is read."""
    files = tmp_path / "notes_files"
    files.mkdir()
    (files / "market.html").write_text(_page("Fish market closes"))
    items = list(read_inputs([str(tmp_path)], Config()))
    assert [type(i).__name__ for i in items] == ["RawDocument"], items


def test_a_script_or_style_sheet_is_no_article(tmp_path: Path) -> None:
    """A ``.js`` or ``.css`` file given by name was a text dump: its code stored as an
    article. Each is rejected saying what it is (any spelling of the suffix, a ``.download``
    left by a browser included); a dump beside it is read."""
    for name in ("app.js", "STYLE.CSS", "module.mjs", "vendor.js.download", "bundle.js.map"):
        path = tmp_path / name
        path.write_text("var market = { closes: 'March' }; // harbour board\n" * 30)
        items = list(read_inputs([str(path)], Config()))
        assert len(items) == 1 and isinstance(items[0], Rejection), (name, items)
        assert items[0].code == "E007", items
        assert "not a page" in items[0].reason, items[0].reason
    dump = tmp_path / "market.txt"
    dump.write_text("Fish market closes\n\n" + BODY * 4)
    assert isinstance(next(iter(read_inputs([str(dump)], Config()))), RawDocument)


def test_an_uploaded_script_is_no_article(tmp_path: Path) -> None:
    """The web form kept an upload's suffix only for the kinds it knew, so ``app.js`` was
    saved as ``.txt`` and stored as a text dump; the upload now keeps ``.js``/``.css`` and is
    refused as a file name given on the command line is."""
    from fastapi.testclient import TestClient
    from tests.ingest_jobs import ingested

    from parallax.web.app import create_app
    from parallax.web.security import hash_token

    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False})
    client = TestClient(create_app(str(tmp_path / "up.db"), config,
                                   token_hash=hash_token("made-up-token")))
    code = b"var market = { closes: 'March' }; // harbour board of Wexley\n" * 30
    job = ingested(client, "made-up-token", ("app.js", code), ("site.css", code))
    outcomes = job["outcomes"]
    assert [o["code"] for o in outcomes] == ["E007", "E007"], outcomes
    assert all("not a page" in o["reason"] for o in outcomes), outcomes


def test_a_portuguese_article_opening_a_sentence_is_no_organisation() -> None:
    """Outside English, Russian and Ukrainian names come from capitalised words, and one in
    capitals of up to six letters was an organisation's acronym: a Portuguese sentence opening
    with the article "O" or "A" gave the entity "O" (ORG) three times in one made-up report,
    an entity page that would gather every Portuguese article. A single letter opening a
    sentence is no acronym; the people named stay."""
    from parallax.enrich.ner import make_multilingual
    from parallax.enrich.sentences import split_sentences
    from parallax.records import Article, Published

    text = ("O conselho municipal de Porto Lindo aprovou na terça-feira um novo horário. "
            "A prefeita Helena Duarte disse que o combustível subiu um terço. "
            "O líder dos pescadores, Rui Matos, criticou a votação. "
            "E os comerciantes temem menos visitantes no inverno.")
    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language="pt")
    article.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(article)
    names = {(m.text, m.type) for m in article.entities}
    assert not any(len(name) == 1 for name, _ in names), names
    assert ("Helena Duarte", "PERSON") in names and ("Rui Matos", "PERSON") in names, names


def _saved_page(footer: str, byline: str = "") -> str:
    return (f"<html><head><title>Fish market closes</title></head><body><article>"
            f"<h1>Fish market closes</h1>{byline}<p>{BODY * 3}</p><p>{BODY * 2}</p></article>"
            f"<footer>{footer}</footer></body></html>")


def test_a_copyright_year_is_no_publication_day(tmp_path: Path) -> None:
    """A saved page that shows no date but its footer's "© 2026" was published
    "2026-01-01": the date search falls back to the copyright year and writes it as New
    Year's Day, a day the page never states (and a site's copyright year is this year's, not
    the article's). The story's timeline and date filters read it. No date now; a page that
    does state a day keeps it."""
    from parallax.segment.htmlpage import segment_html

    for footer in ("© 2026 Wexley Gazette", "Copyright 2019-2026 Wexley Gazette. All rights "
                   "reserved."):
        assert segment_html(_saved_page(footer)).published is None, footer
    stated = segment_html(_saved_page("© 2026 Wexley Gazette",
                                      "<p>Published 1 January 2026</p>"))
    assert stated.published is not None and "2026" in stated.published, stated.published
    later = segment_html(_saved_page("© 2026 Wexley Gazette", "<p>Posted 3 March 2026</p>"))
    assert later.published == "2026-03-03", later.published


def test_an_article_set_in_a_layout_table_reads_without_cell_bars() -> None:
    """Pages of the 2000s set their article in a layout table, one cell a row, and
    trafilatura writes each row as "| cell |": every paragraph of such an article opened and
    closed with a bar, in the article page, the claims and the quotes (336 of 1,828
    training-site pages hold such rows). A row of one cell is its text; a row of several
    cells keeps its bars, which say where each cell ends."""
    from parallax.segment.htmlpage import segment_html

    rows = "".join(f"<tr><td>{sentence.strip()}.</td></tr>" for sentence in BODY.split(".")
                   if sentence.strip())
    page = ("<html><head><title>Fish market closes</title></head><body><table>"
            "<tr><td><b>Fish market closes after ninety years</b></td></tr>"
            f"{rows}<tr><td>Opening hours</td><td>Mon-Sat 6-14</td></tr>"
            "</table></body></html>")
    paragraphs = segment_html(page).paragraphs
    assert any(p.startswith("The harbour board of Wexley voted") for p in paragraphs), paragraphs
    assert not any(p.startswith("| ") and " | " not in p[2:-2] for p in paragraphs), paragraphs
    assert any(" | " in p for p in paragraphs), paragraphs  # the two-cell row keeps its bar


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wexley Gazette</title><id>urn:wexley</id>
<updated>2026-12-03T10:00:00Z</updated>
<entry><title>Fish market closes</title><link href="2026/12/fish-market"/><id>urn:1</id>
<updated>2026-12-03T09:00:00Z</updated><content type="html">&lt;p&gt;{body}&lt;/p&gt;</content>
</entry>
<entry><title>Quay repairs</title><link href="/2026/12/quay"/><id>urn:2</id>
<updated>2026-12-02T09:00:00Z</updated></entry>
</feed>"""


def test_a_saved_feeds_relative_links_are_said_to_be_relative(tmp_path: Path) -> None:
    """A feed saved as a file whose items link relatively ("2026/12/fish-market") and that
    names no address to read them against: with ``--follow-links`` the link was refused as
    "only http(s) addresses are fetched, not 2026/12/fish-market: ones (…)", and without it
    an item of a link alone was told to "re-run with --follow-links", which cannot fetch it
    either. Each now says the link is relative and what to give instead; the item's text is
    stored, and nothing is fetched."""
    path = tmp_path / "wexley.atom"
    path.write_text(ATOM.format(body=BODY * 3))
    for follow in (False, True):
        config = Config()
        config.values["follow_feed_links"] = follow
        items = list(read_inputs([str(path)], config))
        stored = [i for i in items if isinstance(i, RawDocument)]
        assert [d.metadata["title"] for d in stored] == ["Fish market closes"], items
        reasons = [i.reason for i in items if isinstance(i, Rejection)]
        assert len(reasons) == (2 if follow else 1), reasons
        assert all("relative" in r and "ones (" not in r for r in reasons), reasons
        assert not any("re-run with --follow-links" in r for r in reasons), reasons


def test_a_page_without_an_article_leaves_stderr_to_parallax(tmp_path: Path) -> None:
    """A frame or advert page a browser saved (almost no text) is rejected with Parallax's own
    reason, and trafilatura's log line "WARNING trafilatura.core: discarding data: None" came
    on stderr beside it: noise a script reading ``--json`` had to filter, saying nothing the
    rejection does not. With the default log level, stderr holds only Parallax's lines."""
    import json
    import subprocess
    import sys

    page = tmp_path / "frame.html"
    page.write_text("<html><body><iframe src='advert.html'></iframe></body></html>")
    done = subprocess.run([sys.executable, "-c", "from parallax.cli import main; main()",
                           "extract", str(page), "--json"], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 1, done
    assert json.loads(done.stdout.splitlines()[0])["code"] == "E009", done.stdout
    assert done.stderr == "", done.stderr


def _zip(*members: tuple[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_word_document_or_pdf_is_named_and_the_way_in_said(tmp_path: Path) -> None:
    """A fact-checker's folder holds PDFs and word-processor files. A .docx was "a ZIP archive
    (or office document)", a PDF "a PDF document", neither saying what to do; each is now
    named and told how to give its text (a plain ZIP: unpack it)."""
    kinds = {
        "memo.docx": (_zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")),
                      "Word document"),
        "figures.xlsx": (_zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<w/>")),
                         "spreadsheet"),
        "notes.odt": (_zip(("mimetype", "application/vnd.oasis.opendocument.text")),
                      "OpenDocument text"),
        "book.epub": (_zip(("mimetype", "application/epub+zip")), "e-book"),
        "report.pdf": (b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "PDF document"),
        "pages.zip": (_zip(("a.html", "<html></html>")), "ZIP archive"),
    }
    for name, (data, kind) in kinds.items():
        path = tmp_path / name
        path.write_bytes(data)
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, Rejection) and item.code == "E003", (name, item)
        assert kind in item.reason, (name, item.reason)
        advice = "unpack it" if name.endswith(".zip") else "save"
        assert advice in item.reason, (name, item.reason)


def test_a_page_a_browser_saved_keeps_the_address_it_was_saved_from(tmp_path: Path) -> None:
    """Browsers mark a page they save with the address it came from ("<!-- saved from
    url=(0045)https://… -->"): a fact-checker's evidence of where the page was. It was
    dropped, so the article had no address (no link to the source, no ``--replace`` by
    address). The address is the article's now; a relative time on the page is still not
    read against the day of the ingest, which is not the day the page was saved."""
    from parallax.segment.heuristic import HeuristicSegmenter

    address = "https://gazette.example/2026/12/02/fish-market"
    page = (f"<!DOCTYPE html>\n<!-- saved from url=({len(address):04d}){address} -->\n"
            + _saved_page("", "<p class='byline'><time>5 hours ago</time></p>"))
    path = tmp_path / "Fish market closes.html"
    path.write_text(page)
    (doc,) = list(read_inputs([str(path)], Config()))
    assert isinstance(doc, RawDocument), doc
    (article,) = [a for a in HeuristicSegmenter(Config()).segment(doc).articles
                  if a.role == "main"]
    assert article.url == address, article.url
    assert article.published.iso is None or article.published.iso.startswith("2026-12-02"), \
        article.published
    ie = tmp_path / "ie.html"  # Internet Explorer's mark of a page saved from nowhere
    ie.write_text("<!-- saved from url=(0014)about:internet -->\n" + _saved_page(""))
    (other,) = list(read_inputs([str(ie)], Config()))
    assert isinstance(other, RawDocument) and "url" not in other.metadata, other


def test_a_link_shortcut_is_its_address_not_an_empty_page(tmp_path: Path) -> None:
    """A bookmark dragged into the folder (Windows ``.url``, macOS ``.webloc``) was "no
    article found: the main text has 0 characters", as if the page had no article. It is the
    address it holds: inside a folder reported, not fetched (as a list of addresses is);
    given by name it is fetched, so the address guard sees it first."""
    address = "http://10.0.0.5/2026/12/02/fish-market"  # internal: refused before any request
    shortcuts = {
        "Fish market.url": f"[InternetShortcut]\r\nURL={address}\r\nIconIndex=0\r\n",
        "Fish market.webloc": (
            '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n'
            f"\t<key>URL</key>\n\t<string>{address}</string>\n</dict>\n</plist>\n"),
    }
    folder = tmp_path / "links"
    folder.mkdir()
    for name, text in shortcuts.items():
        (folder / name).write_text(text)
    reported = list(read_inputs([str(folder)], Config()))
    assert all(isinstance(i, Rejection) and i.code == "E007" for i in reported), reported
    assert all(address in i.reason and "nothing is fetched" in i.reason for i in reported
               if isinstance(i, Rejection)), reported
    for name in shortcuts:
        (item,) = list(read_inputs([str(folder / name)], Config()))
        assert isinstance(item, Rejection) and item.code == "E011", item  # the guard's
        assert item.input == f"{folder / name}#{address}", item


def test_a_safari_archive_or_an_outlook_message_is_named(tmp_path: Path) -> None:
    """Safari saves pages as ``.webarchive`` and Outlook mails as ``.msg``: both were "binary
    data (contains NUL bytes)", which names neither nor says what to do."""
    kinds = {"page.webarchive": (b"bplist00\xd1\x01\x02_\x10\x0fWebMainResource\x00\x01",
                                 "Safari web archive"),
             "tip.msg": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "Outlook message")}
    for name, (data, kind) in kinds.items():
        path = tmp_path / name
        path.write_bytes(data)
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, Rejection) and item.code == "E003", item
        assert kind in item.reason and "save" in item.reason, item.reason


def test_an_ingest_whose_json_reader_stops_still_stores_everything(tmp_path: Path) -> None:
    """A researcher peeks at an ingest's report: ``parallax ingest day.jsonl --json | head``.
    When ``head`` closed the pipe the ingest stopped at the next line, silently, with exit 1
    ("some inputs rejected"): 4 of 1,000 records stored and no story made. The report is
    what the reader stopped reading, not the work: the ingest goes on, says once on stderr
    that its lines are no longer read, and ends with the usual exit code."""
    import json
    import sqlite3
    import subprocess
    import sys

    records = tmp_path / "day.jsonl"
    records.write_text("".join(json.dumps({
        "url": f"https://wexley.example/{n}", "title": f"Fish market closes, part {n}",
        "outlet": "Wexley Gazette", "text": f"Part {n}. " + BODY * 3}) + "\n"
        for n in range(12)))
    db = tmp_path / "day.db"
    child = subprocess.Popen([sys.executable, "-c", "from parallax.cli import main; main()",
                              "ingest", str(records), "--db", str(db), "--json",
                              "--workers", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # what "| head -1" does
    stderr = child.stderr.read()
    assert child.wait(timeout=600) == 0, stderr
    assert json.loads(first)["status"] == "ok", first
    assert "no longer read" in stderr, stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (12,)
        assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] >= 1


def test_a_month_alone_is_no_publication_day() -> None:
    """A month alone on a page ("the 2025-09 term", an archive link "September 2025") became
    its first day, "2025-09-01", as a year became New Year's Day; a month is no date the
    stories can compare (as for a URL's month). A first of the month the page writes stays."""
    from parallax.segment.htmlpage import segment_html

    for extra in ("<p>Timetable for the 2025-09 term.</p>",
                  "<p>Archive: <a href='/2025/09/'>September 2025</a></p>"):
        assert segment_html(_saved_page("", extra)).published is None, extra
    for stated in ("<p>Posted 1 September 2025</p>", "<p>Posted 2025-09-01</p>"):
        assert segment_html(_saved_page("", stated)).published == "2025-09-01", stated


def test_a_chat_export_is_no_article(tmp_path: Path) -> None:
    """A tip-line chat exported as text (WhatsApp, Android and iOS forms) was one article
    titled with its first message, labelled opinion with Loaded_Language spans and claims
    opening with a time stamp. It is refused as a chat, saying how to read the pages it
    shares; a news dump with times in it stays a dump."""
    android = "\n".join(
        f"0{3 + n // 10}/12/2026, {9 + n % 10}:{n % 6}5 - Sender {n % 3}: message number {n} "
        "about the fish market" + (" https://gazette.example/fish" if n == 4 else "")
        for n in range(20))
    ios = "\n".join(f"[03.12.26, 09:{n:02d}:11] Sender {n % 2}: a message about the quay {n}"
                    for n in range(8))
    for name, text in (("WhatsApp Chat with Tips.txt", android), ("_chat.txt", ios)):
        path = tmp_path / name
        path.write_text(text + "\n")
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, Rejection) and item.code == "E007", item
        assert "chat export" in item.reason, item.reason
    assert "shares 1 web address: put it in a .txt file" in \
        next(iter(read_inputs([str(tmp_path / "WhatsApp Chat with Tips.txt")], Config()))).reason
    news = tmp_path / "live.txt"
    news.write_text("Fish market closes\n\n" + "\n\n".join(
        f"03/12/2026, 09:{n:02d} - {BODY}" if n < 3 else BODY for n in range(8)))
    assert isinstance(next(iter(read_inputs([str(news)], Config()))), RawDocument)


SPOKEN = ("The harbour board met on Thursday.", "We will close the old fish market in March.",
          "Traders were not asked, and they are angry.", "A new hall opens by the quay next year.")


def _srt() -> str:
    return "\n".join(f"{n + 1}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 2:02d},000\n"
                     f"{SPOKEN[n % 4]}\n" for n in range(24))


def _vtt() -> str:
    cues = "\n".join(f"cue-{n}\n00:{2 * n:02d}.000 --> 00:{2 * n + 2:02d}.000\n"
                     f"<v Harbour master>{SPOKEN[n % 4]}</v>\n{SPOKEN[n % 4]}\n"
                     for n in range(24))
    return f"WEBVTT\n\nNOTE made up for a test\n\n{cues}"


def test_a_videos_subtitles_are_read_as_its_transcript(tmp_path: Path) -> None:
    """A video's ``.srt``/``.vtt`` was a text dump: the article's paragraphs alternated spoken
    lines with cue numbers and timings ("00:00:02,000 --> 00:00:04,000"), so sentences and
    claims were strewn with time stamps. The cues' words are the article now (markup,
    the header, notes and a caption repeated by the next cue left out), also without the
    suffix."""
    from parallax.segment.heuristic import HeuristicSegmenter

    for name, text in (("interview.srt", _srt()), ("interview.vtt", _vtt()),
                       ("captions.txt", _srt())):
        path = tmp_path / name
        path.write_text(text)
        (doc,) = list(read_inputs([str(path)], Config()))
        assert isinstance(doc, RawDocument), (name, doc)
        (article,) = [a for a in HeuristicSegmenter(Config()).segment(doc).articles
                      if a.role == "main"]
        assert "-->" not in article.text and "cue-" not in article.text, article.text[:300]
        assert "<v" not in article.text and "NOTE" not in article.text, article.text[:300]
        assert not any(p.strip().isdigit() for p in article.text.split("\n")), article.text
        assert article.text.count("We will close the old fish market in March.") == 6, name


def test_a_telegram_export_is_no_news_record(tmp_path: Path) -> None:
    """Telegram's "Export chat history" writes ``result.json``: one object whose
    ``messages`` list holds the posts. It was read as one news record and refused as "record 1
    has neither 'text' nor 'html'", which sends a user looking for a broken field; it is
    refused as the chat export it is, as a WhatsApp export is."""
    import json

    messages = [{"id": n, "type": "message", "date": f"2026-12-03T09:{n:02d}:00",
                 "from": "Wexley Watch", "text": f"Update {n}: the fish market vote moved."}
                for n in range(9)]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Wexley Watch", "type": "private_supergroup", "id": 7,
                                "messages": messages}, indent=1))
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, Rejection) and item.code == "E007", item
    assert "Telegram" in item.reason and "9 messages" in item.reason, item.reason


def test_a_gzipped_jsonl_export_is_read_record_by_record(tmp_path: Path) -> None:
    """Research exports come as ``day.jsonl.gz``; it was refused whole ("gzip file that is not
    a WARC archive; unpack it first"). It is read as its JSONL is, streamed; a stream cut off
    keeps the records before the cut and says so, where it was an internal error."""
    import gzip
    import json

    lines = "".join(json.dumps({"url": f"https://wexley.example/{n}", "title": f"Part {n}",
                                "text": BODY * 3}) + "\n" for n in range(40))
    path = tmp_path / "day.jsonl.gz"
    path.write_bytes(gzip.compress(lines.encode()))
    items = list(read_inputs([str(path)], Config()))
    assert len(items) == 40 and all(isinstance(i, RawDocument) for i in items), items[:2]
    assert items[0].input == f"{path}#line-1", items[0].input
    cut = tmp_path / "cut.ndjson.gz"
    whole = gzip.compress(lines.encode())
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(read_inputs([str(cut)], Config()))
    kept = [i for i in items if isinstance(i, RawDocument)]
    (rejected,) = [i for i in items if isinstance(i, Rejection)]
    assert 0 < len(kept) < 40 and rejected.code == "E008", rejected
    assert "cut off" in rejected.reason and f"{len(kept)} records" in rejected.reason, rejected


def test_batch_takes_a_gzipped_jsonl_shard(tmp_path: Path) -> None:
    """``parallax batch exports/`` passed over ``day.jsonl.gz`` ("no WARC, JSONL or Parquet
    shard here"); it is a shard, read as ``ingest`` reads it."""
    import gzip

    from parallax.batch.partitions import plan

    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "day.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n'))
    partitions, rejected = plan([str(folder)])
    assert [Path(p.shard).name for p in partitions] == ["day.jsonl.gz"], (partitions, rejected)
    assert rejected == [], rejected
