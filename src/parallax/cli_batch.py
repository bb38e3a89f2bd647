"""``parallax batch``: whole archives on Dask into Parquet, then stories over all of them.

Kept apart from ``cli.py`` (which was over 500 lines); importing this module registers the
command on the shared Typer ``app``, as ``cli_manage`` and ``cli_web`` do. The work itself is
``batch/run.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from parallax.cli import (
    ConfigOption,
    _config,
    _exit_code,
    _missing,
    _progress,
    app,
    err,
    say_rejected,
)
from parallax.errors import Code
from parallax.textutil import counted


@app.command()
def batch(inputs: Annotated[list[str], typer.Argument(
              help="WARC, JSONL or Parquet shards, or folders of them.")],
          out: Annotated[Path, typer.Option("--out", help="Output folder (Parquet).")],
          scheduler: Annotated[str | None, typer.Option(
              "--scheduler", help="Address of a running Dask scheduler, e.g. "
              "tcp://10.0.0.5:8786; default: a local cluster sized to this machine.")] = None,
          workers: Annotated[int | None, typer.Option(
              "--workers", min=1, help="Worker processes of the local cluster (default: cores).")]
          = None,
          no_comparisons: Annotated[bool, typer.Option(
              "--no-comparisons", help="Skip the per-story comparisons.")] = False,
          config: ConfigOption = None) -> None:
    """Analyse whole archives on Dask into Parquet, then group stories over all of them.
    Restartable: finished shards are skipped on a re-run.

    Example: [bold]parallax batch ccnews/*.warc.gz --out run1[/bold], then
    [bold]parallax ingest --from-parquet run1 --db news.db[/bold]
    """
    from parallax.batch.run import run_batch

    if len(missing := _missing(inputs)) == len(inputs):  # a typo: no output folder, no
        raise typer.Exit(_exit_code(0, missing))  # "done 0 shards" line before the error
    cfg = _config(config)
    with _progress("Analysing shards") as advance:
        report = run_batch(inputs, out, cfg, scheduler=scheduler, workers=workers,
                           comparisons=not no_comparisons,
                           on_partition=lambda r: advance(str(r.get("shard", ""))[-50:]))
    for failure in report.failed:
        err.print(f"[yellow]failed[/yellow] {escape(str(failure['shard']))}: "
                  f"{escape(str(failure['reason']))}")
    missing = [r.input for r in report.rejected_inputs if r.code == Code.NOT_FOUND.value]
    for rejection in report.rejected_inputs:
        if rejection.input not in missing:
            say_rejected(rejection.input, rejection.reason)
    # records rejected inside the shards (a WARC's PDFs, pages with no article) were only in
    # rejections/: a done line without them read as if every record was an article
    rejected = sum(int(r.get("rejected", 0)) for r in report.finished)
    err.print(f"[green]done[/green] {counted(len(report.finished), 'shard')} analysed, "
              f"{len(report.skipped):,} already done, {len(report.failed):,} failed; "
              f"{counted(report.articles, 'article')} in "
              f"{counted(report.stories, 'story', 'stories')}; "
              f"{counted(rejected, 'record')} rejected in the shards analysed "
              f"(why: {out}/rejections/); {out}/manifest.json")
    # records rejected inside the shards count as for ingest: exit 1 is "done, some
    # rejected", so a script can tell it from "every record read" (0)
    if code := _exit_code(len(report.failed) + len(report.rejected_inputs) + rejected,
                          missing):
        raise typer.Exit(code)  # a missing path: 2, as for ingest (README)
