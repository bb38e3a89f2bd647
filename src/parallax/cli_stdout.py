"""Standard output of the commands, and what happens when its reader leaves (``parallax …
| head``). Kept apart from the commands: every command that prints goes through here, and
``cli.py`` stays readable under its line budget."""

from __future__ import annotations

import os
import sys

from rich.console import Console

_err = Console(stderr=True)


class _Stdout(Console):
    def on_broken_pipe(self) -> None:
        """Rich's own ending for "| head" is exit 1, what scripts read as "some inputs
        rejected"; the commands end it themselves, quietly (``cli._Commands``)."""
        raise BrokenPipeError


#: the console the commands print tables on
out = _Stdout()


def stdout_to_nowhere() -> None:
    """After the reader of stdout left, every later write and the exit's flush go nowhere."""
    if sys.stdout.fileno() >= 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def report_line(line: str, *, going_on: str = "the ingest goes on") -> None:
    """One line of an ingest's (or a delete's) report. Its reader may stop reading ("ingest …
    --json | head"): the ingest then stopped at the next line, silently, exit 1, with 4 of
    1,000 records stored and no story made (helper N5). The report is not the work: its lines
    go nowhere, the command goes on to its own exit code (a delete's 2 for an id not found),
    and stderr says so once."""
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_to_nowhere()
        _err.print("[yellow]note[/yellow] standard output is no longer read (| head?): "
                   f"{going_on}; its JSON lines are dropped")
