"""What readers saw wrong, round two (twenty-ninth session, helper RW2): a title's full stop
ending the sentence for the story page's marks, the moment an undated page was fetched,
copies linked by arrival instead of date, Portuguese place names read as people. Every text
is made up for these tests."""

from __future__ import annotations

from pathlib import Path

from parallax.records import Article, Published


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
