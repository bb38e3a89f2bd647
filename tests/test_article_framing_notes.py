"""The article page says what the framing models held back and why (issue 17: "say plainly when
the models abstain"). ``analyze --json`` carried these notes ("framing: low confidence …",
the genre model's unsure lean, loaded-language marks that rest on the paragraph since the
thirtieth session's helper TQ4) but the web page showed none, so a likeliest-word mark looked
like any other loaded word there. The texts are made up here."""

from __future__ import annotations

from pathlib import Path

from article_pages import article_page
from parallax.frame.paragraph_marks import NOTE
from parallax.records import Article, Published, content_hash


def _page(tmp_path: Path, notes: list[str]) -> str:
    return article_page(tmp_path, Article(
        id="a" + content_hash("ferry"), role="main", title="Ferry fees", outlet=None,
        published=Published(), text="The ferry board raised fees by nine percent on Monday.",
        language="en", notes=notes))


def test_the_article_page_shows_each_framing_note(tmp_path: Path) -> None:
    marks = NOTE.format(n=2)
    text = _page(tmp_path, ["framing: low confidence (short text)", marks])
    assert "<dt>Framing</dt><dd>low confidence (short text)</dd>" in text
    assert marks.removeprefix("framing: ") in text
    assert "framing: low" not in text  # the prefix is the row's label, not repeated


def test_a_framing_note_is_escaped(tmp_path: Path) -> None:
    text = _page(tmp_path, ["framing: <script>alert(1)</script> held back"])
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; held back" in text


def test_an_article_without_framing_notes_has_no_framing_row(tmp_path: Path) -> None:
    assert "<dt>Framing</dt>" not in _page(tmp_path, ["analysis: whole text analysed"])


def test_an_unsure_technique_mark_says_so(tmp_path: Path) -> None:
    """A loaded-language mark that rests on the paragraph (``paragraph_marks``) is flagged
    ``low_confidence``; the page shows it as unsure beside its score, a sure one without."""
    from parallax.records import TechniqueSpan

    text = "The ferry board raised fees by a shocking nine percent on a grim Monday."
    sure, unsure = text.index("shocking"), text.index("grim")
    article = Article(id="a" + content_hash("marks"), role="main", title="Ferry fees",
                      outlet=None, published=Published(), text=text, language="en",
                      techniques=[TechniqueSpan("Loaded_Language", sure, sure + 8, 0.81),
                                  TechniqueSpan("Loaded_Language", unsure, unsure + 4, 0.74,
                                                low_confidence=True)])
    page = article_page(tmp_path, article)
    assert page.count("unsure, ") == 1
    assert page.index("unsure, ") > page.index("<q>shocking</q>")
    assert page.index("unsure, ") < page.index("<q>grim</q>")
