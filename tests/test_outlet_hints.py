"""A text dump's unconfirmed header outlet is confirmed by an outlet the user's other inputs
name (ingest/outlets.py), never by another dump's hint; order within a run does not matter.
All pages are made up here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.pipeline import Pipeline
from parallax.records import Article
from parallax.runner import ingest
from parallax.settings import Config
from parallax.store.base import open_store

runner = CliRunner()

BODY = [
    "The harbour authority of Lindmark approved a new ferry schedule on Tuesday after weeks of "
    "talks with the two operators that serve the northern islands.",
    "Under the plan, the first boat will leave at six in the morning and the last at eleven at "
    "night, adding four crossings a day during the summer months.",
    "Residents had complained for years that the last ferry left too early for people working "
    "late shifts on the mainland, said councillor Petra Ulving.",
    "The operators will share the cost of two extra crews, and the authority will review the "
    "schedule again next spring once passenger numbers are known.",
]


def dump(title: str, outlet: str, swap: str) -> str:
    paragraphs = [p.replace("Lindmark", swap) for p in BODY]
    return f"{title}\n\n{outlet} · 17.10.2026 · By Anna Berg\n\n" + "\n\n".join(paragraphs) + "\n"


def html(site: str) -> str:
    paragraphs = "".join(f"<p>{p.replace('ferry schedule', 'harbour fee')}</p>" for p in BODY)
    return ("<!doctype html><html><head><title>Island council votes on harbour fees</title>"
            f'<meta property="og:site_name" content="{site}"></head><body>'
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
            f"<h1>Island council votes on harbour fees</h1>{paragraphs}</article>"
            "<footer>Contact us</footer></body></html>")


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, Path]:
    files = {"dump": ("a-dump.txt", dump("Ferries to run later", "The Kestrel Gazette", "Oslund")),
             "other": ("b-dump.txt", dump("Night ferries start", "Kestrel Gazette", "Varholm")),
             "html": ("c-page.html", html("Kestrel Gazette"))}
    out = {}
    for name, (file, text) in files.items():
        out[name] = tmp_path / file
        out[name].write_text(text, encoding="utf-8")
    return out


def outlets(args: list[str]) -> dict[str, tuple[str | None, str | None]]:
    result = runner.invoke(app, ["extract", *args, "--json"])
    assert result.exit_code == 0, result.output
    found = {}
    for line in result.output.splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            (main,) = [a for a in obj["articles"] if a["role"] == "main"]
            found[Path(obj["input"]).name] = (main["outlet"], main["outlet_hint"])
    return found


def test_a_dump_alone_keeps_its_header_outlet_only_as_a_hint(pages: dict[str, Path]) -> None:
    assert outlets([str(pages["dump"])]) == {"a-dump.txt": (None, "The Kestrel Gazette")}


def test_an_html_page_of_the_run_confirms_it_in_either_order(pages: dict[str, Path]) -> None:
    forward = outlets([str(pages["dump"]), str(pages["html"])])
    backward = outlets([str(pages["html"]), str(pages["dump"])])
    assert forward == backward
    assert forward["a-dump.txt"] == ("Kestrel Gazette", "The Kestrel Gazette")  # metadata's name
    assert forward["c-page.html"] == ("Kestrel Gazette", None)


def test_another_dump_hint_never_confirms(pages: dict[str, Path]) -> None:
    found = outlets([str(pages["dump"]), str(pages["other"])])
    assert found == {"a-dump.txt": (None, "The Kestrel Gazette"),
                     "b-dump.txt": (None, "Kestrel Gazette")}


def test_the_known_outlets_setting_confirms(pages: dict[str, Path], tmp_path: Path) -> None:
    cfg = tmp_path / "parallax.toml"
    cfg.write_text('[settings]\nknown_outlets = ["kestrel gazette"]\n', encoding="utf-8")
    found = outlets([str(pages["dump"]), "--config", str(cfg)])
    assert found == {"a-dump.txt": ("kestrel gazette", "The Kestrel Gazette")}


def test_ingest_confirms_from_the_run_and_the_store(pages: dict[str, Path],
                                                   tmp_path: Path) -> None:
    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)

    def stored(db: Path, *runs: list[Path]) -> dict[str, str | None]:
        store = open_store(db)
        for run in runs:
            ingest([str(p) for p in run], store, config, pipeline=pipeline, cluster=False)
        got = {Path(a.input).name: a.outlet for a in store.articles()}
        store.close()
        return got

    alone = stored(tmp_path / "alone.db", [pages["dump"]])
    assert alone == {"a-dump.txt": None}
    same_run = stored(tmp_path / "run.db", [pages["dump"], pages["html"]])
    reversed_run = stored(tmp_path / "rev.db", [pages["html"], pages["dump"]])
    later_run = stored(tmp_path / "later.db", [pages["html"]], [pages["dump"]])
    assert same_run == reversed_run == later_run == {"a-dump.txt": "Kestrel Gazette",
                                                     "c-page.html": "Kestrel Gazette"}


def test_the_hint_survives_the_store_round_trip() -> None:
    article = Article.from_dict({"id": "a1", "title": "t", "outlet": None,
                                 "outlet_hint": "Kestrel Gazette"})
    assert Article.from_dict(article.to_dict()).outlet_hint == "Kestrel Gazette"
    assert Article.from_dict({"id": "a2"}).outlet_hint is None  # rows stored before it existed


def test_at_most_max_held_pages_wait_for_the_rest_of_the_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays bounded: beyond ``MAX_HELD`` waiting pages the longest-waiting one goes out
    with its hint unconfirmed; the others still get an outlet that arrives later."""
    from parallax.ingest import outlets as held
    from parallax.records import Page, Published

    def page(ident: str, outlet: str | None, hint: str | None) -> Page:
        article = Article(id=ident, role="main", title="", outlet=outlet, published=Published(),
                          text="Some words.", outlet_hint=hint)
        return Page(input=ident, uri=ident, sha256=ident, kind="text", fetched_at="t",
                    articles=[article])

    monkeypatch.setattr(held, "MAX_HELD", 2)
    hold = held.OutletHold(held.KnownOutlets())
    assert hold.feed(page("d1", None, "Kestrel Gazette")) == []
    assert hold.feed(page("d2", None, "Kestrel Gazette")) == []
    (out,) = hold.feed(page("d3", None, "Kestrel Gazette"))
    assert (out.input, out.articles[0].outlet) == ("d1", None)
    assert [p.input for p in hold.feed(page("h", "Kestrel Gazette", None))] == ["h"]
    assert [(p.input, p.articles[0].outlet) for p in hold.drain()] == [
        ("d2", "Kestrel Gazette"), ("d3", "Kestrel Gazette")]
