"""Small fixes, round twelve (thirty-third session, helper N11): the items docs/robustness.md
left (NW's, SX's and N10's "left" lists). Every example is made up."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from parallax import runner
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.migrations import _statements, migration_scripts
from test_small_fixes_round_eleven import _letter, _record  # tests/ is on sys.path

BODY = ("The harbour council of Dunmere voted on Tuesday to cut the night ferry to the outer "
        "islands, and families said they would be left without a way home in winter. ")


def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    """A reporter's folder ``a`` holding ``in/`` (a dump, an export of two records and a file
    no reader takes) and another folder ``b`` to run commands from."""
    (tmp_path / "a" / "in").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "in" / "report.txt").write_text("Ferry cut angers islanders\n\n" + BODY * 3)
    (tmp_path / "a" / "in" / "notes.jsonl").write_text("".join(json.dumps({
        "title": f"Ferry vote, part {n}", "text": BODY * 2 + f"Part {n}."}) + "\n"
        for n in (1, 2)))
    (tmp_path / "a" / "in" / "scan.bin").write_bytes(b"\x00\x01binary\x00" * 10)
    return tmp_path / "a", tmp_path / "b"


def _cli(*args: str) -> Any:
    from typer.testing import CliRunner

    from parallax.cli import app

    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_delete_by_source_from_another_folder(db_url: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # "parallax ingest in" in folder a, then "parallax delete --source ../a/in/report.txt"
    # from folder b: "no stored document was read from this source", exit 2 (the store kept
    # "in/report.txt", relative to a folder it does not know)
    a, b = _two_folders(tmp_path)
    db = db_url if "://" in db_url else str(Path(db_url).absolute())
    monkeypatch.chdir(a)
    assert _cli("ingest", "in", "--db", db).exit_code == 1  # (scan.bin: rejected)
    monkeypatch.chdir(b)
    done = _cli("delete", "--source", "../a/in/report.txt", "--db", db, "--json")
    assert done.exit_code == 0, done.output
    # an absolute path, and a record file whose records go with it
    assert _cli("delete", "--source", str(a / "in" / "notes.jsonl"), "--db", db).exit_code == 0
    store = open_store(db)
    try:
        assert store.counts()["documents"] == 0
        assert store.counts()["rejections"] == 1  # the folder's own rejection is left ...
        assert _cli("delete", "--source", "../a/in", "--db", db).exit_code == 0
        assert store.counts()["rejections"] == 0  # ... until the folder goes
    finally:
        store.close()


def test_what_is_shown_stays_the_name_given_and_replace_works_from_anywhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the article's source is still shown as ingest was given it; "ingest --replace
    # ../a/in/report.txt" of a corrected file from folder b replaced nothing and kept both
    a, b = _two_folders(tmp_path)
    db = str(tmp_path / "news.db")
    monkeypatch.chdir(a)
    assert _cli("ingest", "in/report.txt", "--db", db).exit_code == 0
    store = open_store(db)
    try:
        ((old, source),) = [(x.id, store.article_source(x.id)) for x in store.articles()]
        assert source is not None and source["input"] == "in/report.txt"
    finally:
        store.close()
    (a / "in" / "report.txt").write_text("Ferry cut angers islanders\n\n" + BODY * 3
                                         + "The council will meet again in May.")
    monkeypatch.chdir(b)
    again = _cli("ingest", "../a/in/report.txt", "--replace", "--db", db, "--json")
    assert json.loads(again.stdout.splitlines()[0])["replaced"] == [old]
    store = open_store(db)
    try:
        assert store.counts()["documents"] == 1
    finally:
        store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_an_older_store_gains_paths_and_the_migration_runs_again(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # rows stored before migration 0019: an absolute input is its own path, a relative one
    # stays without (the folder it was relative to is not known); run again, nothing fails
    rows = [("d1", "/home/ann/in/report.txt"), ("d2", "in/report.txt"),
            ("d3", "/home/ann/in/notes.jsonl#line-2"), ("d4", "https://coast.example/f")]
    wanted = [("d1", "/home/ann/in/report.txt"), ("d2", None),
              ("d3", "/home/ann/in/notes.jsonl#line-2"), ("d4", None)]
    url, cluster = str(tmp_path / "old.db"), None
    if backend == "postgres":
        import psycopg

        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.new_database()
        raw: Any = psycopg.connect(url, autocommit=True)
    else:
        from parallax.store.unspaced_search import unspaced_grams

        raw = sqlite3.connect(url, isolation_level=None)
        raw.create_function("parallax_unspaced_grams", 2, unspaced_grams)  # (0013's trigger)
    try:
        for version, script in migration_scripts(backend):
            if version <= 18:
                for statement in _statements(script):
                    raw.execute(statement)
        if backend == "postgres":
            raw.execute("CREATE TABLE parallax_schema (version INTEGER NOT NULL)")
            raw.execute("INSERT INTO parallax_schema VALUES (18)")
        else:
            raw.execute("PRAGMA user_version = 18")
        mark = "%s" if backend == "postgres" else "?"
        for sha, name in rows:
            raw.execute(f"INSERT INTO documents (sha256, input, uri, kind) VALUES"
                        f" ({mark}, {mark}, {mark}, 'text')", (sha, name, name))
            raw.execute(f"INSERT INTO rejections (input, code, reason) VALUES"
                        f" ({mark}, 'E001', 'x')", (name,))
        raw.close()
        for _ in range(2):  # the second time as a store whose version was set back
            store: Any = open_store(url)
            try:
                for table, key in (("documents", "sha256"), ("rejections", "input")):
                    got = [tuple(r) for r in store.conn.execute(
                        f"SELECT {key}, path FROM {table} ORDER BY {key}")]
                    assert [g[1] for g in got] == [w[1] for w in sorted(
                        wanted, key=lambda w: dict(rows)[w[0]] if table == "rejections"
                        else w[0])]
                assert store.source_documents("/home/ann/in/notes.jsonl") == ["d3"]
                # an absolute path's rejections are found by 0019's index, no scan
                where, params = store.source_rejections_where("/home/ann/in")
                if backend == "postgres":
                    store.conn.execute("SET enable_seqscan = off")
                    plan = [str(r[0]) for r in store.conn.execute(
                        f"EXPLAIN SELECT count(*) FROM rejections WHERE {where}", params)]
                else:
                    plan = [str(r[-1]) for r in store.conn.execute(
                        f"EXPLAIN QUERY PLAN SELECT count(*) FROM rejections WHERE {where}",
                        params)]
                assert any("rejections_path" in line for line in plan), plan
                assert not any("Seq Scan" in line or line.startswith("SCAN") for line in plan)
                back = "UPDATE parallax_schema SET version = 18" if backend == "postgres" \
                    else "PRAGMA user_version = 18"
                store.conn.execute(back)
            finally:
                store.close()
    finally:
        if cluster is not None:
            cluster.drop_database(url)


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
@pytest.mark.parametrize(("stored", "outlet"), [
    # the store's pages at the sender's site carry one outlet holding the name's words
    ([("The Dunmere Times", "dunmeretimes.example")], "The Dunmere Times"),
    # as a run's pages: two outlets at the site, or the outlet at another site, tell nothing
    ([("The Dunmere Times", "dunmeretimes.example"), ("Times Travel", "dunmeretimes.example")],
     None),
    ([("The Times", "thetimes.example")], None),
])
def test_a_newsletter_ingested_alone_takes_its_outlet_from_the_store(
        db_url: str, tmp_path: Path, stored: list[tuple[str, str]], outlet: str | None) -> None:
    # "Times <news@…>" ingested alone into a store that holds the site's pages stayed without
    # outlet; read in one run with those pages it was "The Dunmere Times" (SX's f5b9277)
    store = open_store(db_url)
    try:
        runner.ingest([str(_record(tmp_path, stored))], store, Config(), cluster=False)
        letter = _letter(tmp_path, "Times <news@dunmeretimes.example>", "dunmeretimes.example")
        report = runner.ingest([str(letter)], store, Config(), cluster=False)
        ((article,),) = [o.articles for o in report.outcomes]
        assert article["outlet"] == outlet
    finally:
        store.close()


def _or_store(db_url: str) -> tuple[Any, list[Any]]:
    import random

    from parallax.records import Page
    from test_small_fixes_round_eight import _made_up

    rng = random.Random(33)
    articles = [_made_up(rng, k) for k in range(60)]
    store = open_store(db_url)
    for k, article in enumerate(articles):
        store.save_page(Page(input=f"p{k}.txt", uri=f"p{k}.txt", sha256=f"p{k}", kind="text",
                             fetched_at="2026-11-02T10:00:00Z", articles=[article]))
    return store, articles


def _held(articles: list[Any], query: str) -> list[str]:
    """What the query asks, read here by hand (words split at spaces, quotes dropped: the
    queries below hold no quoted space) and tested on each article's title and text as
    substrings, the scan's reading: no "-word", and of each run of words joined by OR one
    (a word alone: itself)."""
    import re

    tokens = [t.strip('"') for t in query.split()]
    left_out = [t[1:] for t in tokens if t.startswith("-") and len(t) > 1]
    kept = [t for t in tokens if not (t.startswith("-") and len(t) > 1)]
    groups, k = [], 0
    while k < len(kept):
        group = [kept[k]]
        while k + 2 < len(kept) and kept[k + 1] == "OR" != kept[k] and kept[k + 2] != "OR":
            group.append(kept[k + 2])
            k += 2
        groups.append(group)
        k += 1

    def has(term: str, article: Any) -> bool:
        return bool(re.search(re.escape(term), f"{article.title} {article.text}", re.I))

    return [a.id for a in articles if all(any(has(m, a) for m in g) for g in groups)
            and not any(has(t, a) for t in left_out)]


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_or_in_a_chinese_or_japanese_query_needs_one_of_its_words(db_url: str) -> None:
    # "渡轮 OR 轮船" asked for articles holding 渡轮, "OR" and 轮船 (the scan read every term
    # as required): almost nothing, read as "nobody wrote it"
    import random

    store, articles = _or_store(db_url)
    try:
        queries = ["渡轮 OR フェリー", "港 OR 局 OR ー", "三月 渡 OR 港", "渡 OR Москва",
                   "İZMIR OR 时刻", "渡轮 OR ferry 局", "港 OR 局 -三月", "表 OR 群 tomas",
                   '"群岛的" OR 夜间', "ferry OR tomas 港", "渡轮 OR"]
        rng = random.Random(7)
        pick = "渡轮港务局周一表示开往群岛的夜间三月フェリーの運航"
        for _ in range(40):  # made up: two to three runs, an OR between some
            runs = ["".join(rng.choice(pick) for _ in range(rng.randint(1, 2)))
                    for _ in range(rng.randint(2, 3))]
            glue = [rng.choice([" OR ", " ", " -"]) for _ in runs[1:]]
            queries.append(runs[0] + "".join(g + r for g, r in zip(glue, runs[1:],
                                                                   strict=True)))
        for query in queries:
            want = _held(articles, query)
            assert [r["id"] for r in store.search(query, limit=100)] == want, query
            assert store.search_count(query) == len(want), query
            assert [r["id"] for r in store.search(query, limit=3, offset=2)] == want[2:5]
        assert len(_held(articles, "渡轮 OR フェリー")) > len(_held(articles, "渡轮 フェリー"))
    finally:
        store.close()


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_a_search_reads_its_query_once(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the query was parsed three to four times a search (the word index's terms, its OR
    # groups, its "-words", the test for Chinese and Japanese), and as often for its count
    from parallax.store import search_query, unspaced_search

    store, _ = _or_store(db_url)
    calls: list[str] = []
    real = search_query.parse_search

    def counted(query: str) -> search_query.SearchQuery:
        calls.append(query)
        return real(query)

    monkeypatch.setattr(unspaced_search, "parse_search", counted)
    try:
        for query in ("ferry OR boat -storm", "渡轮 OR 港 -三月", '"night ferry" vote'):
            calls.clear()
            store.search(query)
            store.search_count(query)
            assert calls == [query, query]
    finally:
        store.close()


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_an_outlet_name_longer_than_any_name_is_no_outlet(db_url: str, tmp_path: Path) -> None:
    # a record's 3,500-character "outlet" (a page's description, a hostile field) was stored
    # as its outlet, and on PostgreSQL the outlets' index refused it: the ingest stopped
    # there (E021), and the same command again stopped there again
    import random
    import string

    rng = random.Random(2)
    junk = "".join(rng.choice(string.ascii_letters + " ") for _ in range(3500))
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps({"title": f"Ferry vote, part {n}", "outlet": outlet,
                                          "text": BODY * 2 + f"Part {n}."}) + "\n"
                              for n, outlet in enumerate(["Coast Post", junk, "Coast Post"])))
    store = open_store(db_url)
    try:
        report = runner.ingest([str(export)], store, Config(), cluster=False)
        assert [o.status for o in report.outcomes] == ["stored"] * 3
        assert [a.outlet for a in store.articles()] == ["Coast Post", None, "Coast Post"]
    finally:
        store.close()


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_a_rejected_record_with_a_long_address_is_listed_not_fatal(db_url: str,
                                                                   tmp_path: Path) -> None:
    # a crawl's record of a 4,000-character tracking address that is no page: PostgreSQL's
    # key of rejections refused its name (over 2,704 bytes), so the ingest stopped there
    # (E021) and the record after it was never read, however often the command ran again
    import random
    import string

    from tests.warc_builders import Record, warc_bytes

    rng = random.Random(1)
    long = "https://t.example/r?u=" + "".join(rng.choice(string.ascii_letters)
                                              for _ in range(4000))
    page = "<html><body><article><h1>{0} works</h1><p>{1}</p></article></body></html>"
    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(warc_bytes([
        Record("https://coast.example/a", page.format("Quay", BODY * 3).encode()),
        Record(long, b"%PDF-1.4 made up", content_type="application/pdf"),
        Record("https://coast.example/b", page.format("Pier", BODY * 3 + "Pier.").encode())]))
    store = open_store(db_url)
    try:
        for again in (False, True):  # the second time: stored pages skipped, one rejection
            report = runner.ingest([str(crawl)], store, Config(), cluster=False)
            assert [o.status for o in report.outcomes] == (
                ["skipped", "rejected", "skipped"] if again else ["stored", "rejected", "stored"])
            assert [r["input"] for r in store.rejections()] == [f"{crawl}#{long}"]
        runner.delete(store, Config(), [(long, True)])
        assert store.rejections() == []
    finally:
        store.close()


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
def test_upper_case_and_and_not_read_as_a_boolean_search_box_reads_them(db_url: str) -> None:
    # "ferry NOT vote" asked for articles holding "ferry", "not" and "vote": the opposite of
    # what was asked; "ferry AND boat" found only articles saying "and"
    from parallax.records import Article, Page, Published

    store = open_store(db_url)
    try:
        for sha, title, text in (
                ("s1", "Night ferry", "The council vote ends the night ferry."),
                ("s2", "Ferry and boat", "The ferry and the boat did not sail."),
                ("s3", "Day ferry", "The day ferry runs to the pier."),
                ("s4", "渡轮停运", "港务局表示渡轮将停运，轮船照常。"),
                ("s5", "渡轮时刻", "渡轮时刻表不变。")):
            article = Article(id=Article.make_id(title, text), role="main", title=title,
                              outlet="Coast Post", published=Published("today", "2026-11-03"),
                              text=text, input=f"{sha}.txt")
            store.save_page(Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text",
                                 fetched_at="", articles=[article]))

        def titles(query: str) -> list[str]:
            hits = store.search(query)
            assert store.search_count(query) == len(hits)
            return sorted(h["title"] for h in hits)

        assert titles("ferry NOT vote") == ["Day ferry", "Ferry and boat"]
        assert titles('ferry NOT "night ferry" NOT pier') == ["Ferry and boat"]
        assert titles("NOT vote ferry") == ["Day ferry", "Ferry and boat"]
        assert titles("ferry AND day") == ["Day ferry"]
        assert titles("渡轮 NOT 轮船") == ["渡轮时刻"]
        # lower case, at an end, or beside another operator: a word, as before
        assert titles("ferry not") == ["Ferry and boat"]
        assert titles("ferry NOT") == ["Ferry and boat"]
        assert titles("ferry and boat") == ["Ferry and boat"]
        assert titles("ferry AND") == ["Ferry and boat"]
    finally:
        store.close()


def test_a_title_without_spaces_breaks_in_the_outlet_table(tmp_path: Path) -> None:
    # a 300-character title without a space made the story's outlet table 3,242 px wide in a
    # 390 px window (Chromium): a table cell is as wide as its longest word
    import re

    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.titles import breakable

    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps({
        "title": title, "outlet": outlet, "url": f"https://{outlet[:5].lower()}.example/1",
        "published": "2026-11-03", "text": BODY * 3 + outlet}) + "\n"
        for title, outlet in (("Ferry<" + "x" * 294, "Coast Post"),
                              ("Night ferry to be cut, council says", "Harbour Ledger"))))
    db = str(tmp_path / "news.db")
    assert CliRunner().invoke(app, ["ingest", str(export), "--db", db]).exit_code == 0
    stories = CliRunner().invoke(app, ["stories", "--db", db, "--json"])
    story = json.loads(stories.stdout.splitlines()[0])["id"]
    out = tmp_path / "story.html"
    assert CliRunner().invoke(app, ["compare", story, "--db", db, "--format", "html",
                                    "--out", str(out)]).exit_code == 0
    html = out.read_text()
    table = html[html.index("<th scope=\"row\">Coast Post</th>"):][:2000]
    words = re.findall(r"[^\s<>]+", re.sub(r"<[^>]*>", " ", table))
    assert max(map(len, words)) <= 31  # 25 characters, one of them an escaped "<" (&lt;)
    assert "Ferry&lt;xxx" in table  # escaped as before
    # ordinary titles come out as they were: the same text, no markup added
    for title in ("Night ferry to be cut, council says",
                  "Verkehrsinfrastrukturfinanzierungsgesellschaft meldet Verlust"):
        assert breakable(title) is title


def test_delete_by_the_whole_disk_or_the_home_folder_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # since ingest stores absolute paths, "delete --source /" matched every file ever ingested
    # from the command line and removed them all (helper R's review of 5eeb57f)
    a, _ = _two_folders(tmp_path)
    db = str(tmp_path / "news.db")
    monkeypatch.chdir(a)
    assert _cli("ingest", "in/report.txt", "--db", db).exit_code == 0
    monkeypatch.setenv("HOME", str(tmp_path))
    for source in ("/", str(tmp_path), ".."):  # ".." from folder a is the home here
        done = _cli("delete", "--source", source, "--db", db)
        assert done.exit_code == 2, (source, done.output)
        assert "whole disk or your home folder" in done.output
    store = open_store(db)
    try:
        assert store.counts()["documents"] == 1
    finally:
        store.close()
    # the folder the inputs were read from still works
    assert _cli("delete", "--source", str(a / "in"), "--db", db).exit_code == 0
