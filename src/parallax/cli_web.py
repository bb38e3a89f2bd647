"""``parallax serve``, ``parallax token`` and ``parallax demo``: the web-facing commands.

Kept apart from the pipeline commands in ``cli.py`` (extract, analyze, ingest, stories,
compare, batch) because they start a server or hand out secrets. Importing this module
registers them on the shared Typer ``app``.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from parallax.cli import (
    DEFAULT_DB,
    EXIT_USAGE,
    ConfigOption,
    DbOption,
    _config,
    _progress,
    _require_db,
    app,
    err,
    render,
    say_error,
    write_output,
)
from parallax.settings import Config


def stories(db: str, as_json: bool) -> None:
    """``parallax stories`` as ``demo`` lists them; imported when called, since ``cli_stories``
    imports ``parallax.cli``, which imports this module last."""
    from parallax.cli_stories import stories as listing

    listing(db=db, as_json=as_json)


def _check_address(host: str, port: int) -> None:
    """Stop with advice when the server could not listen: a port in use or a host that is not
    this machine's was uvicorn's bare "[Errno 98] … address already in use", exit 3, after
    the token had been printed. (Checked by binding once; the server binds again after.)"""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        say_error(f"cannot listen on {host}: {exc.strerror}; give --host an address of this "
                  "machine (127.0.0.1, or 0.0.0.0 for every interface)")
        raise typer.Exit(EXIT_USAGE) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            why = ("is in use (another 'parallax serve'?): stop that server, or pick another "
                   "port with --port" if exc.errno == errno.EADDRINUSE else
                   f"cannot be opened ({exc.strerror}): pick another port with --port, or "
                   "another --host")
            say_error(f"port {port} on {host} {why}")
            raise typer.Exit(EXIT_USAGE) from None


@app.command()
def serve(db: DbOption = DEFAULT_DB,
          host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
          root_path: Annotated[str, typer.Option(
              "--root-path", envvar="PARALLAX_ROOT_PATH",
              help="The path a reverse proxy serves the app under, stripping it from each "
                   "request (e.g. /parallax): every link, form and redirect starts with it.")]
          = "",
          config: ConfigOption = None) -> None:
    """Serve the web UI and JSON API over a database.

    Ingest (web form and API) needs a token: the one whose hash is the `web_token_hash`
    setting, or on a loopback address a one-time token printed at start.

    Example: [bold]parallax serve --db news.db --port 8000[/bold], then open http://127.0.0.1:8000
    """
    import uvicorn

    from parallax.store import open_store
    from parallax.web.app import create_app, path_prefix
    from parallax.web.security import hash_token, new_token

    try:
        root = path_prefix(root_path)
    except ValueError as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    _require_db(db)
    _check_address(host, port)
    # a file that is no database (or a server that is down) is one line and exit 3 here, not
    # a server that starts, logs a traceback and answers every page with an error
    open_store(db).close()
    cfg = _config(config)
    token_hash = "" if cfg["web_read_only"] else str(cfg["web_token_hash"])
    if not token_hash and not cfg["web_read_only"] and host in ("127.0.0.1", "localhost", "::1"):
        token = new_token()
        token_hash = hash_token(token)
        err.print(f"Ingest token for this run: [bold]{token}[/bold] (loopback only; set "
                  "web_token_hash from 'parallax token' for a lasting one)")
    elif not token_hash:
        err.print("Read-only: no web_token_hash configured, so ingest is off on this address.")
    err.print(f"Serving {escape(db)} on [bold]http://{host}:{port}[/bold] (Ctrl+C to stop)"
              + (f"; links are written under {root}, for a proxy that strips it from each "
                 "request" if root else ""))
    web_app = create_app(db, cfg, token_hash=token_hash, root_path=root)
    if cfg["web_warm_comparisons"]:
        web_app.state.jobs.warm()  # background: each story's first view becomes a cache hit
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def token() -> None:
    """Make an ingest token for the web app: prints the token (give it to people who may
    ingest) and the line for parallax.toml (only the hash is stored).

    Example: [bold]parallax token[/bold]
    """
    from parallax.web.security import hash_token, new_token

    secret = new_token()
    err.print("Token (shown once; keep it secret):")
    sys.stdout.write(secret + "\n")
    err.print("Add to parallax.toml under [settings]:", markup=False)
    sys.stdout.write(f'web_token_hash = "{hash_token(secret)}"\n')


@app.command()
def demo(db: DbOption = "parallax-demo.db",
         report: Annotated[Path, typer.Option(help="HTML report of the largest story.")]
         = Path("parallax-demo-report.html"),
         no_serve: Annotated[bool, typer.Option("--no-serve", help="Build only; do not serve.")]
         = False,
         port: Annotated[int, typer.Option(help="Port for the web UI.", min=1, max=65535)]
         = 8000,
         config: ConfigOption = None) -> None:
    """Ingest the bundled fictional demo corpus, summarise its stories, write an HTML report of
    the largest story and serve the web UI.

    Example: [bold]parallax demo --no-serve[/bold]
    """
    cfg = _config(config)
    if not no_serve:
        _check_address("127.0.0.1", port)  # before the minutes of ingest, not after
    corpus = demo_corpus_path()
    err.print(f"Demo corpus: {corpus} (fictional; see its README)")
    _demo_ingest(corpus, db, cfg)
    stories(db=db, as_json=False)
    from parallax.compare.service import comparison_for
    from parallax.store import open_store

    store = open_store(db)
    try:
        largest = store.stories()[0]
        comparison = comparison_for(store, largest.id, cfg)
    finally:
        store.close()
    write_output(report, render(comparison, "html"))  # "--report out/demo.html": a traceback
    err.print(f"[green]wrote[/green] report of the largest story '{escape(largest.title)}' to "
              f"{escape(str(report))}")
    if not no_serve:
        serve(db=db, host="127.0.0.1", port=port, config=config)


def demo_corpus_path() -> Path:
    return Path(str(resources.files("parallax") / "demo" / "corpus"))


def _demo_ingest(corpus: Path, db: str, cfg: Config) -> None:
    from parallax.runner import ingest as run_ingest
    from parallax.store import open_store

    store = open_store(db)
    try:
        with _progress("Ingesting demo corpus") as advance:
            report = run_ingest([str(corpus)], store, cfg,
                                on_item=lambda outcome: advance(outcome.input[-50:]))
    finally:
        store.close()
    err.print(f"stored {report.count('stored')} documents, skipped {report.count('skipped')} "
              f"already stored, rejected {report.count('rejected')}; "
              f"{report.story_count} stories")
