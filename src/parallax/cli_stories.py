"""``parallax stories``: list the stories, filtered as the web's stories page and
``/api/stories`` filter them.

Why the filters: the web and the API had ``outlet``, ``since`` and ``until`` and the command
line had none, so a script asking "which stories did this outlet cover this week" filtered
``stories --json`` on its own, by the story's span rather than by that outlet's articles
(round six left it, docs/robustness.md). The filter is the API's ``StoryFilter``: a story is
listed when one of its main articles is from that outlet and published in those days.

Importing this module registers the command on the shared Typer ``app``, as ``cli_manage``
does.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from parallax.cli import (
    DEFAULT_DB,
    EXIT_USAGE,
    ConfigOption,
    DbOption,
    JsonOption,
    _config,
    _progress,
    _require_db,
    app,
    err,
    say_error,
)
from parallax.cli_tables import no_stories
from parallax.cli_tables import print_stories as _print_stories
from parallax.store.browse import StoryFilter, filter_day

#: stories read from a filtered query at a time (the store pages them, as the API does)
_PAGE = 500


def _day(value: str | None, option: str) -> str | None:
    """The API's date parameter: an ISO day the calendar has, else a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return filter_day(value)
    except ValueError:
        pass
    say_error(f"{option} takes a day written YYYY-MM-DD (a day the calendar has), not "
              f"{value!r}")
    raise typer.Exit(EXIT_USAGE)


def _filtered(store: Any, where: StoryFilter) -> list[Any]:
    stories: list[Any] = []
    while True:
        page, total = store.story_page(where, offset=len(stories), limit=_PAGE)
        stories += page
        if not page or len(stories) >= total:
            return stories


@app.command()
def stories(db: DbOption = DEFAULT_DB, as_json: JsonOption = False,
            rebuild: Annotated[bool, typer.Option(
                "--rebuild", help="Re-cluster every stored article from scratch first (after "
                "changing story settings); stories keep their ids where membership carries "
                "over.")] = False,
            outlet: Annotated[str | None, typer.Option(
                "--outlet", help="Only stories with a main article from this outlet (its "
                "name as stored; with --since/--until, one article meets all three).")] = None,
            since: Annotated[str | None, typer.Option(
                "--since", help="Only stories with a main article published on or after this "
                "day (YYYY-MM-DD).")] = None,
            until: Annotated[str | None, typer.Option(
                "--until", help="Only stories with a main article published on or before this "
                "day (YYYY-MM-DD).")] = None,
            config: ConfigOption = None) -> None:
    """List the stories in the database, largest first.

    Example: [bold]parallax stories --db news.db --json[/bold]
    """
    from parallax.runner import recluster
    from parallax.store import open_store
    from parallax.store.shown_names import alias_names

    where = StoryFilter(outlet=outlet or None, since=_day(since, "--since"),
                        until=_day(until, "--until"))
    _require_db(db)
    cfg = _config(config)
    store = open_store(db)
    try:
        if rebuild:
            with _progress("Re-clustering stories") as advance:
                advance("all stored articles")
                recluster(store, cfg)
        rows, keep = [], alias_names(cfg)
        for story in _filtered(store, where) if where.active else store.stories():
            articles = [a for a in (store.article(i) for i in story.article_ids) if a]
            rows.append({**story.to_dict(), "shown_names": store.shown_names(
                story.key_entities, keep), "articles": [
                {"id": a.id, "input": a.input, "outlet": a.outlet, "title": a.title,
                 "language": a.language, "role": a.role} for a in articles]})
        counts = {} if rows else store.counts()
        outlets = store.facet_options()["outlets"] if not rows and where.outlet else []
    finally:
        store.close()
    if not rows:  # an empty table said nothing about why (stderr: stdout stays data)
        from parallax.store.postgres import redact  # (a server URL's password is never shown)

        err.print(_none_matching(where, outlets) if where.active and counts.get("stories")
                  else no_stories(redact(db), counts), highlight=False, markup=False,
                  soft_wrap=True)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps({"schema": 1, **row}, ensure_ascii=False) + "\n")
        return
    _print_stories(rows)


def _none_matching(where: StoryFilter, outlets: list[str]) -> str:
    """Why a filtered listing is empty: an outlet name the store does not hold (the names it
    does, a few) or no article of it in those days."""
    asked = ", ".join(f"{k}={v}" for k, v in where.params().items() if k != "sort")
    said = f"no story matches {asked}"
    if where.outlet and where.outlet not in outlets:
        shown = ", ".join(outlets[:8]) + (", ..." if len(outlets) > 8 else "")
        said += (f": no stored article is from an outlet named {where.outlet!r}"
                 + (f" (outlets stored: {shown})" if shown else ""))
    return said


__all__ = ["stories"]
