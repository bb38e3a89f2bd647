"""``parallax delete``: take stored documents out again.

Why: a journalist who ingested the wrong file, or a page that should not be there, had no way
to take it out but to start a new database. A document goes with its articles, comments and
boilerplate, and with what depends on them: search, entity and outlet pages, the
near-duplicate index, its story (members, title, outlets, key entities, cached comparison;
a story left without a main article is removed). The removal itself is ``store/remove.py``;
the stories are made again under the story lock by ``runner.forget``. An outlet's corrected
article replaces the stored one with ``parallax ingest --replace`` instead.

Importing this module registers the command on the shared Typer ``app``, as ``cli_web`` does.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from parallax.cli import (
    DEFAULT_DB,
    EXIT_OK,
    EXIT_USAGE,
    ConfigOption,
    DbOption,
    JsonOption,
    _config,
    _require_db,
    app,
    err,
    say_error,
)
from parallax.cli_stdout import report_line
from parallax.textutil import counted


@app.command()
def delete(ids: Annotated[list[str] | None, typer.Argument(
               help="Article ids, as ingest --json, stories --json and the web app show them.",
               show_default=False)] = None,
           source: Annotated[list[str] | None, typer.Option(
               "--source", help="Remove what was read from this file, URL or record, as "
               "given to ingest or by its path from here (a file's records and feed items "
               "included; a URL also its records in any archive or list), and the failures "
               "listed from it. Repeatable.")]
           = None,
           db: DbOption = DEFAULT_DB, as_json: JsonOption = False,
           config: ConfigOption = None) -> None:
    """Remove stored documents: each article's page (its teasers, comments and boilerplate
    with it), or everything read from a source. Its story is made again from the articles
    left, or removed when none is left. To store an outlet's corrected version instead, use
    [bold]parallax ingest --replace[/bold].

    Example: [bold]parallax delete 3f9a0c1d2e4b5a6c --db news.db[/bold];
    [bold]parallax delete --source wrong-export.jsonl --db news.db --json[/bold]
    """
    from parallax.runner import delete as remove
    from parallax.store import open_store

    targets = [(t, False) for t in ids or []] + [(s, True) for s in source or []]
    if not targets:
        say_error("give the article ids to delete, or --source PATH|URL")
        raise typer.Exit(EXIT_USAGE)
    _require_db(db)
    cfg = _config(config)
    store = open_store(db)
    try:
        done = remove(store, cfg, targets)
        story_count = store.counts()["stories"]
    finally:
        store.close()
    rows, total, kept = done.rows, done.removed, done.kept
    missing = sum(1 for r in rows if r["status"] != "deleted")
    summary = {"documents": len(total.documents), "articles": len(total.articles),
               "copies": len(total.copies),
               "not_found": sum(1 for r in rows if r["status"] == "not_found"),
               "refused": sum(1 for r in rows if r["status"] == "refused"),
               "stories_changed": len(kept),
               "stories_removed": len(total.stories) - len(kept), "stories": story_count}
    if as_json:
        for row in rows:  # "| head" leaves the exit code below as it is (2: not found)
            report_line(json.dumps({"schema": 1, **row}, ensure_ascii=False),
                        going_on="the delete is done")
        report_line(json.dumps({"schema": 1, "summary": summary, "db": db}),
                    going_on="the delete is done")
    else:
        for row in rows:
            if row["status"] != "deleted":
                say_error(f"not deleted {row['target']}: {row['reason']}")
            elif row["articles"] or row["documents"]:
                titles = "; ".join(f"{a['title'] or 'Untitled'} ({a['outlet'] or 'no outlet'})"
                                   for a in row["articles"] if a["role"] == "main")
                err.print(f"[green]deleted[/green] {escape(row['target'])}: "
                          f"{counted(len(row['documents']), 'document')}, "
                          f"{counted(len(row['articles']), 'article')}"
                          f"{escape(': ' + titles) if titles else ''}")
            elif row["reason"]:  # only the source's rejections were listed
                err.print(f"[green]deleted[/green] {escape(row['target'])}: "
                          f"{escape(row['reason'])}")
        err.print(f"[green]done[/green] deleted {counted(summary['documents'], 'document')} "
                  f"({counted(summary['articles'], 'article')}); "
                  f"{counted(summary['stories_changed'], 'story', 'stories')} made again from "
                  f"the articles left, {summary['stories_removed']} removed; "
                  f"{counted(story_count, 'story', 'stories')} in {escape(db)}")
    raise typer.Exit(EXIT_USAGE if missing else EXIT_OK)
