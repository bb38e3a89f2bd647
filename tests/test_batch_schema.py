"""The Parquet article row (``batch.schema``): typed columns carry what the JSON carries, so a
tool reading the columns alone (DuckDB, pandas) sees the same as one reading ``analysis``."""

from __future__ import annotations

from pathlib import Path

from requirements import require_module

pa = require_module("pyarrow")
pq = require_module("pyarrow.parquet")

from parallax.batch.schema import ARTICLE_SCHEMA, article_of, row_of  # noqa: E402
from parallax.records import Article, Published, QuotedBy, TechniqueSpan  # noqa: E402


def test_technique_rows_say_whose_words_they_are(tmp_path: Path) -> None:
    text = 'The mayor said: "These crooks must go." Critics call the plan reckless.'
    article = Article(id="a1", role="main", title="A plan", outlet="Example",
                      published=Published(None, None), text=text,
                      language="en", techniques=[
                          TechniqueSpan("Name_Calling-Labeling", 23, 29, 0.8,
                                        quoted=QuotedBy("the mayor", True)),
                          TechniqueSpan("Loaded_Language", 62, 70, 0.6)])
    row = row_of(article, document="d", uri="u", kind="text", fetched_at="t")
    pq.write_table(pa.Table.from_pylist([row], schema=ARTICLE_SCHEMA), tmp_path / "a.parquet")
    back = pq.read_table(tmp_path / "a.parquet").to_pylist()[0]
    assert [t["quoted"] for t in back["techniques"]] == [
        {"speaker": "the mayor", "direct": True}, None]
    assert [t["quoted"] for t in back["techniques"]] == [
        t["quoted"] for t in article.to_dict()["techniques"]]
    assert article_of(back).techniques == article.techniques


def test_quote_rows_carry_the_partial_kind(tmp_path: Path) -> None:
    from parallax.records import Quote

    text = 'The mayor called the plan a "witch hunt" on Tuesday.'
    article = Article(id="a2", role="main", title="A plan", outlet="Example",
                      published=Published(None, None), text=text, language="en",
                      quotes=[Quote("witch hunt", 28, 38, "the mayor", "called", True, "partial")])
    row = row_of(article, document="d", uri="u", kind="text", fetched_at="t")
    pq.write_table(pa.Table.from_pylist([row], schema=ARTICLE_SCHEMA), tmp_path / "q.parquet")
    back = pq.read_table(tmp_path / "q.parquet").to_pylist()[0]
    assert [q["kind"] for q in back["quotes"]] == ["partial"]
    assert article_of(back).quotes == article.quotes
