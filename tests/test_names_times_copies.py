"""What readers saw wrong, round two (twenty-ninth session, helper RW2): a title's full stop
ending the sentence for the story page's marks, the moment an undated page was fetched,
copies linked by arrival instead of date, Portuguese place names read as people. Every text
is made up for these tests."""

from __future__ import annotations

from pathlib import Path

from parallax.records import Article, Page, Published


def _shown(text: str) -> list[str]:
    from parallax.stories.marks import shown_marks

    article = Article(id="a", role="main", outlet=None, published=Published(), title="",
                      text=text, language="en")
    return [token for _, token in shown_marks(article)]


def test_a_title_with_a_full_stop_does_not_end_the_sentence_for_the_shown_marks() -> None:
    """"Mrs. May" showed no mark at all on the story page: the full stop after the title
    ended the sentence, and a sentence's first word is capitalised by position. A title's
    full stop ends nothing; a real sentence end still does, and the index's marks (what
    stories are clustered on) are as they were."""
    from parallax.stories.marks import mark_tokens

    assert "May" in _shown("In the end Mrs. May met the envoy Brannick in Vell.")
    assert "May" in _shown("Mrs. May met the envoy Brannick in Vell.")
    assert _shown("The rector Prof. Kessler and Dr. Lund opened the dam at Vell.") == [
        "Prof", "Kessler", "Dr", "Lund", "Vell"]
    # a sentence's end is one: "Vell." then "Officials" is capitalised by position
    assert _shown("The envoy left Vell. Officials said the harbour will open in May.") == [
        "Vell"]
    article = Article(id="a", role="main", outlet=None, published=Published(), title="",
                      text="In the end Mrs. May met Dr. Lund in Vell.", language="en")
    assert [t for _, t in mark_tokens(article)] == ["Mrs", "Dr", "Vell"]


_PAGE = ("<html><head><title>Energiepolitik</title></head><body><article>"
         "<h1>Neuer Vorschlag zur Energiepolitik</h1>"
         "<p>Die Regierung hat einen neuen Vorschlag zur Energiepolitik erhalten. Der Entwurf "
         "sieht höhere Abgaben für Kohlekraftwerke und längere Fristen für die Betreiber vor.</p>"
         "<p>„Wir prüfen den Vorschlag sehr genau“, sagte der Bundeskanzler am Mittwoch in "
         "Kellbach vor Journalisten.</p>"
         "<p>Die Opposition kritisierte den Entwurf als zu teuer und zu spät, die Verbände "
         "der Industrie begrüßten ihn dagegen ausdrücklich.</p></article></body></html>")


def _saved_page(date_line: str) -> bytes:
    """A page saved whole by a browser (MHTML), with or without the moment it was saved."""
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://kellbach.example/"
            "energie\r\nSubject: Energiepolitik\r\n" + date_line + "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/related; type=\"text/html\"; boundary=\"--B--\"\r\n\r\n"
            "----B--\r\nContent-Type: text/html; charset=utf-8\r\nContent-Location: "
            "https://kellbach.example/energie\r\n\r\n" + _PAGE + "\r\n----B----\r\n"
            ).encode("utf-8")


def test_an_undated_page_is_read_as_of_the_moment_it_was_saved(tmp_path: Path) -> None:
    """A role noun alone stands for the alias table's holder in the holder's term; an
    undated article was read as of today even when its page says when it was saved (a
    browser's MHTML ``Date``), so a page saved in 2019 showed the chancellor of 2026. The
    page's saved (or fetched, or captured) moment is now the reference; a page without one
    is read as of today, as before. The moment is no field of the article's JSON."""
    from tests.test_enrich_quotes_fresh import _pipeline

    from parallax.ingest.sources import read_inputs
    from parallax.pipeline import run_stage
    from parallax.records import Page
    from parallax.settings import Config

    pipeline = _pipeline()

    def speaker(name: str, data: bytes) -> str | None:
        path = tmp_path / name
        path.write_bytes(data)
        (doc,) = read_inputs([str(path)], Config())
        page = pipeline.segment(doc)  # type: ignore[arg-type]
        assert isinstance(page, Page)
        (article,) = [a for a in page.articles if a.role == "main"]
        assert article.published.iso is None
        for kind, annotator in pipeline.annotators:
            if kind != "framing":
                run_stage(annotator, [article])
        assert "read_at" not in article.to_dict()
        (quote,) = [q for q in article.quotes if "prüfen" in q.text]
        return quote.speaker

    saved_2019 = _saved_page("Date: Thu, 14 Mar 2019 10:00:00 -0000\r\n")
    assert speaker("2019.mhtml", saved_2019) == "der Bundeskanzler"
    assert speaker("2026.mhtml", saved_2019.replace(b"2019", b"2026")) == "Friedrich Merz"
    assert speaker("undated.mhtml", _saved_page("")) == "Friedrich Merz"  # read today


_WIRE = ("The harbour council of Vell closed the old ferry pier on Tuesday after divers found "
         "cracks in three of its pillars, the council said in a statement. ") + " ".join(
    f"Section {i} of the report lists the repairs planned for berth {i}, where the ferry "
    "from Kellbach used to land twice a day before the closure." for i in range(8))


def _copy(article_id: str, iso: str | None, text: str = _WIRE) -> Page:
    article = Article(id=article_id, role="main", title=article_id, outlet=article_id,
                      published=Published(iso, iso), text=text)
    return Page(input=article_id, uri=article_id, sha256=article_id, kind="record",
                fetched_at="", articles=[article])


def test_the_earliest_dated_copy_is_the_original_whatever_order_copies_arrive_in() -> None:
    """Among copies of one article, the copy stored first was the original even when a copy
    dated a day earlier came later. Now the earliest dated is the original and the others
    lead to it (a copy links to the copy it is most like, or to the original); an undated
    copy is the original only while no copy is dated; equal dates keep the first stored.
    The earlier pages' copies are re-linked (``take_relinks``); in any order of arrival."""
    from itertools import permutations

    from parallax.stories.dedupe import NearDuplicateIndex

    dates = {"saved": None, "coast": "2026-12-03", "harbour": "2026-12-02T09:00:00+00:00",
             "bay": "2026-12-02"}
    for order in permutations(dates):
        index = NearDuplicateIndex(0.7, by_date=True)
        pages = {name: _copy(name, dates[name]) for name in order}
        moved: dict[str, tuple[str | None, float | None]] = {}
        for name in order:
            index.mark(pages[name])
            moved.update(index.take_relinks())
        links = {name: pages[name].articles[0].duplicate_of for name in dates}

        def original(name: str, links: dict[str, str | None] = links) -> str:
            while (up := links[name]) is not None:
                name = up
            return name
        assert links["bay"] is None and {original(n) for n in dates} == {"bay"}, order
        assert links[order[0]] == "bay" or order[0] == "bay"  # the first stored: re-linked
        for name, (original, similarity) in moved.items():  # what the store is told
            assert original == links[name] and (similarity is None) == (original is None)
    # a batch's settling (``batch.settle``) re-links a copy of an earlier page in place, and
    # says that a decision changed (so the batch's own grouping is not loaded as it is)
    from parallax.batch.settle import Settler
    from parallax.ingest.outlets import RunOutlets

    settler = Settler(RunOutlets([]), NearDuplicateIndex(0.7, by_date=True))
    pages = [_copy("saved", None), _copy("coast", "2026-12-03"), _copy("bay", "2026-12-02")]
    list(settler.run(pages[:2]))
    assert pages[0].articles[0].duplicate_of == "coast"
    settler.changed = False
    settler.duplicates.take_relinks()  # (``batch.load`` takes them page by page)
    list(settler.run(pages[2:]))  # "bay" itself comes as decided: an original
    assert [p.articles[0].duplicate_of for p in pages] == ["bay", "bay", None]
    assert settler.changed
    # off (``parallax analyze``, which prints a page as it reads it): the first stored
    index = NearDuplicateIndex(0.7)
    saved, bay = _copy("saved", None), _copy("bay", "2026-12-02")
    index.mark(saved)
    index.mark(bay)
    assert bay.articles[0].duplicate_of == "saved" and not index.take_relinks()


def test_a_stored_copy_is_relinked_to_an_earlier_dated_one_on_both_backends(
        db_url: str, tmp_path: Path) -> None:
    """Ingested one at a time, an undated saved page first, then a report of 3 December,
    then one of 2 December (made up): the report of 2 December is the original, and the two
    stored before it become its copies, in their analyses and story profiles (what a
    story's independent outlets and the comparison read); one story; the story page says
    which article each copy copies. Deleting the original makes the copies articles of
    their own again, as before."""
    import json

    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store import open_store

    def record(name: str, outlet: str, published: str | None, lead: str) -> str:
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps({"title": f"Ferry pier closed ({outlet})", "outlet": outlet,
                                    "published": published, "text": lead + _WIRE}) + "\n",
                        encoding="utf-8")
        return str(path)

    inputs = [record("a", "Vell Notes", None, "Saved copy. "),
              record("b", "Coast Post", "2026-12-03", "VELL (CP) - "),
              record("c", "Harbour Times", "2026-12-02", "")]
    store = open_store(db_url)
    try:
        for path in inputs:
            ingest([path], store, Config())
        by_outlet = {a.outlet: a for a in store.articles()}
        original = by_outlet["Harbour Times"].id
        assert {o: a.duplicate_of for o, a in by_outlet.items()} == {
            "Vell Notes": original, "Coast Post": original, "Harbour Times": None}
        assert all((a.duplicate_similarity or 0) > 0.7 for a in by_outlet.values()
                   if a.duplicate_of)
        profiles = {a: json.loads(d)["duplicate_of"] for a, _, d, _ in store.story_profiles()}
        assert profiles == {a.id: a.duplicate_of for a in by_outlet.values()}
        (story,) = store.stories()
        assert story.independent_outlets == ["Harbour Times"]
    finally:
        store.close()
    compared = CliRunner().invoke(app, ["compare", story.id, "--db", db_url, "--format",
                                        "json"])
    rows = {r["id"]: r["duplicate_of"] for o in json.loads(compared.stdout)["outlets"]
            for r in o["articles"]}
    assert rows == {a.id: a.duplicate_of for a in by_outlet.values()}
    if not db_url.startswith("postgres"):
        from fastapi.testclient import TestClient

        from parallax.web.app import create_app

        config = Config()
        config.values["web_warm_comparisons"] = False
        page = TestClient(create_app(db_url, config, token_hash="")).get(
            f"/story/{story.id}").text
        assert page.count("(a copy of <a href=\"/article/") == 2
        assert page.count(f"/article/{original}\">the article of Harbour Times</a>)") == 2
    store = open_store(db_url)
    try:
        store.remove_documents(store.article_documents(original))
        assert {a.outlet: a.duplicate_of for a in store.articles()} == {
            "Vell Notes": None, "Coast Post": None}
    finally:
        store.close()


def test_a_portuguese_place_of_two_words_is_no_person() -> None:
    """Outside English and German a capitalised name of two or three words was a person,
    so the town "Vila Serena", the river "Rio Claro" and the "Mar Negro" were people on
    the entity pages. A place noun first (Portuguese, Italian, Polish write the kind before
    the name) makes it a place; a person's two names stay a person. Names made up."""
    from tests.test_enrich_quotes_fresh import _pipeline

    from parallax.pipeline import run_stage

    text = ("A câmara de Vila Serena aprovou ontem a nova ponte sobre o Rio Claro, disse a "
            "presidente Ana Costa aos jornalistas. A obra liga a vila ao porto, e os barcos "
            "que cruzam o Mar Negro deixam de esperar horas. Os moradores de Vila Serena "
            "pediram a ponte há dez anos, lembrou Ana Costa.")
    article = Article(id="t", role="main", title="", outlet="Outlet A", published=Published(),
                      text=text)
    for kind, annotator in _pipeline().annotators:
        if kind in ("language", "sentences", "entities"):
            run_stage(annotator, [article])
    assert article.language == "pt"
    types = {m.text: m.type for m in article.entities}
    assert types["Vila Serena"] == "GPE" and types["Rio Claro"] == "GPE"
    assert types["Mar Negro"] == "GPE" and types["Ana Costa"] == "PERSON"
