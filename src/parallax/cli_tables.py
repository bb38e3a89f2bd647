"""The tables ``extract``/``analyze`` and ``stories`` print on a terminal (``--json`` prints
none). Kept apart from the commands so each reads on its own; cells are ``rich.text.Text``, so a
page's own words ("Prices [/] rise") are never read as markup, nor its control characters
as the terminal's (``textutil.for_terminal``: an ESC in a hostile title cleared the screen)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from parallax.cli_stdout import out
from parallax.records import Page
from parallax.textutil import for_terminal
from parallax.when import shown_time


def print_page(page: Page, *, analysed: bool) -> None:
    # Text cells: a page's own words ("Prices [/] rise") are never read as rich markup
    table = Table(title=Text(for_terminal(page.input)), show_lines=False, title_justify="left")
    # the language is found by analysis: extract would show an always-empty column
    columns = ("role", "title", "outlet", "published", *(("lang",) if analysed else ()), "chars")
    for column in columns:
        table.add_column(column)
    if analysed:  # one column of counts: four narrow ones left the title "Harb…" on 80 columns
        table.add_column("found", no_wrap=True)
        table.add_column("genre", no_wrap=True)
    for a in page.articles:
        when = shown_time(a.published.text, a.published.iso, "")
        row = [a.role, a.title[:60], a.outlet or "", when,
               *([a.language or ""] if analysed else []), str(len(a.text))]
        if analysed:
            row += [f"{len(a.entities)} entities\n{len(a.quotes)} quotes\n{len(a.claims)} claims",
                    a.genre.label if a.genre else ""]
        table.add_row(*(Text(for_terminal(cell)) for cell in row))
    out.print(table)
    kinds: dict[str, int] = {}
    for b in page.boilerplate:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    out.print(f"  comments: {len(page.comments)}   boilerplate: "
              + (", ".join(f"{k} x{n}" for k, n in kinds.items()) or "none"), markup=False)


def outlets_cell(outlets: list[str], shown: int = 2) -> str:
    """The first ``shown`` outlets and how many more ('--json' and 'compare' list them all)."""
    more = len(outlets) - shown
    return ", ".join(outlets[:shown]) + (f" +{more} more" if more > 0 else "")


def print_stories(rows: list[dict[str, Any]]) -> None:
    table = Table(title="Stories", title_justify="left", pad_edge=False)
    # the id is what 'parallax compare' takes: shown whole, never cut to "s3ee4d6…"
    table.add_column("id", no_wrap=True, min_width=max((len(r["id"]) for r in rows), default=2))
    # a long outlet list is cut to its first names and a count, so an eight-outlet story is not
    # fifteen lines high on 80 columns (the demo's own table)
    for column in ("title", "articles", "outlets"):
        table.add_column(column)
    table.add_column("languages")  # wraps at ", ": four languages pushed the span off 80 columns
    table.add_column("span", min_width=10)  # whole dates, not "2026-11-…"
    for row in rows:
        mains = [a for a in row["articles"] if a["role"] == "main"]
        # a one-day story shows its day once: two lines less, and the title keeps its width
        span = " – ".join(dict.fromkeys(x for x in (row.get("start"), row.get("end")) if x)) \
            or "?"
        table.add_row(*(Text(for_terminal(cell)) for cell in (
            row["id"], row["title"][:70], str(len(mains)), outlets_cell(row["outlets"]),
            ", ".join(row["languages"]), span)))
    out.print(table)


def no_stories(db: str, counts: dict[str, int]) -> str:
    """What ``stories`` says (on stderr) instead of an empty table, which told a new user
    nothing: what the store holds and the command that comes next."""
    articles, rejected = counts.get("articles", 0), counts.get("rejections", 0)
    said = f"no stories in {db}: {articles} article{'' if articles == 1 else 's'} stored"
    if articles:
        return f"{said}; group them with 'parallax stories --rebuild --db {db}'"
    if rejected:
        said += (f", {rejected} input{' was' if rejected == 1 else 's were'} rejected (the "
                 "front page of 'parallax serve' lists why)")
    return f"{said}; add pages with 'parallax ingest FILES --db {db}'"
