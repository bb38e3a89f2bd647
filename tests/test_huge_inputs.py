"""Huge and odd inputs (docs/robustness.md, seventeenth session, helper B): a text longer than
``max_analysed_chars`` is analysed over its first part with a note and stored whole; two ingests
that save one page at once count it once; a bad ``--from-parquet`` folder is a usage error that
leaves no database behind. All texts are made up here."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from article_pages import article_page
from parallax.cli import app
from parallax.pipeline import Pipeline
from parallax.runner import ingest
from parallax.settings import Config, load_config
from parallax.store import open_store

runner = CliRunner()
PARAGRAPH = ("The canal board of Wexmoor said on Monday that its chair, Ilse Varrow, would "
             "raise lock fees by 9 percent. \"We cannot keep the gates open on goodwill,\" "
             "Varrow told reporters in Wexmoor.")


def _dump(paragraphs: int) -> str:
    return "Wexmoor canal board raises lock fees\n\n" + "\n\n".join(
        f"{PARAGRAPH} Barge owners in district {n} said they would pay." for n in
        range(paragraphs))


def test_the_cut_falls_on_a_paragraph_or_sentence_end() -> None:
    from parallax.pipeline import analysed_part

    text = "one two. three\n\nfour five six. seven eight"
    assert text[:analysed_part(text, 20)] == "one two. three"
    assert text[:analysed_part(text, 40)] == "one two. three\n\nfour five six."
    assert analysed_part("x" * 50, 20) == 20  # nothing to cut at: the limit itself


def test_a_text_over_the_limit_is_analysed_in_part_and_kept_whole(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(_dump(40), encoding="utf-8")
    (tmp_path / "small.toml").write_text("[settings]\nmax_analysed_chars = 2000\n")
    result = runner.invoke(app, ["analyze", str(tmp_path / "long.txt"), "--json", "--workers",
                                 "1", "--config", str(tmp_path / "small.toml")])
    assert result.exit_code == 0, result.output
    (main,) = [a for a in json.loads(result.stdout.splitlines()[-1])["articles"]
               if a["role"] == "main"]
    assert len(main["text"]) > 6000  # stored and shown whole
    (note,) = [n for n in main["notes"] if n.startswith("analysis: ")]
    read = int(note.split("first ")[1].split(" of")[0].replace(",", ""))
    assert 1000 <= read <= 2000 and main["text"][read:read + 2] == "\n\n"
    assert f"of {len(main['text']):,} characters" in note
    assert main["entities"] and main["quotes"] and main["sentences"]
    spans = [*main["sentences"], *main["entities"], *main["quotes"], *main["claims"]]
    assert max(s["end"] for s in spans) <= read  # nothing past the cut is labelled


def test_an_ordinary_article_is_not_cut() -> None:
    assert Config()["max_analysed_chars"] >= 130_000  # a 20,000-word article
    pipeline = Pipeline.from_config(load_config(None), analyse=False)
    from parallax.records import Article, Published

    article = Article(id="a1", role="main", title="t", outlet=None, published=Published(),
                      text=_dump(3))
    pipeline.analyse_articles([article])
    assert article.notes == [] and article.text == _dump(3)


def test_a_page_stored_by_another_ingest_meanwhile_is_counted_as_skipped(
        tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(_dump(2), encoding="utf-8")
    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    store = open_store(tmp_path / "news.db")
    first = ingest([str(tmp_path / "page.txt")], store, config, pipeline=pipeline,
                   cluster=False)
    assert first.count("stored") == 1
    # the other run checked before this one saved: it saves the same page again
    store.has_document = lambda sha256: False  # type: ignore[method-assign]
    second = ingest([str(tmp_path / "page.txt")], store, config, pipeline=pipeline,
                    cluster=False)
    assert second.count("stored") == 0 and second.count("skipped") == 1
    assert store.counts()["documents"] == 1
    store.close()


def test_from_parquet_on_a_bad_folder_is_a_usage_error_and_creates_no_database(
        tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    missing = runner.invoke(app, ["ingest", "--from-parquet", str(tmp_path / "nope"),
                                  "--db", str(db)])
    assert missing.exit_code == 2 and "path not found" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(app, ["ingest", "--from-parquet", str(tmp_path / "empty"),
                                "--db", str(db)])
    assert empty.exit_code == 2 and "no batch output" in empty.stderr
    assert not db.exists()


def test_sentence_lookups_bisect_to_what_a_scan_finds() -> None:
    """``EmbeddedText`` bisects sentence bounds (a scan per mention was quadratic in a long
    text); in order or not, the rows are the ones a scan over every sentence gives."""
    import random

    import numpy as np

    from parallax.frame.features import EmbeddedText
    from parallax.records import Sentence

    rnd = random.Random(5)
    for _ in range(300):
        pos, sentences = 0, []
        for _ in range(rnd.randint(0, 6)):
            pos += rnd.randint(0, 2)
            sentences.append(Sentence(pos, pos + rnd.randint(0, 4)))
            pos = sentences[-1].end
        if rnd.random() < 0.2:
            rnd.shuffle(sentences)  # out of order: the scan, as before
        doc = EmbeddedText("x" * 40, sentences, np.zeros((len(sentences), 4)))
        for a in range(-1, pos + 2):
            assert doc.row_at(a) == next(
                (i for i, s in enumerate(sentences) if s.start <= a < s.end), None)
            for b in range(a, pos + 3):
                assert doc.rows_in(a, b) == [i for i, s in enumerate(sentences)
                                             if s.start < b and s.end > a]


def test_the_article_page_says_where_the_analysis_stopped(tmp_path: Path) -> None:
    from parallax.records import Article, Published, content_hash

    article = Article(id="a" + content_hash("long"), role="main", title="Lock fees",
                      outlet=None, published=Published(), text=_dump(3), language="en",
                      notes=["analysis: only the first 1,990 of 2,500,000 characters were "
                             "analysed (max_analysed_chars); the whole text is kept"])
    text = article_page(tmp_path, article)
    assert "only the first 1,990 of 2,500,000 characters were analysed" in text


def test_article_highlights_are_what_a_reading_of_every_mark_gives() -> None:
    """The article page's pieces come from a sweep over the marks (asking every mark for every
    piece took a minute on a 2 MB article); each piece still carries exactly the marks over
    it, in the marks' order, and pieces break at every mark's ends."""
    import random

    from parallax.records import Article, Claim, Mention, Published
    from parallax.web.views import _PARAGRAPH, _marks, layered_paragraphs

    rnd = random.Random(9)
    words = ["quay", "fees", "\n\n", "rose", "\n", "  ", "x"]
    for _ in range(400):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 30)))
        size = len(text)
        entities = [Mention("t", a, a + rnd.randint(-1, 10), "PERSON", f"P{n}")
                    for n, a in enumerate(rnd.randint(-2, size + 2) for _ in range(6))]
        claims = [Claim("c", a, a + rnd.randint(0, 30), None, 0.6)
                  for a in (rnd.randint(0, size) for _ in range(2))]
        article = Article(id="a1", role="main", title="t", outlet=None, published=Published(),
                          text=text, entities=entities, claims=claims)
        marks = _marks(article)
        starts = [m.start() for m in _PARAGRAPH.finditer(text)]
        for position, paragraph in zip(starts, layered_paragraphs(article), strict=True):
            for piece in paragraph:
                lo, hi = position, position + len(piece.text)
                assert text[lo:hi] == piece.text
                position = hi
                over = [m for m in marks if m[0] <= lo and hi <= m[1]]
                assert piece.notes == [m[3] for m in over]
                assert not any(lo < x < hi for m in marks for x in m[:2])
