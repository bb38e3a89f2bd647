"""The ``parallax`` command line (Typer). JSON output follows the schema-1 contract of the
design note; progress bars and messages go to stderr so stdout stays machine-readable.

Exit codes: 0 every input read; 1 some inputs rejected (the rest were processed and printed or
stored); 2 usage error or a path that does not exist; 3 configuration or store error; 130
interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from typer import _click
from typer.core import TyperGroup

from parallax.cli_stdout import (
    out,  # noqa: F401  (cli_models imports it from here)
    report_line,
    stdout_to_nowhere,
)
from parallax.cli_tables import print_page as _print_page
from parallax.cli_tables import print_stories as _print_stories  # noqa: F401  (tests import it here)
from parallax.errors import Code, ParallaxError
from parallax.records import Page, Rejection
from parallax.settings import Config, load_config, settings_markdown
from parallax.textutil import counted, for_terminal


def internal_line(exc: BaseException) -> str:
    """An exception nobody foresaw (a bug, say in clustering after every page was stored) left
    Python's exit 1, which scripts read as "some inputs rejected, the rest done"; it is exit 3
    with what to do."""
    return (f"[{Code.INTERNAL.value}] an internal error stopped the command: "
            f"{type(exc).__name__}: {str(exc)[:300]}. Everything committed before it is kept; "
            "run the same command again to continue. This is a bug: please report it with the "
            "traceback above")


class _Commands(TyperGroup):
    """Every command ends with the README's exit codes: a configuration or store error (a lost
    database connection included) is one clear line and exit 3, never a traceback; an internal
    error (a bug) is its traceback and such a line, exit 3."""

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # Ctrl-C: said, not a silent exit 130
            err.print("[yellow]interrupted[/yellow]: everything stored before it is kept; "
                      "run the same command again to continue (stored inputs are skipped)"
                      if ctx.invoked_subcommand == "ingest" else "[yellow]interrupted[/yellow]")
            raise typer.Exit(EXIT_INTERRUPTED) from exc
        except ParallaxError as exc:
            say_error(str(exc))
            raise typer.Exit(EXIT_ERROR) from exc
        except (typer.Exit, typer.Abort, _click.ClickException):
            raise  # the commands' own endings
        except BrokenPipeError as exc:
            # "stories … | head": the reader took what it wanted. Click ended it with exit 1
            # ("some inputs rejected"), which a script with pipefail took for a failure; it
            # ends quietly, 0 (extract and analyze keep their own code: cli._run_pages)
            stdout_to_nowhere()
            raise typer.Exit(EXIT_OK) from exc
        except Exception as exc:
            from parallax.store.failures import failure_line, store_failure

            failure = store_failure(exc)
            if failure is None:  # a bug: its traceback to report, then exit 3, not 1
                traceback.print_exc(file=sys.stderr)
                say_error(internal_line(exc))
            else:
                say_error(failure_line(failure))
            raise typer.Exit(EXIT_ERROR) from exc


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True,
                  rich_markup_mode="rich",
                  help="Parallax: every side of a news story. Ingest news from anywhere, "
                       "segment and analyse it, group it into stories and compare outlets.")
err = Console(stderr=True)


def say_error(message: str) -> None:
    """One error line. The message's own words (a path, a page's title, an exception's text)
    are never read as rich markup: "[/]" in a title crashed the CLI, "[settings]" vanished; nor
    as terminal controls (``textutil.for_terminal``)."""
    err.print(f"[red]error[/red] {escape(for_terminal(message))}")


def say_rejected(source: str, reason: str) -> None:
    """One rejected input and its reason, escaped like ``say_error``; what a terminal would act
    on (escape sequences, direction controls) is printed as escapes (``textutil.for_terminal``)."""
    err.print(f"[yellow]rejected[/yellow] {escape(for_terminal(source))}: "
              f"{escape(for_terminal(reason))}")

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_ERROR = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # the shell's own code for a command ended by SIGINT
DEFAULT_DB = "parallax.db"


def _db_given(db: str) -> str:
    """``--db "$DB"``, unset: SQLite opened a temporary database, lost at exit (N2, 26th)."""
    if not db.strip():
        raise typer.BadParameter("is empty (an unset shell variable?): give a database file "
                                 "such as news.db, or a postgresql:// URL")
    return db


DbOption = Annotated[str, typer.Option("--db", envvar="PARALLAX_DB", callback=_db_given,
                                       help="SQLite database file, or a "
                                            "postgresql://user:pass@host/db URL.")]
ConfigOption = Annotated[str | None, typer.Option(
    "--config", envvar="PARALLAX_CONFIG",
    help="TOML config file (default: ./parallax.toml if present).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines (schema 1).")]
FollowOption = Annotated[bool, typer.Option(
    "--follow-links", help="For feeds: fetch each item's full page (network).")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1,
    help="Processes that analyse in parallel (default: one per core). Output order and "
         "results are the same for any number.")]
Inputs = Annotated[list[str], typer.Argument(help="Files, directories (read recursively), "
                                                  "http(s) URLs, or - for standard input.",
                                             show_default=False)]


def main() -> None:
    logging.basicConfig(level=os.environ.get("PARALLAX_LOG", "WARNING"), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
        # "discarding data: None" for a page it finds no text in, beside Parallax's own
        # rejection of it: noise on stderr a --json script had to filter (helper N5)
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        app()
    except ParallaxError as exc:
        say_error(str(exc))
        raise SystemExit(EXIT_ERROR) from exc


if __name__ == "__main__":  # pragma: no cover
    # ``python -m parallax.cli`` runs this file as ``__main__``, but the command modules
    # imported below register on the importable ``parallax.cli``'s app: run that one, before
    # this copy imports them (cli_stories, imported first from here, registered last).
    from parallax import cli as _importable

    _importable.main()
    raise SystemExit(0)


def _config(path: str | None, *, follow_links: bool = False) -> Config:
    """A bad config file is a ParallaxError: ``_Commands.invoke`` prints it and exits 3."""
    config = load_config(path)
    if follow_links:
        config.values["follow_feed_links"] = True
    return config


@contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Any]:
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn()]
    with Progress(*columns, console=err, transient=True,
                  disable=not err.is_terminal) as progress:
        task = progress.add_task(label, total=total)
        yield lambda description=None: progress.update(
            task, advance=1, description=description or label)


def _missing(inputs: list[str]) -> list[str]:
    from parallax.ingest.streams import STDIN
    from parallax.ingest.url import is_address

    return [i for i in inputs if i != STDIN and not is_address(i) and not Path(i).exists()]


def _require_db(db: str) -> None:
    """Commands that only read a store stop on a database path that does not exist: opening
    it would create an empty one and answer "no stories" for a mistyped path."""
    from parallax.store.base import is_server_url

    if not is_server_url(db) and not Path(db).exists():
        say_error(f"database not found: {db} (run 'parallax ingest' first)")
        raise typer.Exit(EXIT_USAGE)


def _exit_code(rejected: int, missing: list[str]) -> int:
    if missing:
        for path in missing:
            say_error(f"path not found: {path}")
        return EXIT_USAGE
    return EXIT_REJECTED if rejected else EXIT_OK


def _run_pages(inputs: list[str], config: Config, *, analyse: bool,
               as_json: bool, workers: int = 1) -> int:
    from parallax.ingest import read_inputs
    from parallax.ingest.outlets import RunOutlets
    from parallax.parallel import process_stream
    from parallax.runner import corpus_linker
    from parallax.stories.dedupe import NearDuplicateIndex

    duplicates = NearDuplicateIndex(float(config["near_duplicate_threshold"]))
    linker = corpus_linker(config, []) if analyse else None
    outlets = RunOutlets(config["known_outlets"])
    rejected = 0

    def emit(page: Page) -> None:
        outlets.own(page)  # another outlet's verbatim copy: its own id, as ingest gives it
        duplicates.mark(page)  # copies within this batch are linked, not hidden
        for article in page.articles if linker else []:
            linker.link(article)  # type: ignore[union-attr]
        if as_json:
            sys.stdout.write(json.dumps(page.to_contract(analysed=analyse),
                                        ensure_ascii=False) + "\n")
        else:
            _print_page(page, analysed=analyse)

    results = process_stream(read_inputs(inputs, config), config, analyse=analyse,
                             workers=workers, prepare=linker.prepare_pages if linker else None)
    try:
        with _progress("Analysing" if analyse else "Extracting") as advance, closing(results):
            for _, result in results:
                assert result is not None  # nothing is skipped here
                advance(result.input[-50:])
                if isinstance(result, Rejection):
                    rejected += 1
                    if as_json:
                        sys.stdout.write(json.dumps(result.to_contract(),
                                                    ensure_ascii=False) + "\n")
                    else:
                        say_rejected(result.input, result.reason)
                else:  # a dump's header outlet may wait for the run's outlets (outlets.py)
                    for page in outlets.feed(result):
                        emit(page)
            for page in outlets.drain():
                emit(page)
            sys.stdout.flush()
    except BrokenPipeError:
        # "extract … | head": the output is the work, so it stops once nobody reads it, but
        # quietly and with the exit code of what was read; it was exit 1 ("rejected"), which
        # a script with pipefail took for a failure (helper N6)
        stdout_to_nowhere()
    return _exit_code(rejected, _missing(inputs))


@app.command()
def extract(inputs: Inputs, as_json: JsonOption = False, config: ConfigOption = None,
            follow_links: FollowOption = False) -> None:
    """Segment pages into articles, related teasers, comments and boilerplate (no analysis).

    Example: [bold]parallax extract page.txt feed.rss --json[/bold]
    """
    raise typer.Exit(_run_pages(inputs, _config(config, follow_links=follow_links),
                                analyse=False, as_json=as_json))


@app.command()
def analyze(inputs: Inputs, as_json: JsonOption = False, config: ConfigOption = None,
            follow_links: FollowOption = False, workers: WorkersOption = None) -> None:
    """Segment and analyse: language, entities, quotes, claims, roles, narratives, techniques,
    frames and genre for every article.

    Example: [bold]parallax analyze https://example.org/news.html --json[/bold]
    """
    from parallax.parallel import default_workers

    raise typer.Exit(_run_pages(inputs, _config(config, follow_links=follow_links),
                                analyse=True, as_json=as_json,
                                workers=workers or default_workers()))


@app.command()
def ingest(inputs: Annotated[list[str] | None, typer.Argument(
               help="Files, folders, URLs or feeds; - for standard input.")] = None,
           db: DbOption = DEFAULT_DB, as_json: JsonOption = False,
           config: ConfigOption = None, follow_links: FollowOption = False,
           workers: WorkersOption = None,
           from_parquet: Annotated[Path | None, typer.Option(
               "--from-parquet", help="Load the output folder of 'parallax batch' instead.")]
           = None,
           replace: Annotated[bool, typer.Option(
               "--replace", help="A changed page replaces the version stored from the same "
               "address or file (an outlet's correction), instead of being kept beside it.")]
           = False) -> None:
    """Store, analyse and cluster inputs into the database (idempotent and resumable: inputs
    already stored are skipped, an interrupted run keeps everything committed).

    Example: [bold]parallax ingest ./pages ./feeds/world.rss --db news.db[/bold]
    """
    from parallax.parallel import default_workers
    from parallax.runner import InputOutcome
    from parallax.runner import ingest as run_ingest
    from parallax.store import open_store
    from parallax.store.base import is_server_url

    cfg = _config(config, follow_links=follow_links)
    if not is_server_url(db):  # its database in the folder it reads is not read
        cfg.own_store = Path(db)
    if from_parquet is not None:
        from parallax.batch.load import load_parquet, missing_output

        # inputs beside it were neither read nor reported; --json printed nothing on stdout
        why = missing_output(from_parquet) if not inputs else \
            "give inputs or --from-parquet DIR, not both (the inputs would not be read)"
        if why is not None:  # a usage error, like any path
            say_error(why)
            raise typer.Exit(EXIT_USAGE)
        store = open_store(db)
        try:
            loaded = load_parquet(from_parquet, store, cfg)
        finally:
            store.close()
        if as_json:
            sys.stdout.write(json.dumps({"schema": 1, "summary": {
                "stored": loaded.documents, "skipped": loaded.skipped,
                "rejected": loaded.rejected, "articles": loaded.articles,
                "stories": loaded.stories}, "db": db}) + "\n")
            return
        err.print(f"[green]done[/green] loaded {loaded.documents} documents "
                  f"({loaded.articles} articles), skipped {loaded.skipped} already stored, "
                  f"{loaded.rejected} rejections of the batch; {loaded.stories} stories in "
                  f"{escape(db)}")
        return
    if not inputs:
        say_error("give inputs to ingest, or --from-parquet DIR")
        raise typer.Exit(EXIT_USAGE)
    store = open_store(db)
    try:
        with _progress("Ingesting") as advance:
            def on_item(outcome: InputOutcome) -> None:
                advance(outcome.input[-50:])
                if as_json:
                    report_line(json.dumps(outcome.to_contract(), ensure_ascii=False))
                elif outcome.status == "rejected":
                    say_rejected(outcome.input, outcome.reason or "")

            report = run_ingest(inputs, store, cfg, on_item=on_item,
                                workers=workers or default_workers(), replace=replace,
                                local=True)
    finally:
        store.close()
    summary = {"stored": report.count("stored"), "skipped": report.count("skipped"),
               "rejected": report.count("rejected"), "stories": report.story_count,
               "stories_changed": len(report.stories),
               "replaced": len(report.removed.documents)}
    if as_json:
        report_line(json.dumps({"schema": 1, "summary": summary, "db": db}))
    else:
        replaced = f" (replacing {counted(summary['replaced'], 'earlier version')})" \
            if replace else ""
        err.print(f"[green]done[/green] stored {summary['stored']}{replaced}, skipped "
                  f"{summary['skipped']} (already stored), rejected {summary['rejected']}; "
                  f"{counted(summary['stories'], 'story', 'stories')} in {escape(db)}")
        if report.unmatched:
            from parallax.runner import NOTHING_TO_MATCH

            old = sorted({a["duplicate_of"] for o in report.outcomes for a in o.articles
                          if o.reason == NOTHING_TO_MATCH and a.get("duplicate_of")})
            err.print(f"[yellow]not replaced[/yellow] {report.unmatched} input(s): "
                      f"{escape(NOTHING_TO_MATCH.removeprefix('--replace: '))}"
                      + (f" (near-duplicates of: {' '.join(old)})" if old else ""))
    raise typer.Exit(_exit_code(summary["rejected"], _missing(inputs)))


# ``stories`` lives in its own module (its filters); imported here, so the commands are listed
# in the same order as ever
from parallax import cli_stories  # noqa: E402,F401


@app.command()
def compare(story_id: Annotated[str, typer.Argument(help="Story id (see 'parallax stories').")],
            db: DbOption = DEFAULT_DB,
            fmt: Annotated[str, typer.Option("--format", help="md, html, json or csv.")] = "md",
            output: Annotated[Path | None, typer.Option("--out", help="Write to this file.")]
            = None, config: ConfigOption = None) -> None:
    """Compare how each outlet covers one story: shared, contested and exclusive claims, entity
    portrayal, narratives, techniques, voices, omissions and reader reaction.

    Example: [bold]parallax compare s1a2b3c4 --format html --out story.html[/bold]
    """
    from parallax.compare.service import comparison_for
    from parallax.store import open_store

    if fmt not in ("md", "html", "json", "csv"):
        say_error(f"unknown format '{fmt}'; use md, html, json or csv")
        raise typer.Exit(EXIT_USAGE)
    _require_db(db)
    cfg = _config(config)
    store = open_store(db)
    try:
        comparison = comparison_for(store, story_id, cfg)
    except ParallaxError as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_USAGE if exc.code == Code.NOT_IN_STORE else EXIT_ERROR) from exc
    finally:
        store.close()
    text = render(comparison, fmt)
    if output:
        write_output(output, text)
        err.print(f"[green]wrote[/green] {escape(str(output))}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def write_output(output: Path, text: str) -> None:
    """``compare --out`` and ``demo --report``: a new folder is made, as --db makes one;
    anything else is one line and exit 2, not a traceback."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except IsADirectoryError as exc:  # "--out ." said "Is a directory", and no more
        say_error(f"cannot write {output}: it is a folder; give a file name "
                  f"({output / 'story'} with the format's ending)")
        raise typer.Exit(EXIT_USAGE) from exc
    except OSError as exc:
        say_error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from exc


def render(comparison: dict[str, Any], fmt: str) -> str:
    from parallax.compare import render as renderers

    if fmt == "json":
        return json.dumps(comparison, ensure_ascii=False, indent=2)
    if fmt == "html":
        return renderers.render_html_report(comparison)
    if fmt == "csv":
        return renderers.render_csv(comparison)
    return renderers.render_markdown(comparison)


# ``batch`` lives in its own module; imported here, before ``settings``, so the commands
# are listed in the same order as ever
from parallax import cli_batch  # noqa: E402,F401


@app.command("settings")
def show_settings() -> None:
    """Print every setting with its default and why (the same table as docs/configuration.md).

    Example: [bold]parallax settings[/bold]
    """
    text = settings_markdown()  # as written: rich would wrap the table rows at the terminal
    sys.stdout.write(text if text.endswith("\n") else text + "\n")  # width and eat [brackets]


# The framing-model commands (train, evaluate), the web commands (serve, token, demo) and
# delete live in their own modules; importing them registers them on ``app``. They are
# imported last because they use this module's console and options.
from parallax import cli_manage, cli_models, cli_web  # noqa: E402,F401
