"""The small things this session's helpers left (docs/robustness.md, thirty-first session,
helper N9). Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.compare.render import template_environment
from parallax.records import Article, Page, Published, Rejection, Story
from parallax.runner import delete
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.migrations import _statements, migration_scripts
from parallax.web.app import create_app


def _page(n: int, input_: str) -> Page:
    text = f"The made-up lighthouse number {n} at Carrow Point was relit on a calm evening."
    title = f"Lighthouse {n} relit"
    article = Article(id=Article.make_id(title, text), role="main", title=title,
                      outlet="Carrow Courier", published=Published("2026-05-02", "2026-05-02"),
                      text=text, language="en")
    return Page(input=input_, uri=input_, sha256=f"{n:064x}", kind="jsonl",
                fetched_at="2026-05-02T08:00:00Z", articles=[article])


def test_deleting_a_source_forgets_its_rejections(db_url: str) -> None:
    """The front page listed a deleted source's rejections as if the source were stored."""
    store = open_store(db_url)
    try:
        store.save_page(_page(1, "crawl/export.jsonl#line-1"))
        for name in ("crawl/export.jsonl#line-2", "crawl/export.jsonl", "crawl/export.jsonl2",
                     "other.jsonl#line-4", "crawl/feed.xml#item-3"):
            store.save_rejection(Rejection(name, "made-up reason", "E002"))
        done = delete(store, Config(), [("crawl/export.jsonl", True)])
        assert [r["status"] for r in done.rows] == ["deleted"]
        assert len(done.removed.documents) == 1
        assert sorted(r["input"] for r in store.rejections()) == [
            "crawl/export.jsonl2", "crawl/feed.xml#item-3", "other.jsonl#line-4"]
        # a folder takes its files' rejections; a source with only rejections is deleted
        done = delete(store, Config(), [("crawl", True), ("other.jsonl", True)])
        assert [r["status"] for r in done.rows] == ["deleted", "deleted"]
        assert "1 rejection" in done.rows[1]["reason"]
        assert store.rejections() == []
        # nothing left from it: not found, as before
        done = delete(store, Config(), [("other.jsonl", True)])
        assert [r["status"] for r in done.rows] == ["not_found"]
    finally:
        store.close()


def test_deleting_an_article_with_its_sources_forgets_their_rejections(db_url: str) -> None:
    """The web page's and the API's "every version from its source" delete takes the sources
    as ``--source`` does, rejections included; an article alone leaves them."""
    store = open_store(db_url)
    try:
        page = _page(2, "harbour.jsonl")
        store.save_page(page)
        store.save_rejection(Rejection("harbour.jsonl#line-9", "made-up reason", "E002"))
        delete(store, Config(), [(page.articles[0].id, False)])
        assert [r["input"] for r in store.rejections()] == ["harbour.jsonl#line-9"]
        store.save_page(page)
        delete(store, Config(), [(page.articles[0].id, False)], every_version=True)
        assert store.rejections() == []
    finally:
        store.close()


def test_a_direction_override_in_an_outlet_or_title_shows_on_the_web(tmp_path: Path) -> None:
    """"Herald <U+202E>evil" read "Herald live" on every page (isolated in its element, still
    reversed inside it); the terminal escapes it since the thirtieth session. Isolates and
    embeddings, which keep each word's letters, are left to the pages' isolation."""
    db = tmp_path / "bidi.db"
    store = open_store(db)
    outlet, title = "Herald \u202eevil", "Quay \u202dreopens\u202c \u2067after\u2069 storm"
    article = Article(id=Article.make_id(title, "x"), role="main", title=title, outlet=outlet,
                      published=Published("2026-03-03", "2026-03-03"),
                      text="The made-up quay at Selwick reopened on Monday. " * 8, language="en")
    store.save_page(Page(input="q.txt", uri="q.txt", sha256=f"{7:064x}", kind="text",
                         fetched_at="2026-03-03T00:00:00Z", articles=[article]))
    store.replace_stories([Story(id="s1", title=title, article_ids=[article.id], main_count=1,
                                 outlets=[outlet], languages=["en"], key_entities=[],
                                 start="2026-03-03", end="2026-03-03")])
    store.close()
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(str(db), config, comparison_for=lambda s, i: {}))
    shown_title = "Quay \\u202dreopens\u202c \u2067after\u2069 storm"
    for path, holds in (("/", shown_title), (f"/article/{article.id}", shown_title),
                        (f"/article/{article.id}", "Herald \\u202eevil"),
                        ("/outlet/Herald \u202eevil", "Herald \\u202eevil"),
                        ("/search?q=Selwick", "Herald \\u202eevil")):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "\u202e" not in page.text and "\u202d" not in page.text, path
        assert holds in page.text, path
    # markup made by the templates stays markup (not escaped twice)
    shown = template_environment().from_string("{{ x|safe }} {{ y }}").render(
        x="<b>\u202eab</b>", y="<i>\u202e</i>")
    assert shown == "<b>\\u202eab</b> &lt;i&gt;\\u202e&lt;/i&gt;"


def test_another_sqlite_client_inserts_a_chinese_article(tmp_path: Path) -> None:
    """The n-gram index's trigger called a function only Parallax's connections have: the
    sqlite3 shell's insert of a Chinese article failed with "no such function"."""
    path = tmp_path / "cjk.db"
    store = open_store(path)
    store.save_page(_page(1, "a.txt"))
    store.save_page(Page(input="b.txt", uri="b.txt", sha256=f"{2:064x}", kind="text",
                         fetched_at="2026-05-02T08:00:00Z", articles=[Article(
                             id="zh1", role="main", title="灯塔重新点亮", outlet="Post",
                             published=Published(), text="卡罗角的灯塔周一晚上重新点亮。",
                             language="zh")]))
    other = sqlite3.connect(path, isolation_level=None)  # a plain client: no function
    other.execute("INSERT INTO articles (id, document, role, title, text, analysis) VALUES"
                  " ('zh2', ?, 'main', '渡轮停运', '港务局表示夜间渡轮将停运。灯塔照常。', '{}')",
                  (f"{2:064x}",))
    other.close()
    try:  # a store opened before the insert finds it, not yet indexed
        assert [r["id"] for r in store.search("灯塔")] == ["zh1", "zh2"]
        assert store.search_count("渡轮") == 1
        store.save_page(_page(3, "c.txt"))  # its write indexes what is queued
        conn = store.conn  # type: ignore[attr-defined]
        assert conn.execute("SELECT count(*) FROM articles_unspaced_queue").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles_unspaced WHERE articles_unspaced"
                            " MATCH 'u6e218f6e'").fetchone()[0] == 1
        assert [r["id"] for r in store.search("渡轮")] == ["zh2"]
        # the migrations run again: the same answers, a plain client still inserts
        for version, script in migration_scripts("sqlite"):
            if version in (13, 15):
                for statement in _statements(script):
                    conn.execute(statement)
        assert [r["id"] for r in store.search("灯塔")] == ["zh1", "zh2"]
    finally:
        store.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("INSERT INTO articles (id, document, role, title, text, analysis) VALUES"
                  " ('zh3', ?, 'main', '灯塔', '又一座灯塔。', '{}')", (f"{2:064x}",))
    other.close()
    store = open_store(path)  # opening indexes what another client queued
    try:
        conn = store.conn  # type: ignore[attr-defined]
        assert conn.execute("SELECT count(*) FROM articles_unspaced_queue").fetchone()[0] == 0
        assert [r["id"] for r in store.search("灯塔")] == ["zh1", "zh2", "zh3"]
    finally:
        store.close()


# Welsh, made up: an arrest after an attack (no framing model learnt Welsh; learnt, the frames
# model would show "Quality_of_life" here, a crime report)
CY = ("Cafodd dyn ei arestio gan yr heddlu ar ôl i ddau berson gael eu hanafu mewn ymosodiad yn "
      "y dref nos Sadwrn. Dywedodd yr heddlu fod y dyn wedi ei gyhuddo o geisio llofruddio a "
      "bydd yn ymddangos gerbron y llys ddydd Llun. Mae'r ddau berson yn yr ysbyty gydag "
      "anafiadau difrifol. Mae'r heddlu yn apelio am dystion ac yn gofyn i unrhyw un sydd â "
      "gwybodaeth gysylltu â nhw. Mae'r gymuned mewn sioc ar ôl y drosedd.")


def test_no_frames_in_a_language_no_framing_model_learnt() -> None:
    """A Welsh article showed "Political 0.48" under its low-confidence note."""
    from parallax.enrich.sentences import sentencex_sentences
    from parallax.frame import languages
    from parallax.frame.trained import TrainedFraming

    def welsh() -> Article:
        article = Article(id="cy", role="main", title="", outlet=None, published=Published(),
                          text=CY, language="cy")
        article.sentences = sentencex_sentences(CY, "cy")
        return article

    framing = TrainedFraming()
    article = welsh()
    framing.annotate(article)
    assert article.frames == []
    assert any("no frames for language 'cy'" in note for note in article.notes)
    assert any("not in the training data" in note for note in article.notes)
    assert article.genre is not None  # the other fields stay, as before
    framing.languages.add("cy")  # were Welsh learnt, the same article would show frames
    shown = welsh()
    framing.annotate(shown)
    assert shown.frames and not any("no frames" in note for note in shown.notes)
    # every language a framing model learnt takes the frames path as before
    learnt = set().union(*(m.meta.get("languages", []) for m in framing.models.values()))
    assert {"de", "en", "fr", "it", "pl", "ru", "bg", "hi", "pt"} <= learnt
    # (Hindi is learnt by the narrative models only and held back on evidence: helper FB)
    assert all(languages.shows_frames(code, framing.languages)
               for code in learnt - languages.NO_FRAMES)
    assert languages.shows_frames(None, framing.languages)
