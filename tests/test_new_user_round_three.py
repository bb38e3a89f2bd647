"""A new user's session, round three (docs/robustness.md, twenty-sixth session, helper N2): what
the twenty-fifth session left (a cut title read twice, whole titles stored before the cut,
address lists without a cap) and the README's paths walked again. Each test here failed before
its fix. All inputs are made up here."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from tests.ingest_jobs import finished
from tests.old_store import store_old_article

from parallax.compare.render import comparison_view, render_markdown
from parallax.frame import role_gate
from parallax.frame.trained import TrainedFraming, _Context
from parallax.records import Article, Mention, PortrayalLabel, Published, Story
from parallax.settings import Config
from parallax.store import open_store
from parallax.stories.profile import profile_of
from parallax.titles import TITLE_MAX_CHARS, cap_title, shown
from parallax.web.app import create_app
from parallax.web.jobs import upload_name
from parallax.web.security import hash_token

#: a lead paragraph a dump put in the title's place: one war cue ("Kyiv") in its first 300
#: characters, none after; the body below it names the war nowhere
LEAD = ("Councillor Mara Velt said on Monday that the ferry talks held in Kyiv last spring had "
        "taught the harbour board of Port Ellery how to keep a timetable through a strike, and "
        "that the board would publish its own plan for the winter sailings before the end of "
        "the month, after the crews and the company have both seen it, the harbour office said "
        "in a statement that also listed the evening sailings added since the crews went back "
        "to work at the quay.")
BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike. Passengers had waited for hours on the quay since Friday.")


def _cut_article() -> Article:
    title, paragraphs, note = cap_title(LEAD, [BODY])
    assert note is not None and len(title) <= TITLE_MAX_CHARS and "Kyiv" in title
    text = "\n\n".join(paragraphs)
    velt = [Mention("Mara Velt", at, at + 9, "PERSON", "Mara Velt")
            for at in (text.index("Mara Velt"),)]
    return Article(id="c1", role="main", title=title, outlet=None, published=Published(),
                   text=text, language="en", entities=velt, notes=[note])


def test_a_cut_title_is_read_once_as_the_texts_first_paragraph_not_again_as_a_title() -> None:
    article = _cut_article()
    assert article.text.count("Kyiv") == 1
    ctx = _Context(SimpleNamespace(document=np.zeros(4)), False)  # type: ignore[arg-type]
    # one war cue, read once: no war domain (two cues are needed); read as title and text,
    # the cue counted twice and the ferry story got the war's narratives and roles
    assert TrainedFraming._domains(SimpleNamespace(side=None), article, ctx) == set()  # type: ignore[arg-type]
    velt = role_gate.Candidate("Mara Velt", article.entities, 0,
                               PortrayalLabel("Mara Velt", "neutral", 0.5, 1), None, None)
    (row,) = role_gate.entity_rows(article, [velt], set(), 3)
    col = {name: i for i, name in enumerate(role_gate.FEATURES)}
    assert row[col["in_title"]] == 0 and row[col["in_lead"]] == 1
    # a headline within the cap is still a title
    article.title, article.notes = "Mara Velt on the ferry timetable", []
    (row,) = role_gate.entity_rows(article, [velt], set(), 3)
    assert row[col["in_title"]] == 1


#: a title stored whole before the twenty-fifth session's cut: 2,000 characters of distinct
#: made-up words, so a page that shows it whole holds this exact string
STORED = " ".join(f"quay{n}" for n in range(400))


def test_a_title_stored_whole_before_the_cut_is_shown_cut_on_every_page(
        tmp_path: Path) -> None:
    text = "The made-up ferry left the harbour of Tollby late, said a clerk there."
    path = tmp_path / "old.db"
    store, article = store_old_article(path, STORED, text, 1)
    store.replace_stories([Story(id="s-old", title=STORED, main_count=1,
                                 article_ids=[article.id], outlets=["Coast Post"])],
                          [(article.id, profile_of(article).to_json())])
    store.close()
    comparison: dict[str, Any] = {
        "story": {"title": STORED, "outlets": ["Coast Post"]},
        "outlets": [{"outlet": "Coast Post", "articles": [{"id": article.id, "title": STORED}]}],
        "timeline": [{"article_id": article.id, "outlet": "Coast Post", "title": STORED,
                      "published": "2026-05-02"}]}
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False})
    client = TestClient(create_app(str(path), config, token_hash=hash_token("made-up-token"),
                                   comparison_for=lambda store, story_id: comparison))
    cut = shown(STORED)
    assert len(cut) <= TITLE_MAX_CHARS and cut.endswith("…")
    for route in ("/", f"/article/{article.id}", "/search?q=quay0", "/outlet/Coast Post",
                  f"/article/{article.id}/delete", "/story/s-old", "/story/s-old/report.html",
                  "/story/s-old/report.md"):
        page = client.get(route)
        assert page.status_code == 200, route
        # the article page shows it whole once more, said to be (test_review_twentysixth.py)
        shows = page.text.split("<dt>Title</dt>")[0] if route.endswith(article.id) \
            else page.text
        assert STORED not in shows and cut in shows, route
    view = comparison_view(comparison)
    assert STORED not in render_markdown(comparison) and view["story"]["title"] == cut


def _address_client(tmp_path: Path, cap: int) -> TestClient:
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False,
                          "web_max_addresses": cap})
    return TestClient(create_app(str(tmp_path / "lists.db"), config,
                                 token_hash=hash_token("made-up-token")))


def test_a_job_fetches_at_most_the_address_cap_from_the_box_and_the_lists_together(
        tmp_path: Path) -> None:
    """An uploaded or pasted list of addresses (a 20 MB upload, a 5 MB form field) was not held
    to the address box's 20,000 characters: one job could fetch ~100,000 addresses."""
    assert Config()["web_max_addresses"] == 1000
    client = _address_client(tmp_path, 3)
    auth = {"Authorization": "Bearer made-up-token"}
    listed = "".join(f"http://10.0.0.5/page-{n}\n" for n in range(4)).encode()
    over = client.post("/api/ingest", headers=auth, files=[("files", ("urls.txt", listed))])
    assert over.status_code == 422, over.text
    detail = over.json()["detail"]
    assert "4 web addresses" in detail and "at most 3" in detail
    assert f"{upload_name('urls.txt', listed)}: 4" in detail
    # the box and a pasted list count together; the page form says the same
    pasted = client.post("/api/ingest", headers=auth,
                         data={"text": "# mine\nhttp://10.0.0.5/a\nhttp://10.0.0.5/b\n",
                               "urls": "http://10.0.0.5/c http://10.0.0.5/d"})
    assert pasted.status_code == 422 and "4 web addresses" in pasted.json()["detail"]
    form = client.post("/ingest", data={"token": "made-up-token", "urls": "http://10.0.0.5/c",
                                        "text": "http://10.0.0.5/a\nhttp://10.0.0.5/b\n"
                                                "http://10.0.0.5/e\n"})
    assert form.status_code == 422 and "at most 3" in form.text
    # within the cap the job runs; each address is its own outcome (refused by the guard,
    # so no request leaves this machine)
    sent = client.post("/api/ingest", headers=auth, data={"urls": "http://10.0.0.5/c"},
                       files=[("files", ("urls.txt", listed[:46]))])
    assert sent.status_code == 202, sent.text
    job = finished(client, sent.json())
    assert [o["code"] for o in job["outcomes"]] == ["E011"] * 3


def test_serve_on_a_port_out_of_range_or_in_use_says_what_to_do(tmp_path: Path) -> None:
    """``serve --port 99999`` was an internal error ("E099 … This is a bug", a traceback); a
    port in use was uvicorn's "[Errno 98] … address already in use", exit 3, and no advice."""
    import socket

    from typer.testing import CliRunner

    from parallax.cli import app

    db = tmp_path / "w.db"
    open_store(db).close()
    runner = CliRunner()
    out = runner.invoke(app, ["serve", "--db", str(db), "--port", "99999"])
    assert out.exit_code == 2 and "E099" not in out.output and "65535" in out.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = runner.invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert out.exit_code == 2, out.output
    assert f"port {port}" in out.output and "--port" in out.output and "in use" in out.output


def _warc(pages: int) -> bytes:
    """An uncompressed WARC of ``pages`` made-up HTML responses."""
    from tests.warc_builders import Record, warc_bytes

    return warc_bytes((Record(f"https://coast.example/quay-{n}", (
        f"<html><body><article><h1>Quay works, part {n}</h1><p>{BODY} Part {n} of the "
        "harbour board's notes.</p></article></body></html>").encode(),
        "text/html; charset=utf-8") for n in range(pages)), gzip=False)


def test_a_warc_gzipped_whole_is_read_not_called_corrupt(tmp_path: Path) -> None:
    """``gzip crawl.warc`` makes one gzip stream, not one member a record as WARC tools write:
    warcio read the first record and stopped, and the file was "truncated or corrupt after 1
    records (1 documents kept) … records after it are lost, fetch the file again"."""
    import gzip

    from parallax.ingest import read_inputs
    from parallax.records import RawDocument, Rejection

    whole = gzip.compress(_warc(3))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(whole)
    items = list(read_inputs([str(path)], Config()))
    assert [i.uri for i in items if isinstance(i, RawDocument)] == [
        f"https://coast.example/quay-{n}" for n in range(3)], items
    assert not [i for i in items if isinstance(i, Rejection)]
    # cut short, it is still truncated, and the records before the cut are kept
    path.write_bytes(whole[:-40])
    items = list(read_inputs([str(path)], Config()))
    assert isinstance(items[0], RawDocument) and isinstance(items[-1], Rejection)
    assert "truncated or corrupt" in items[-1].reason


def test_a_jsonl_record_with_a_lone_surrogate_escape_is_read(tmp_path: Path) -> None:
    """JSON allows ``"\\ud800"`` (half of a pair), and Python reads it as a lone surrogate,
    which no text encoding can write: the record was "could not segment the page:
    UnicodeEncodeError … surrogates not allowed", with a traceback in the log."""
    import json

    from typer.testing import CliRunner

    from parallax.cli import app

    export = tmp_path / "odd.jsonl"
    export.write_text(
        '{"title": "Quay works \\ud800 end", "text": "' + BODY + " " + BODY
        + ' Half a pair: \\udc00.", '
        '"outlet": "Coast \\ud83d\\ude00 Post"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(export), "--json"])
    assert result.exit_code == 0, result.output
    (article,) = json.loads(result.stdout.splitlines()[0])["articles"]
    assert article["title"] == "Quay works \ufffd end" and "pair: \ufffd." in article["text"]
    assert article["outlet"] == "Coast \U0001f600 Post"  # a whole pair is one character


def test_a_feed_with_a_character_reference_to_no_character_is_read(tmp_path: Path) -> None:
    """``&#xD800;`` (half of a UTF-16 pair) in one item's title made feedparser raise, and the
    whole feed was "E099 could not read this input: UnicodeEncodeError … please report this
    input as a bug": every item lost. References past U+10FFFF raised too."""
    from parallax.ingest import read_inputs
    from parallax.records import RawDocument, Rejection

    items = "".join(
        f"<item><title>Quay works {ref} {n}</title><link>https://coast.example/{n}</link>"
        f"<description>{BODY} {BODY} Item {n}.</description></item>"
        for n, ref in enumerate(("&#xD800;", "&#56320;", "&#x110000;", "&amp; fine")))
    feed = tmp_path / "quay.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    read = list(read_inputs([str(feed)], Config()))
    assert not [r for r in read if isinstance(r, Rejection)], read
    titles = [r.metadata["title"] for r in read if isinstance(r, RawDocument)]
    assert titles == ["Quay works \ufffd 0", "Quay works \ufffd 1", "Quay works \ufffd 2",
                      "Quay works & fine 3"]


def test_batch_of_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    """The README: a missing path is ``E001``, an error on stderr and exit 2. ``batch`` said
    "rejected nosuch: no such file or folder" and exited 1, as for a rejected record."""
    from typer.testing import CliRunner

    from parallax.cli import app

    out = CliRunner().invoke(app, ["batch", str(tmp_path / "nosuch"), "--out",
                                   str(tmp_path / "run1"), "--workers", "1"])
    assert out.exit_code == 2, out.output
    assert "path not found" in out.output and "nosuch" in out.output


def test_compare_out_naming_a_folder_says_to_give_a_file_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``compare ID --out .`` was "cannot write .: Is a directory", and no word of what to
    give instead."""
    import typer

    from parallax.cli import write_output

    with pytest.raises(typer.Exit) as stop:
        write_output(tmp_path, "report")
    assert stop.value.exit_code == 2 and not any(tmp_path.iterdir())
    said = " ".join(capsys.readouterr().err.split())
    assert "is a folder" in said and "give a file name" in said


def test_a_first_line_the_title_check_withholds_is_reported_not_dropped() -> None:
    """The README: "a first line followed by a blank line is the title". When the title check
    (``segment/titlecheck.py``) did not let it stand (here a German headline whose compound
    words the text does not repeat), the line was in neither the title, the text nor the
    boilerplate: gone from everything the page shows."""
    from parallax.segment.textdump import segment_text

    headline = "Hafenarbeiten am Kai beendet"
    dump = (f"{headline}\n\nDie Hafenverwaltung teilte am Dienstag mit, dass die Arbeiten am "
            "Kai zwei Wochen früher als geplant abgeschlossen wurden. Die Abendfähren nutzen ab "
            "Freitag den neuen Liegeplatz.\n\nDie Besatzungen begrüßten die Änderung, sagte ein "
            "Sprecher der Gewerkschaft, weil der alte Liegeplatz bei Flut überschwemmt wurde.\n\n"
            "Der Stadtrat stimmt im nächsten Monat über den neuen Fahrplan ab, nach einer "
            "Versammlung im Rathaus.\n")
    seg = segment_text(dump)
    (main,) = [a for a in seg.articles if a.role == "main"]
    kept = [main.title, *main.paragraphs, *(b.text for b in seg.boilerplate)]
    assert headline in kept
    if main.title != headline:
        assert [b.kind for b in seg.boilerplate if b.text == headline] == ["unconfirmed_title"]


def test_an_empty_db_path_is_refused_not_a_temporary_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--db "$DB"`` with the variable unset: SQLite opened a temporary database for the
    empty name, so ``ingest`` said "stored 1 … 1 stories in " and the article was gone when
    the command ended (and a file "-stories.lock" was left in the folder)."""
    from typer.testing import CliRunner

    from parallax.cli import app

    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.txt"
    page.write_text(f"Harbour talks resume\n\n{BODY} {BODY}\n", encoding="utf-8")
    runner = CliRunner()
    for args in (["ingest", str(page)], ["stories"], ["serve"], ["delete", "a1"]):
        out = runner.invoke(app, [*args, "--db", " "])
        assert out.exit_code == 2, (args, out.output)
        assert "--db" in out.output and "empty" in out.output, out.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_batch_on_a_local_cluster_prints_no_dask_chatter(tmp_path: Path) -> None:
    """``parallax batch`` printed 24 lines of Dask's INFO log ("Scheduler at: tcp://…",
    "Start Nanny at …", "please install jupyter-server-proxy: python -m pip install …")
    around its own two, though Parallax logs warnings only (``PARALLAX_LOG``)."""
    import json
    import os
    import subprocess
    import sys

    shard = tmp_path / "b.jsonl"
    shard.write_text(json.dumps({"title": "Sailings added", "text": f"{BODY} {BODY}",
                                 "outlet": "Coast Post"}) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PARALLAX_LOG"}
    done = subprocess.run([sys.executable, "-m", "parallax.cli", "batch", str(shard), "--out",
                           str(tmp_path / "run1"), "--workers", "1", "--no-comparisons"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    # one shard, one article: singular, as every other command's done line (cli.counted)
    said = " ".join(done.stderr.split())  # the console wraps long lines
    assert "done 1 shard analysed, 0 already done, 0 failed; 1 article in 1 story; " \
        "0 records rejected" in said, said
    assert "INFO" not in done.stderr, done.stderr
