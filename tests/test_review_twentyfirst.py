"""Bugs found reviewing the twenty-first session's changes and the twentieth's leftovers
(helper R); made-up input only."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

_BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
         "ended their strike, the harbour office said. Passengers had waited for hours on the "
         "quay since Friday, and the town council asked the company for a timetable it keeps. ")


def _outlets_of_a_run(tmp_path: Path, outlets: list[str]) -> list[str]:
    from parallax.cli import app

    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps({"title": f"Sailings {i}", "outlet": outlet,
                                        "text": _BODY + f"Report {i}."}) + "\n"
                            for i, outlet in enumerate(outlets)), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return [a["outlet"] for line in result.stdout.splitlines()
            for a in json.loads(line)["articles"]]


def test_a_name_of_markup_without_words_is_none_and_the_file_is_read(tmp_path: Path) -> None:
    # 4028f7a joined the words of markup_text's answer, which is None for markup without words:
    # one record's outlet "<b></b>" made the whole JSONL file unreadable (E099, no article)
    from parallax.cli import app

    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps({"title": f"Sailings {i}", "outlet": outlet,
                                        "author": author, "text": _BODY + f"Report {i}."}) + "\n"
                            for i, (outlet, author) in enumerate(
                                [("<b></b>", "<script>Mira Tal</script>"),
                                 ("Coast\n Post", "  ")])), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    articles = [a for line in result.stdout.splitlines() for a in json.loads(line)["articles"]]
    assert [(a["outlet"], a["author"]) for a in articles] == [(None, None), ("Coast Post", None)]


def test_an_outlets_own_name_is_respelt_only_as_the_same_name(tmp_path: Path) -> None:
    # 498d496 respelt an article's own outlet as the first outlet of the hints' key, which
    # drops a leading article and a domain ending: a Montreal paper's "La Presse" was shown as
    # an earlier record's Vienna "Die Presse", "The Tribune" as "La Tribune"
    outlets = ["Die Presse", "La Presse", "La Tribune", "The Tribune", "post.example",
               "The Post", "COAST POST", "coast  post", "www.quill.example", "Quill.Example",
               "📰", "🗞️"]
    assert _outlets_of_a_run(tmp_path, outlets) == [
        "Die Presse", "La Presse", "La Tribune", "The Tribune", "post.example", "The Post",
        "COAST POST", "COAST POST", "www.quill.example", "www.quill.example", "📰", "🗞️"]

