"""A new user's session, round two (docs/robustness.md, twenty-fifth session, helper N): what
the twenty-fourth session left (a run-away title, two uploads of one name) and the README's
paths nobody had walked lately. Each test here failed before its fix. All inputs are made up
here."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.ingest_jobs import ingested
from typer.testing import CliRunner

from parallax.cli import app
from parallax.records import Rejection
from parallax.settings import Config
from parallax.store import open_store
from parallax.titles import TITLE_MAX_CHARS
from parallax.web.app import create_app
from parallax.web.security import hash_token

runner = CliRunner()
TOKEN = "a-token-made-up-for-these-tests"
BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike, the harbour office said. Passengers had waited for hours on the "
        "quay since Friday, and the town council asked the company for a timetable it keeps.")


def _analyze(*paths: Path) -> list[dict]:
    result = runner.invoke(app, ["analyze", *map(str, paths), "--json", "--workers", "1"])
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_a_run_away_title_is_cut_kept_in_the_text_and_not_read_as_the_language(
        tmp_path: Path) -> None:
    """A record's 10,000-character title was the article's title whole (an article page's
    heading 12,000 px tall on a phone) and, read with the text, made an English article
    ``br`` (one repeated word) or ``zxx`` (one letter)."""
    words = " ".join(["tarn"] * 2000)  # 9,999 characters of one word
    letters = "q" * 10_000
    export = tmp_path / "long.jsonl"
    export.write_text(
        json.dumps({"title": words, "text": f"{BODY}\n\n{BODY}",
                    "url": "https://coast.example/a"}) + "\n"
        + json.dumps({"title": letters, "text": BODY, "url": "https://coast.example/b"}) + "\n"
        + json.dumps({"title": "Evening sailings back", "text": BODY,
                      "url": "https://coast.example/c"}) + "\n", encoding="utf-8")
    lines = _analyze(export)
    first, second, third = (line["articles"][0] for line in lines)
    for article, whole in ((first, words), (second, letters)):
        assert len(article["title"]) <= TITLE_MAX_CHARS and article["title"].endswith("…")
        assert whole.startswith(article["title"][:-1].rstrip())
        # nothing lost: the whole title opens the text, once
        assert article["text"].split("\n\n")[0] == whole
        assert article["text"].count(whole) == 1 and BODY in article["text"]
        assert article["language"] == "en"
        assert any(n.startswith("title: ") and f"{len(whole):,} characters" in n
                   for n in article["notes"])
    assert first["title"] == " ".join(["tarn"] * 60) + "…"  # cut between words
    # a headline within the cap is untouched, and nothing is noted
    assert third["title"] == "Evening sailings back" and third["text"] == BODY
    assert not any(n.startswith("title: ") for n in third["notes"])


def test_two_uploads_of_one_name_are_two_sources_unless_the_same_bytes(tmp_path: Path) -> None:
    """Two people's ``notes.txt`` were stored under that one name: one source to
    ``delete --source`` and to the delete page's "every other version" (taking one took the
    other), and one rejection row (the stored one cleared the other's rejection)."""
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(str(tmp_path / "web.db"), config,
                                   token_hash=hash_token(TOKEN)))
    ferry = f"Evening sailings back\n\n{BODY}".encode()
    quay = (b"Quay to close for repairs\n\nThe harbour office of Port Ellery will close the "
            b"old quay for six weeks from March while divers mend its wall, and fishing boats "
            b"will tie up at the ferry berth instead, the office said on Thursday.")
    broken = b"\x00\x01\x02" * 400
    names = [o["input"] for f in ((("notes.txt", broken),), (("notes.txt", ferry),),
                                  (("notes.txt", quay),))
             for o in ingested(client, TOKEN, *f)["outcomes"]]
    assert len(set(names)) == 3 and all(n.startswith("notes.txt (upload ") for n in names)
    again = ingested(client, TOKEN, ("notes.txt", ferry))["outcomes"]  # the same bytes again
    assert [(o["input"], o["status"]) for o in again] == [(names[1], "skipped")]
    store = open_store(tmp_path / "web.db")
    try:
        assert [r["input"] for r in store.rejections()] == [names[0]]  # not cleared
        ferry_docs, quay_docs = (store.source_documents(n) for n in names[1:])
        assert len(ferry_docs) == 1 and len(quay_docs) == 1 and ferry_docs != quay_docs
        assert store.document_sources(ferry_docs) == [names[1]]
    finally:
        store.close()


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"Evening sailings back\n\n{BODY}\n\n{BODY}\n".encode()
        self.send_response(200 if self.path == "/sailings" else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours proxy variables: a CI machine's proxy must not carry loopback requests."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_file_of_addresses_is_fetched_through_the_guard(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``parallax ingest urls.txt`` read the list as a text dump: "no article found: the main
    text has 0 characters". A local server stands in for the web (loopback allowed by name in
    ``allow_private_addresses``); a private address is refused before any request."""
    _no_proxy(monkeypatch)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sent: list[str] = []
    send = httpx.Client.send

    def counted(self: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        sent.append(str(request.url))
        return send(self, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", counted)
    port, dead = server.server_address[1], _closed_port()
    live, gone = f"http://127.0.0.1:{port}/sailings", f"http://127.0.0.1:{dead}/gone"
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# to read\n{live}\n\n{gone}\nhttp://10.0.0.5/quay\n", encoding="utf-8")
    config = tmp_path / "parallax.toml"
    config.write_text('[settings]\nallow_private_addresses = ["127.0.0.1"]\n', encoding="utf-8")
    try:
        result = runner.invoke(app, ["ingest", str(listed), "--db", str(tmp_path / "a.db"),
                                     "--config", str(config), "--json", "--workers", "1"])
    finally:
        server.shutdown()
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith('{"')]
    outcomes = {line["input"]: line for line in lines if "input" in line}
    assert set(outcomes) == {f"{listed}#{a}" for a in (live, gone, "http://10.0.0.5/quay")}
    stored = outcomes[f"{listed}#{live}"]
    assert stored["status"] == "ok" and stored["articles"][0]["title"] == "Evening sailings back"
    assert outcomes[f"{listed}#{gone}"]["code"] == "E010"
    refused = outcomes[f"{listed}#http://10.0.0.5/quay"]
    assert refused["code"] == "E011" and "private address" in refused["reason"]
    assert sent == [live, gone]  # nothing sent to the private address
    # inside a folder the list is reported and nothing is fetched
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "urls.txt").write_text(listed.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "a.db"),
                                 "--config", str(config), "--json", "--workers", "1"])
    (line,) = [x for x in map(json.loads, result.stdout.splitlines()) if "input" in x]
    assert line["code"] == "E007" and "a list of 3 web addresses" in line["reason"]
    assert f"parallax ingest {folder / 'urls.txt'}" in line["reason"]
    assert sent == [live, gone]


def test_a_story_of_one_outlet_calls_no_claim_exclusive(tmp_path: Path) -> None:
    """A store of one article: its story listed every claim under "Exclusive claims" ("only
    this outlet reports it"), a label that says nothing when no other outlet is there."""
    page = tmp_path / "one.txt"
    page.write_text(f"Evening sailings back\n\n{BODY}\n", encoding="utf-8")
    db = str(tmp_path / "one.db")
    assert runner.invoke(app, ["ingest", str(page), "--db", db, "--workers", "1"]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    (story,) = [json.loads(line) for line in listed.stdout.splitlines()]
    made = runner.invoke(app, ["compare", story["id"], "--db", db, "--format", "json"])
    comparison = json.loads(made.stdout)
    statuses = {c["status"] for c in comparison["claims"]["clusters"]}
    assert statuses == {"uncompared"} and comparison["claims"]["exclusive"] == []
    report = runner.invoke(app, ["compare", story["id"], "--db", db, "--format", "md"]).stdout
    section = report.split("## Exclusive claims", 1)[1].split("\n## ", 1)[0]
    assert "ferry company" not in section
    assert "## Claims of the only outlet" in report and "nothing to compare" in report


def test_a_file_of_a_byte_order_mark_alone_is_empty(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark alone was "no article found: 0 characters" and a UTF-16 one
    "invalid UTF-8 at byte 0 … re-save the file as UTF-8": both files are simply empty."""
    files = {"bom8.txt": b"\xef\xbb\xbf", "bom8-blank.txt": b"\xef\xbb\xbf \n\t\n",
             "bom16.txt": b"\xff\xfe", "bom16-blank.txt": " \n".encode("utf-16"),
             "blank.txt": b" \n\n\t "}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    lines = _analyze(*(tmp_path / name for name in files))
    assert [(line["status"], line["code"]) for line in lines] == [("rejected", "E002")] * 5
    assert all("only blank space" in line["reason"] for line in lines)


def test_an_unknown_ingest_job_says_jobs_are_forgotten_not_that_nothing_was_stored(
        tmp_path: Path) -> None:
    """A job page reloaded after a restart said "No ingest job with this id in the store",
    though jobs are never in the store and what the job stored is."""
    client = TestClient(create_app(str(tmp_path / "web.db"), Config()))
    page = client.get("/ingest/jobs/0123456789ab")
    api = client.get("/api/ingest/0123456789ab")
    assert page.status_code == api.status_code == 404
    for said in (page.text, api.json()["detail"]):
        assert "in the store" not in said and "forgets them when it restarts" in said


def test_stories_of_an_empty_store_say_why_and_what_next(tmp_path: Path) -> None:
    """A store whose one input was rejected printed an empty table and exit 0, nothing
    more: a new user could not tell an empty store from a broken grouping."""
    empty = tmp_path / "notes.txt"
    empty.write_bytes(b"")
    db = str(tmp_path / "e.db")
    assert runner.invoke(app, ["ingest", str(empty), "--db", db]).exit_code == 1
    for extra in ([], ["--json"]):
        result = runner.invoke(app, ["stories", "--db", db, *extra])
        assert result.exit_code == 0
        said = " ".join(result.stderr.split())
        assert f"no stories in {db}: 0 articles stored, 1 input was rejected" in said
        assert f"parallax ingest FILES --db {db}" in said
    assert runner.invoke(app, ["stories", "--db", db, "--json"]).stdout == ""


def test_a_failed_fetch_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"answered HTTP 404", "ConnectError: [Errno 111] Connection refused" and "cannot
    resolve host …: Name or service not known" named the failure, not what to do next."""
    from parallax.ingest import url

    _no_proxy(monkeypatch)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    lookup = socket.getaddrinfo

    def resolver(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "nowhere.example":  # made up: no resolver is asked
            raise socket.gaierror(-2, "Name or service not known")
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    config = Config()
    config.values["allow_private_addresses"] = ["127.0.0.1"]
    port = server.server_address[1]
    addresses = {f"http://127.0.0.1:{port}/missing": "no page at this address",
                 f"http://127.0.0.1:{_closed_port()}/x": "refused the connection",
                 "http://nowhere.example/x": "check the address for a typo"}
    try:
        for address, hint in addresses.items():
            (rejected,) = list(url.read_url(address, config))
            assert isinstance(rejected, Rejection) and rejected.code == "E010", rejected
            assert hint in rejected.reason
    finally:
        server.shutdown()


def test_a_feed_item_of_a_title_alone_is_not_told_to_follow_links(tmp_path: Path) -> None:
    """An item with neither text nor link was "no text (only a link); re-run with
    --follow-links", also when the run had --follow-links: advice with nothing to follow."""
    from parallax.ingest.sources import read_inputs

    feed = tmp_path / "coast.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title>'
                    "<item><title>Quay shut</title></item>"
                    "<item><title>Fares</title><link>https://coast.example/f</link></item>"
                    "</channel></rss>", encoding="utf-8")
    bare, linked = read_inputs([str(feed)], Config())
    assert isinstance(bare, Rejection) and isinstance(linked, Rejection)
    assert bare.input == f"{feed}#item-1" and bare.code == "E009"
    assert "neither text nor a link" in bare.reason and "follow" not in bare.reason
    assert "re-run with --follow-links" in linked.reason
    # with --follow-links too (a feed of the bare item alone: no address is fetched here)
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title>'
                    "<item><title>Quay shut</title></item></channel></rss>", encoding="utf-8")
    config = Config()
    config.values["follow_feed_links"] = True
    (followed,) = read_inputs([str(feed)], config)
    assert isinstance(followed, Rejection) and "neither text nor a link" in followed.reason


def test_only_a_file_address_is_told_to_give_a_path() -> None:
    """A redirect to ``gopher:`` and a feed item's ``javascript:`` link were told "to read a
    local file, give its path" (the twenty-fourth session's left item)."""
    from parallax.ingest.url import scheme_refusal

    assert scheme_refusal("file:///srv/notes.txt").endswith("to read a local file, give its path")
    for other in ("javascript:alert(1)", "gopher://old.example/1", "ftp://files.example/a"):
        said = scheme_refusal(other)
        assert "only http(s) addresses are fetched" in said and "local file" not in said


def test_two_copies_under_run_away_titles_stay_one_story(tmp_path: Path) -> None:
    """Once a cut title's whole text opened the text, the story terms read it as the lead:
    two copies of one report under different 10,000-character titles (one repeated word, one
    letter) were two stories, where they were one before titles were cut."""
    body = ("The harbour board of Tollby met on Tuesday to discuss the late ferries. " * 3
            + "\n\n" + "Crews said the new timetable left them short of rest, and the board "
            "promised a review by spring. " * 3)
    export = tmp_path / "copies.jsonl"
    export.write_text("".join(json.dumps({"title": title, "text": text, "outlet": outlet,
                                          "url": f"https://{site}/a"}) + "\n"
                              for title, text, site, outlet in (
                                  ("ker " * 2500, body, "coast.example", "Coast Post"),
                                  ("x" * 10_000, body.replace("Tuesday", "Monday"),
                                   "harbour.example", "Harbour Times"))), encoding="utf-8")
    db = str(tmp_path / "copies.db")
    assert runner.invoke(app, ["ingest", str(export), "--db", db, "--workers", "1"]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [len(s["article_ids"]) for s in stories] == [2]


def _words(stem: str) -> str:
    """A run-away title of 400 different made-up words (a repeated word is one shingle)."""
    return " ".join(f"{stem}{n}" for n in range(400))


def test_word_for_word_copies_under_run_away_titles_are_marked_copies(tmp_path: Path) -> None:
    """Their near-duplicate signatures read the cut titles' whole text, so two word-for-word
    copies under different 10,000-character titles were no copies (two independent outlets
    for one report), where they were before titles were cut."""
    text = (f"{BODY}\n\nThe harbour board met on Tuesday to discuss the late ferries, and crews "
            "said the new timetable left them short of rest; the board promised a review by "
            "spring, its chair told reporters waiting on the quay after the meeting.")
    export = tmp_path / "copies.jsonl"
    export.write_text("".join(json.dumps({"title": title, "text": text, "outlet": outlet,
                                          "url": f"https://{site}/a"}) + "\n"
                              for title, site, outlet in (
                                  (_words("alder"), "coast.example", "Coast Post"),
                                  (_words("birch"), "harbour.example", "Harbour Times"))),
                      encoding="utf-8")
    db = str(tmp_path / "copies.db")
    assert runner.invoke(app, ["ingest", str(export), "--db", db, "--workers", "1"]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    (story,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(story["outlets"]) == ["Coast Post", "Harbour Times"], story
    assert story["independent_outlets"] == ["Coast Post"]


def test_the_address_box_takes_a_pasted_list_with_comments(tmp_path: Path) -> None:
    """A file of addresses pasted into the form's box was refused whole: "not an http(s)
    address: #" (the box split on white space, so a comment became words)."""
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(str(tmp_path / "web.db"), config,
                                   token_hash=hash_token(TOKEN)))
    job = ingested(client, TOKEN, urls="# quay pages\nhttp://10.0.0.5/quay\n\n  # done\n")
    assert [(o["input"], o["code"]) for o in job["outcomes"]] == [("http://10.0.0.5/quay", "E011")]
    refused = client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                          data={"urls": "http://10.0.0.5/a #not-a-comment"})
    assert refused.status_code == 422 and "#not-a-comment" in refused.text
