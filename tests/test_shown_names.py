"""An entity's shown name is the spelling most of its articles use; its canonical name, id and
URL stay the first spelling seen (store/shown_names.py, twenty-eighth session, helper DN). All
articles are made up here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parallax.records import Article, Mention, Page, Published, entity_id
from parallax.store.shown_names import SPELLING, TRANSLITERATED, alias_names, choose

FIRST, LATER = "Mirra Kesler", "Mira Kessler"  # one made-up mayor; the first is misspelt
BRIDGE = ("{mayor} opened the new bridge over the Ellery river on Monday. {mayor} said the "
          "crossing would cut the drive to the harbour by twenty minutes. Builders finished "
          "the work two weeks early, and the toll stays free for the first year.")
REPORTS = [
    ("Quill Daily", "Hundreds of residents walked across the bridge after Mayor {mayor} cut "
     "the ribbon. {mayor} thanked the welders and the night crews who worked through the "
     "winter storms. Children from the school painted murals on the pillars."),
    ("Harbour Times", "The council approved extra bus lines to the bridge, {mayor} told "
     "reporters on Tuesday. Traffic on the old ferry road fell by half, according to early "
     "counts from the port office. Fishermen say the new lights disturb the night catch."),
    ("Valley Ledger", "Critics of {mayor} say the bridge ran far over its first budget. The "
     "opposition group in the council asked for an audit of the contracts before the next "
     "election in spring. The auditors expect to publish before the end of the year."),
]


def _jsonl(path: Path, records: list[tuple[str, str]], day: int) -> str:
    lines = [json.dumps({"title": f"Bridge news {day + n}", "outlet": outlet,
                         "published": f"2026-10-{day + n:02d}", "text": text,
                         "url": f"https://{outlet.split()[0].lower()}.example/{day + n}"})
             for n, (outlet, text) in enumerate(records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_the_shown_name_follows_the_articles_and_the_id_stays(tmp_path: Path) -> None:
    """Ingested first, a misspelt name stayed the entity's name on every page though three
    later articles spell it right; deleting two of those gives the first spelling back."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.settings import Config
    from parallax.store import open_store
    from parallax.web.app import create_app

    db, runner = str(tmp_path / "news.db"), CliRunner()
    first = _jsonl(tmp_path / "a.jsonl", [("Coast Post", BRIDGE.format(mayor=FIRST))], 1)
    later = _jsonl(tmp_path / "b.jsonl",
                   [(o, t.format(mayor=LATER)) for o, t in REPORTS], 2)
    for path in (first, later):
        assert runner.invoke(app, ["ingest", path, "--db", db]).exit_code == 0
    store = open_store(db)
    try:
        people = [m for a in store.articles() for m in a.entities if m.type == "PERSON"]
        assert {(m.canonical, m.entity_id) for m in people} == {(FIRST, entity_id(FIRST))}
        assert store.shown_names([FIRST]) == {FIRST: LATER}
        (story,) = store.stories()
        later_ids = [a.id for a in store.articles() if a.outlet != "Coast Post"]
    finally:
        store.close()
    (row,) = [json.loads(line) for line in
              runner.invoke(app, ["stories", "--db", db, "--json"]).stdout.splitlines()]
    assert row["key_entities"] == [FIRST] and row["shown_names"] == {FIRST: LATER}
    compared = runner.invoke(app, ["compare", story.id, "--db", db, "--format", "json"])
    assert json.loads(compared.stdout)["shown_names"] == {FIRST: LATER}
    markdown = runner.invoke(app, ["compare", story.id, "--db", db]).stdout
    # names the report prints (the articles' own sentences stay as written)
    assert f"- Key entities: {LATER}" in markdown and f"| {LATER} |" in markdown
    assert f"| {FIRST} |" not in markdown and f"attributed to {FIRST}" not in markdown
    config = Config()
    config.values["web_warm_comparisons"] = False
    client = TestClient(create_app(db, config, token_hash=""))
    page = client.get(f"/entity/{FIRST}").text  # the URL keeps the canonical name
    assert f"<h1>{LATER}</h1>" in page
    story_page = client.get(f"/story/{story.id}").text
    assert f'href="/entity/{FIRST.replace(" ", "%20")}">{LATER}</a>' in story_page

    assert runner.invoke(app, ["delete", *later_ids[:2], "--db", db]).exit_code == 0
    store = open_store(db)
    try:
        assert store.shown_names([FIRST]) == {}  # one vote each: the first seen wins the tie
    finally:
        store.close()
    # a server reads a name again after 15 s (web/context.py) or at once after its own delete
    fresh = TestClient(create_app(db, config, token_hash=""))
    assert f"<h1>{FIRST}</h1>" in fresh.get(f"/entity/{FIRST}").text
    (story_id,) = [json.loads(line)["id"] for line in
                   runner.invoke(app, ["stories", "--db", db, "--json"]).stdout.splitlines()]
    markdown = runner.invoke(app, ["compare", story_id, "--db", db]).stdout
    assert f"- Key entities: {FIRST}" in markdown


def test_the_rule() -> None:
    """Most articles win; a tie goes to the name seen first; a transliteration counts only
    where no article wrote the name; the alias table's names are kept."""
    rows: list[tuple[str, str, str, int, int]] = [
        ("Irak", TRANSLITERATED, "Irak", 1, 1), ("Irak", SPELLING, "Iraq", 1, 5),
        ("Kanada", TRANSLITERATED, "Kanada", 5, 1), ("Kanada", SPELLING, "Canada", 2, 3),
        ("Mira Lund", SPELLING, "Mira Lund", 2, 1), ("Mira Lund", SPELLING, "Mirra Lund", 2, 2),
        ("Ana Berg", SPELLING, "Ana Berg", 1, 1), ("Ana Berg", SPELLING, "Anna Berg", 2, 2),
        ("Niva", TRANSLITERATED, "Niva", 1, 1), ("Niva", TRANSLITERATED, "Nivy", 2, 2)]
    assert choose(rows) == {"Irak": "Iraq", "Kanada": "Canada", "Ana Berg": "Anna Berg",
                            "Niva": "Nivy"}
    assert choose(rows, keep={"Ana Berg"}) == {"Irak": "Iraq", "Kanada": "Canada",
                                               "Niva": "Nivy"}


def test_a_users_alias_entry_keeps_its_name(tmp_path: Path) -> None:
    from parallax.settings import Config

    table = tmp_path / "aliases.json"
    table.write_text(json.dumps({"entities": [
        {"canonical": "Ostmark Farmers Union", "type": "ORG", "aliases": ["OFU"]}]}),
        encoding="utf-8")
    config = Config()
    config.values["entity_alias_file"] = str(table)
    assert "Ostmark Farmers Union" in alias_names(config)
    assert "Ostmark Farmers Union" not in alias_names(Config())
    config.values["entity_alias_file"] = str(tmp_path / "gone.json")  # a page still shows
    assert alias_names(config) == alias_names(Config())


def _page(n: int, canonical: str, written: str, text: str | None = None) -> Page:
    body = f"Report {n} on the harbour works names {text or written} twice: {text or written}."
    mentions = [Mention(text or written, 0, 1, "PERSON", canonical, entity_id(canonical),
                        None if written == canonical else written) for _ in range(2)]
    article = Article(id=Article.make_id(f"Harbour {n}", body), role="main",
                      title=f"Harbour {n}", outlet="Coast Post",
                      published=Published("", f"2026-10-0{n}"), text=body,
                      input=f"{n}.txt", entities=mentions)
    return Page(input=f"{n}.txt", uri=f"{n}.txt", sha256=f"sha{n}", kind="text",
                fetched_at="", articles=[article])


def test_both_backends_and_the_migration(db_url: str) -> None:
    """The votes are facet rows on both backends, and migration 12 indexes an older store's
    articles from their analysis the same way (run again here on each dialect)."""
    from parallax.store import open_store
    from parallax.store.migrations import _statements, migration_scripts

    store: Any = open_store(db_url)
    try:
        store.save_page(_page(1, "Dzho Lund", "Dzho Lund", "Джо Лунд"))
        for n in (2, 3):
            store.save_page(_page(n, "Dzho Lund", "Joe Lund"))
        assert store.shown_names(["Dzho Lund"]) == {"Dzho Lund": "Joe Lund"}
        assert store.shown_names(["Dzho Lund"], keep={"Dzho Lund"}) == {}
        dialect = "postgres" if db_url.startswith("postgres") else "sqlite"
        (script,) = [s for v, s in migration_scripts(dialect) if v == 12]
        with store.transaction():
            store.conn.execute("DELETE FROM article_facets WHERE kind IN (?, ?)",
                               (SPELLING, TRANSLITERATED))
            assert store.shown_names(["Dzho Lund"]) == {}
            for statement in _statements(script):
                store.conn.execute(statement)
        rows = sorted(tuple(r) for r in store.conn.execute(
            "SELECT kind, detail, count FROM article_facets WHERE kind IN (?, ?)",
            (SPELLING, TRANSLITERATED)))
        assert rows == [(SPELLING, "Joe Lund", 2), (SPELLING, "Joe Lund", 2),
                        (TRANSLITERATED, "Dzho Lund", 2)]
        assert store.shown_names(["Dzho Lund"]) == {"Dzho Lund": "Joe Lund"}
        ids = [a.id for a in store.articles()]
        removed = store.remove_documents(["sha2", "sha3"])
        assert removed is not None and len(store.articles()) == len(ids) - 2
        assert store.shown_names(["Dzho Lund"]) == {}  # only the transliteration is left
    finally:
        store.close()
