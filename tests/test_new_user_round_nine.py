"""A new user's session, round nine (docs/robustness.md, thirty-second session, helper NW): a
fact-checker's folder of mixed files, a researcher's JSONL export with odd fields, a reader
of the web UI and an admin (a full disk). Each test here failed before its fix. All inputs
are made up here."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest

from parallax import runner
from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config
from parallax.store.sqlite import SQLiteStore

BODY = ("The harbour council of Dunmere voted on Tuesday to cut the night ferry to the outer "
        "islands. Councillor Alma Reyes said the decision would leave families without a way "
        "home in winter. ")


def _read(tmp_path, name: str, text: str) -> list[RawDocument | Rejection]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_inputs([str(path)], Config()))


def _record(n: int) -> dict[str, str]:
    return {"title": f"Ferry vote, part {n}", "outlet": "Coast Post",
            "url": f"https://coast.example/ferry-{n}", "text": BODY * 2 + f"Part {n}."}


def test_records_inside_an_export_object_are_read(tmp_path) -> None:
    # an API's export wraps its records in an object ({"status": …, "articles": […]}): the
    # whole file was one rejection, "record 1 has neither 'text' nor 'html'", its three
    # records lost under a reason that named no fault of theirs
    export = {"status": "ok", "total": 3, "articles": [_record(n) for n in (1, 2, 3)]}
    items = _read(tmp_path, "export.json", json.dumps(export, indent=2))
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3
    assert [i.metadata["title"] for i in items] == [f"Ferry vote, part {n}" for n in (1, 2, 3)]
    assert items[0].input.endswith("export.json#record-1")
    # one record alone (an object with its own text) is still that record
    (one,) = _read(tmp_path, "one.json", json.dumps(_record(4), indent=2))
    assert isinstance(one, RawDocument) and one.metadata["title"] == "Ferry vote, part 4"


def test_an_export_object_without_records_says_what_it_holds(tmp_path) -> None:
    # an object whose lists hold no news records: say which fields there are to look at
    items = _read(tmp_path, "stats.json", json.dumps(
        {"meta": {"count": 2}, "rows": [{"day": "2026-11-03", "views": 4}]}, indent=2))
    (rejection,) = items
    assert isinstance(rejection, Rejection)
    assert "'rows'" in rejection.reason and "'text'" in rejection.reason


def test_html_in_a_records_text_field_is_read_as_markup(tmp_path) -> None:
    # an exporter that writes the page's HTML into "text": the article read "<p>The harbour
    # council …</p>" with its tags as words, in its text, claims, quotes and search
    marked = {"title": "Ferry vote", "text": f"<p>{BODY}</p>\n<p>Islanders <b>protested</b> "
              "outside the council hall on Wednesday evening.</p>"}
    prose = {"title": "Markup guide", "text": "Use <b> to make a word bold. " + BODY}
    lines = "\n".join(json.dumps(r) for r in (marked, prose))
    doc, plain = _read(tmp_path, "records.jsonl", lines)
    assert isinstance(doc, RawDocument) and doc.metadata["format"] == "html"
    # prose that shows a tag among its words does not open with one: it stays text
    assert isinstance(plain, RawDocument) and plain.metadata["format"] == "text"


def test_a_store_failure_closes_the_analysis_stream_before_the_error_is_reported(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a full disk during `parallax ingest`: the clean "error [E021] … database or disk is
    # full" was followed by "Exception ignored in: <generator object process_stream> …
    # RuntimeError: cannot join current thread": the analysis stream (its worker pool) was
    # left to the garbage collector, which closed it on the pool's own thread
    closed: list[bool] = []

    def stream(items, config, **_: object) -> Iterator[tuple[object, object]]:
        try:
            for item in items:
                yield item, None
        finally:
            closed.append(True)

    monkeypatch.setattr(runner, "process_stream", stream)
    store = SQLiteStore(str(tmp_path / "news.db"))

    def full(*_: object) -> None:  # (the rejection, its path)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "save_rejection", full)
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(sqlite3.OperationalError):
        try:
            runner.ingest([str(tmp_path / "empty.txt")], store, Config(), cluster=False)
        finally:
            assert closed == [True]


def test_a_full_disk_is_said_with_what_to_do_first() -> None:
    # "the database failed: OperationalError: database or disk is full … run the same command
    # again to continue": run again as told, it fails again at the same place
    from parallax.store.failures import failure_line

    line = failure_line(sqlite3.OperationalError("database or disk is full"))
    assert "disk" in line and "free" in line and "E021" in line
    assert line.index("free") < line.index("run the same command again")
    other = failure_line(sqlite3.OperationalError("no such table: articles"))
    assert "free" not in other


def test_the_ingest_api_says_which_body_it_reads(tmp_path) -> None:
    # a script posting JSON to the JSON API ({"text": …}) or a raw page (text/plain) was told
    # "nothing to ingest: paste text, choose files or give addresses", though it sent text
    from fastapi.testclient import TestClient

    from parallax.web.app import create_app
    from parallax.web.security import hash_token

    app = create_app(str(tmp_path / "news.db"), Config(), token_hash=hash_token("s3cret"))
    client = TestClient(app)
    bearer = {"Authorization": "Bearer s3cret"}
    for sent in ({"json": {"text": BODY}}, {"content": BODY.encode(),
                                            "headers": {"content-type": "text/plain"}}):
        answer = client.post("/api/ingest", headers={**bearer, **sent.pop("headers", {})},
                             **sent)  # type: ignore[arg-type]
        assert answer.status_code == 415
        detail = answer.json()["detail"]
        assert "multipart/form-data" in detail and "nothing to ingest" not in detail
    # a form's body is still read: an empty one still says there is nothing
    empty = client.post("/api/ingest", headers=bearer, data={"text": ""})
    assert empty.status_code == 422 and "nothing to ingest" in empty.json()["detail"]


def test_a_minus_word_leaves_out_what_it_names(db_url: str) -> None:
    # "ferry -vote" listed the articles holding both words (the minus was dropped and "-vote"
    # read as "vote"): the opposite of what the reader asked, on both backends and in the
    # Chinese and Japanese scan
    from parallax.records import Article, Page, Published
    from parallax.store import open_store

    def page(sha: str, title: str, text: str) -> Page:
        article = Article(id=Article.make_id(title, text), role="main", title=title,
                          outlet="Coast Post", published=Published("today", "2026-11-03"),
                          text=text, input=f"{sha}.txt")
        return Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text",
                    fetched_at="", articles=[article])

    store = open_store(db_url)
    store.save_page(page("s1", "Ferry vote", "The council vote ends the night ferry."))
    store.save_page(page("s2", "Ferry storm", "A storm kept the night ferry in port."))
    store.save_page(page("s3", "Ferry boat", "The night boat ferry sails at ten."))
    store.save_page(page("s4", "渡轮停航", "市议会投票后渡轮停航。"))
    store.save_page(page("s5", "渡轮恢复", "风暴过后渡轮恢复航行。"))

    def titles(query: str) -> list[str]:
        hits = store.search(query)
        assert store.search_count(query) == len(hits)
        return sorted(h["title"] for h in hits)

    assert titles("ferry -vote") == ["Ferry boat", "Ferry storm"]
    assert titles('ferry -vote -"night boat"') == ["Ferry storm"]
    assert titles("ferry -vote -storm -boat") == []
    assert titles("渡轮 -投票") == ["渡轮恢复"]
    # a hyphen inside a word, a minus alone or inside quotes is no exclusion
    assert titles("ferry - vote") == ["Ferry vote"]
    assert titles('"ferry -vote"') == ["Ferry vote"]
    # a query of minus words alone reads them as words, as before
    assert titles("-vote") == ["Ferry vote"]


def test_an_undeclared_windows_1252_text_keeps_its_letters(tmp_path) -> None:
    # charset-normalizer tied windows-1250 and windows-1257 on this English text and did not
    # list windows-1252; the identifier was surer of the Baltic reading, so "Zoë" was stored
    # as "Zoė" (a name misspelt in the article, its entities and its quotes)
    text = ("Ferry cut angers islanders\r\n\r\nThe harbour council of Dunmere voted on Tuesday "
            "to cut the night ferry. Councillor Alma Reyes said the decision would leave "
            "families without a way home in winter. \u201cWe were not asked,\u201d said caf\u00e9 "
            "owner Zo\u00eb Brannock.\r\n") * 2
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("cp1252"))
    (doc,) = read_inputs([str(path)], Config())
    assert isinstance(doc, RawDocument)
    assert "Zo\u00eb Brannock" in doc.text and "caf\u00e9" in doc.text
    # a Lithuanian text in its own code page keeps its letters
    lithuanian = ("Uosto taryba antradienį nubalsavo nutraukti naktinį keltą į salas. Tarybos "
                  "narė Alma Reyes sakė, kad šeimos žiemą liks be kelio namo. Salų gyventojai "
                  "žada rinkti parašus ir kreiptis į ministeriją.\r\n") * 2
    path = tmp_path / "lt.txt"
    path.write_bytes(lithuanian.encode("cp1257"))
    (doc,) = read_inputs([str(path)], Config())
    assert isinstance(doc, RawDocument) and "antradienį" in doc.text and "žiemą" in doc.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_jsonl_export_in_utf16_is_read_record_by_record(tmp_path, encoding: str) -> None:
    # PowerShell's "> export.jsonl" writes UTF-16 with a byte-order mark: split at the byte
    # 0x0A, every record after the first was "not valid JSON: 'utf-16-be' codec can't decode
    # …" and a phantom last line one more rejection
    lines = "".join(json.dumps(_record(n)) + "\r\n" for n in (1, 2, 3))
    path = tmp_path / "export.jsonl"
    path.write_bytes(lines.encode(encoding))
    items = list(read_inputs([str(path)], Config()))
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3
    assert [i.metadata["title"] for i in items] == [f"Ferry vote, part {n}" for n in (1, 2, 3)]
    assert [i.input.rsplit("#", 1)[1] for i in items] == ["line-1", "line-2", "line-3"]


def test_a_text_in_utf32_with_its_mark_is_read(tmp_path) -> None:
    # UTF-32's byte-order mark opens with UTF-16's: read as UTF-16 the text was "binary
    # input: looks like binary data (contains NUL bytes)"
    path = tmp_path / "note.txt"
    path.write_bytes(("Ferry cut angers islanders\n\n" + BODY * 3).encode("utf-32"))
    (doc,) = read_inputs([str(path)], Config())
    assert isinstance(doc, RawDocument) and doc.text.startswith("Ferry cut angers islanders")


def test_delete_by_source_finds_a_file_ingested_by_its_relative_path(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "parallax ingest in/ …" then "parallax delete --source /home/…/in/report.txt" (a
    # shell's completion, or the store opened from its own folder): "no stored document was
    # read from this source", exit 2, though the file's page was stored under "in/report.txt"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.txt").write_text("Ferry cut angers islanders\n\n" + BODY * 3)
    store = SQLiteStore(str(tmp_path / "news.db"))
    report = runner.ingest(["in/report.txt"], store, Config(), cluster=False)
    assert [o.status for o in report.outcomes] == ["stored"]
    done = runner.delete(store, Config(), [(str(tmp_path / "in" / "report.txt"), True)])
    assert [row["status"] for row in done.rows] == ["deleted"]
    assert store.counts()["documents"] == 0


def test_a_councillor_is_a_person_not_a_body() -> None:
    # "Councillor Alma Reyes said …" gave the entity "Councillor Alma Reyes" typed ORG (the
    # title opens with "Council"): a person listed as an organisation, with her title
    from parallax.pipeline import Pipeline

    pipeline = Pipeline.from_config(Config())
    for title in ("Councillor", "Councilor", "Councilwoman"):
        text = ("Ferry cut angers islanders\n\nThe harbour council of Dunmere voted on Tuesday "
                f"to cut the night ferry to the outer islands. {title} Alma Reyes said the "
                "decision would leave families without a way home in winter. Reyes added that "
                "the vote was rushed.\n")
        doc = RawDocument(uri="note.txt", kind="text", text=text, fetched_at="", sha256=title,
                          input="note.txt", metadata={})
        (page,) = pipeline.process_many([doc])
        found = {(e.text, e.type) for e in page.articles[0].entities}
        assert ("Alma Reyes", "PERSON") in found, (title, found)
        assert not any(title in name for name, _ in found)


def test_the_web_app_behind_a_path_prefix_links_inside_it(tmp_path) -> None:
    # "parallax serve" behind a proxy at https://host/parallax/ (the prefix stripped): every
    # link, form, script and style sheet pointed at the host's root ("/story/…",
    # "/static/app.js"), outside the app, so no page past the first could be reached
    import re

    from fastapi.testclient import TestClient

    from parallax.web.app import create_app

    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({**_record(n), "outlet": outlet}) for n, outlet in
                                 ((1, "Coast Post"), (2, "Harbour Times"))), encoding="utf-8")
    store = SQLiteStore(str(tmp_path / "news.db"))
    runner.ingest([str(records)], store, Config())
    store.close()
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False})
    client = TestClient(create_app(str(tmp_path / "news.db"), config, root_path="/parallax"))
    seen: set[str] = set()
    queue = ["/", "/search?q=ferry", "/ingest", "/nosuch"]
    while queue:
        path = queue.pop()
        if path in seen or len(seen) > 40:
            continue
        seen.add(path)
        page = client.get(path, follow_redirects=False)
        if page.status_code in (301, 303, 307, 308):
            assert page.headers["location"].startswith("/parallax/"), path
            continue
        if "text/html" not in page.headers.get("content-type", ""):
            continue
        for target in re.findall(r'(?:href|src|action)="(/[^"]*)"', page.text):
            assert target.startswith("/parallax/") or target == "/parallax", (path, target)
            inside = target.removeprefix("/parallax") or "/"
            if inside.startswith(("/story/", "/article/", "/outlet/", "/entity/")):
                queue.append(inside.split("#")[0])
    assert any(p.startswith("/story/") for p in seen) and any(
        p.startswith("/article/") for p in seen)
    # the slash redirect too, and the app without a prefix is as before
    assert client.get("/search/", follow_redirects=False).headers["location"] == "/parallax/search"
    plain = TestClient(create_app(str(tmp_path / "news.db"), config))
    assert 'href="/static/style.css"' in plain.get("/").text


def test_a_mongodb_export_date_is_read(tmp_path) -> None:
    # mongoexport writes dates as {"$date": …} (an ISO string, or milliseconds in
    # {"$numberLong": …}): every record of such an export was rejected, "field 'published'
    # must be a string or null, not an object"
    dates = [{"$date": "2026-11-03T10:00:00Z"}, {"$date": {"$numberLong": "1793700000000"}},
             {"$date": 1793700000000}]
    lines = "\n".join(json.dumps({**_record(n), "published": d}) for n, d in enumerate(dates))
    items = _read(tmp_path, "mongo.jsonl", lines)
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3
    assert [i.metadata["published_iso"][:10] for i in items] == ["2026-11-03"] * 3
    # another object is still refused by name
    (other,) = _read(tmp_path, "other.jsonl", json.dumps({**_record(1), "published": {"day": 3}}))
    assert isinstance(other, Rejection) and "'published'" in other.reason


def test_a_text_given_as_a_list_of_paragraphs_is_read(tmp_path) -> None:
    # a scraper that keeps a page's paragraphs as a list ("text": ["…", "…"]) had each record
    # rejected, "field 'text' must be a string or null, not a list"
    record = {**_record(1), "text": [BODY, "Islanders protested outside the hall.", BODY]}
    (doc,) = _read(tmp_path, "paragraphs.jsonl", json.dumps(record))
    assert isinstance(doc, RawDocument)
    assert doc.text == "\n\n".join(record["text"])
    # a list holding anything but strings is still refused by name
    mixed = {**_record(2), "text": [BODY, {"p": "x"}]}
    (refused,) = _read(tmp_path, "mixed.jsonl", json.dumps(mixed))
    assert isinstance(refused, Rejection) and "'text'" in refused.reason


def test_or_between_words_finds_either(db_url: str) -> None:
    # "ferry OR boat" asked for articles holding every one of "ferry", "or" and "boat": a
    # fact-checker read "no results" as "no outlet wrote about it"
    from parallax.records import Article, Page, Published
    from parallax.store import open_store

    def page(sha: str, title: str, text: str) -> Page:
        article = Article(id=Article.make_id(title, text), role="main", title=title,
                          outlet="Coast Post", published=Published("today", "2026-11-03"),
                          text=text, input=f"{sha}.txt")
        return Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text",
                    fetched_at="", articles=[article])

    store = open_store(db_url)
    store.save_page(page("s1", "Night ferry", "The council vote ends the night ferry."))
    store.save_page(page("s2", "Night boat", "A storm kept the night boat in port."))
    store.save_page(page("s3", "Day bus", "The day bus runs to the pier."))
    store.save_page(page("s4", "Ferry or boat", "Ferry or boat: the islanders ask which."))

    def titles(query: str) -> list[str]:
        hits = store.search(query)
        assert store.search_count(query) == len(hits)
        return sorted(h["title"] for h in hits)

    assert titles("ferry OR boat") == ["Ferry or boat", "Night boat", "Night ferry"]
    assert titles("ferry OR boat OR bus") == ["Day bus", "Ferry or boat", "Night boat",
                                              "Night ferry"]
    assert titles("night ferry OR boat") == ["Night boat", "Night ferry"]  # night, and either
    assert titles('"night boat" OR vote') == ["Night boat", "Night ferry"]
    assert titles("ferry OR boat -storm") == ["Ferry or boat", "Night ferry"]
    # a lower-case "or", an OR at either end or in quotes is a word, as before
    assert titles("ferry or boat") == ["Ferry or boat"]
    assert titles("ferry OR") == ["Ferry or boat"]
    assert titles('"ferry OR boat"') == ["Ferry or boat"]
