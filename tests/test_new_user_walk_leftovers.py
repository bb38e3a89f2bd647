"""What the twenty-seventh session's new-user walk (helper N3, docs/robustness.md) saw on the
demo corpus and left, fixed by helper N4. Inputs are made up; each test fails on the commit
before its fix."""

from __future__ import annotations

import json
from pathlib import Path

from parallax.records import Article, Mention, Published
from parallax.settings import Config

TEXT = ("The ferry company of Port Ellery finished the quay repairs on Monday. Mayor Jonas "
        "Petrell said an inspection in 2024 had warned of cracks in the old pier, which was "
        "built in 1964. Passengers waited for hours on the quay since Friday, Petrell said.")


def test_a_date_is_no_entity_facet() -> None:
    """A year the recogniser types DATE ("2024") was an entity facet: an entity page, a row
    of the outlet page's entities, an entity filter of search."""
    from parallax.store.browse import facets_of

    article = Article(id="a", role="main", outlet="Coast Post", published=Published(),
                      title="Quay repairs finished", text=TEXT, entities=[
                          Mention("2024", 95, 99, "DATE", "2024"),
                          Mention("Jonas Petrell", 75, 88, "PERSON", "Jonas Petrell")])
    kinds = {(k, v, d) for k, v, d, _ in facets_of(article)}
    assert ("entity", "Jonas Petrell", "PERSON") in kinds
    assert not [f for f in kinds if f[0] == "entity" and f[2] == "DATE"], kinds


def test_a_year_gets_no_entity_page_and_no_entity_row(tmp_path: Path) -> None:
    """The demo's "In a 2024 maintenance report" made an entity page "2024", linked from the
    article's entity list as a DATE; a date is shown as a date of the article, unlinked."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.store import open_store
    from parallax.web.app import create_app

    records = tmp_path / "day.jsonl"
    records.write_text(json.dumps({"title": "Quay repairs finished", "outlet": "Coast Post",
                                   "url": "https://coast.example/quay", "text": TEXT}) + "\n",
                       encoding="utf-8")
    db = str(tmp_path / "news.db")
    assert CliRunner().invoke(app, ["ingest", str(records), "--db", db]).exit_code == 0
    store = open_store(db)
    try:
        (story,) = store.stories()
        article = store.article(story.article_ids[0])
    finally:
        store.close()
    assert article is not None
    assert "2024" in {m.text for m in article.entities if m.type == "DATE"}  # still analysed
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(db, config))
    assert client.get("/entity/2024").status_code == 404
    assert client.get("/entity/Jonas%20Petrell").status_code == 200
    page = client.get(f"/article/{article.id}").text
    assert 'href="/entity/2024"' not in page and 'href="/entity/1964"' not in page
    assert "2024" in page.split('id="sec-entities"')[1].split("</section>")[0]


def test_a_store_written_before_keeps_no_date_entity_facet(tmp_path: Path) -> None:
    """Migration 11 removes the DATE entity facets an older Parallax stored; the names stay."""
    import sqlite3

    from parallax.store import open_store
    from parallax.store.migrations import _statements, migration_scripts

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path, isolation_level=None)
    for version, script in migration_scripts("sqlite"):
        if version <= 10:
            for statement in _statements(script):
                raw.execute(statement)
    raw.execute("PRAGMA user_version = 10")
    raw.executemany("INSERT INTO article_facets (article, kind, value, detail, count)"
                    " VALUES ('a1', 'entity', ?, ?, 1)",
                    [("2024", "DATE"), ("Jonas Petrell", "PERSON")])
    raw.close()
    store = open_store(path)
    try:
        rows = store.conn.raw.execute("SELECT value, detail FROM article_facets").fetchall()
    finally:
        store.close()
    assert [tuple(r) for r in rows] == [("Jonas Petrell", "PERSON")]


def test_an_outlet_name_carries_no_quotation_marks(tmp_path: Path) -> None:
    """A page's ``og:site_name`` 'Coast "Post"' and a feed titled "Coast Post" fold to one
    outlet (``ingest.outlets.spelling``); the first spelling seen won, so every article of
    the feed was shown as 'Coast "Post"', quotation marks and all."""
    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.store import open_store

    body = TEXT + " " + TEXT.replace("Monday", "Tuesday")
    page = tmp_path / "a-page.html"
    page.write_text(
        '<html><head><meta property="og:site_name" content="Coast &quot;Post&quot;">'
        "<title>Quay repairs finished</title></head><body><article>"
        f"<h1>Quay repairs finished</h1><p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8")
    feed = tmp_path / "b-feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title>'
        "<item><title>Evening sailings added</title><link>https://coast.example/sail</link>"
        "<description>The ferry company of Port Ellery added two evening sailings on Monday "
        "after crews ended their strike. Passengers had waited for hours on the quay since "
        "Friday, the company said. The mayor called the new sailings a fair end to a long "
        "dispute.</description></item></channel></rss>", encoding="utf-8")
    db = str(tmp_path / "news.db")
    done = CliRunner().invoke(app, ["ingest", str(page), str(feed), "--db", db])
    assert done.exit_code == 0, done.output
    store = open_store(db)
    try:
        outlets = {store.article(a).outlet  # type: ignore[union-attr]
                   for s in store.stories() for a in s.article_ids}
    finally:
        store.close()
    assert outlets == {"Coast Post"}, outlets


def _attribution(text: str, language: str, mentions: list[tuple[str, str]]) -> str | None:
    """The source the claims stage gives a one-sentence article (``mentions``: text, type)."""
    from parallax.enrich.claims import make_claims
    from parallax.records import Sentence

    entities = [Mention(t, text.index(t), text.index(t) + len(t), kind, t)
                for t, kind in mentions]
    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language=language, sentences=[Sentence(0, len(text))],
                      entities=entities)
    make_claims(Config()).annotate(article)
    assert article.claims, "the sentence stays a claim"
    return article.claims[0].attribution


def test_a_claim_is_not_attributed_to_the_word_that_opens_an_inverted_sentence() -> None:
    """The demo's summit story showed a German claim "attributed to Das" ("Das bestätigte
    EU-Vermittlerin …": "that was confirmed by the envoy") and a Russian one "attributed to
    Как" ("Как сообщил … министр …": "as the minister said"): the word before the reporting
    verb was read as its subject, though a pronoun or conjunction is no source."""
    # the source follows the verb: the outlet attributes the claim, it does not assert it
    assert _attribution("Das bestätigte die Vermittlerin Ana Lund am Abend: 300 Gefangene "
                        "kommen frei.", "de", []) == "die Vermittlerin Ana Lund"
    assert _attribution("Как сообщил журналистам министр Олег Вареш, 300 пленных вернутся "
                        "домой.", "ru", [("Олег Вареш", "PERSON")]) == "Олег Вареш"
    # a name before the verb stays the source, as before
    assert _attribution("Lund bestätigte am Abend: 300 Gefangene kommen frei.", "de",
                        []) == "Lund"


def test_a_russian_quote_is_spoken_by_the_name_after_the_role_not_a_name_inside_it() -> None:
    """«…на Драву», – заявил министр … Олег Вареш: the demo showed the speaker "Dravu" (the
    recogniser types the accusative of a country's capital a person, inside the quote): the
    role noun after the verb stood for the person named last before it."""
    import re

    from parallax.enrich.quotes import make_quotes
    from parallax.records import Sentence

    text = ("Министр выступил в столице во вторник утром перед журналистами. «Теперь они "
            "хотят переложить ответственность за собственную халатность на Драву», – заявил "
            "министр иностранных дел Корвании Олег Вареш. Он добавил, что комиссия начнёт "
            "работу в понедельник.")
    entities = [Mention(w, text.index(w), text.index(w) + len(w), kind, canonical)
                for w, kind, canonical in (("Драву", "PERSON", "Dravu"),
                                           ("Корвании", "GPE", "Korvanii"),
                                           ("Олег Вареш", "PERSON", "Oleg Varesh"))]
    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language="ru", entities=entities,
                      sentences=[Sentence(m.start(), m.end())
                                 for m in re.finditer(r"[^.!?]+[.!?]", text)])
    make_quotes(Config()).annotate(article)
    assert [(q.speaker, q.cue) for q in article.quotes] == [("Oleg Varesh", "заявил")]
