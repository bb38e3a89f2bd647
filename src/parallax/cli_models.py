"""``parallax train`` and ``parallax evaluate``: the framing-model commands.

They are kept apart from the everyday commands in ``cli.py`` because they read research
datasets and write model files, a different audience (people retraining Parallax) with its own
options. Importing this module registers them on the shared Typer ``app``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parallax.cli import EXIT_USAGE, JsonOption, _progress, app, err, out, say_error

TaskArg = Annotated[str, typer.Argument(
    help="roles | narratives | techniques | frames | genre", show_default=False)]
DataArg = Annotated[Path, typer.Argument(
    help="Labelled data in the SemEval layout (dataset root or one language folder).",
    show_default=False)]
CacheOption = Annotated[Path | None, typer.Option(
    "--cache", help="Sentence-embedding cache file (speeds up repeated runs).")]


def _check_task(task: str) -> None:
    from parallax.frame.tasks import TASKS

    if task not in TASKS:
        say_error(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")
        raise typer.Exit(EXIT_USAGE)


@app.command()
def train(task: TaskArg, data: DataArg,
          out_dir: Annotated[Path, typer.Option("--out", help="Folder for the model files.")],
          folds: Annotated[int, typer.Option(min=2, max=20, help="Cross-validation folds.")] = 5,
          everything: Annotated[bool, typer.Option(
              "--all", help="Also train on the fixed held-out tenth kept for the CI gate.")
          ] = False,
          taxonomy: Annotated[Path | None, typer.Option(
              help="Your own label list, one per line (roles: 'Main: Fine'; narratives: "
                   "narratives and 'Narrative: Sub' lines); default the official one.")
          ] = None,
          news: Annotated[list[Path] | None, typer.Option(
              help="genre: straight news reports to add as 'reporting' (PerSenT CSV, JSONL "
                   "with title/text, or an extraction set folder: its news-section pages; "
                   "docs/framing.md).")] = None,
          cache: CacheOption = None) -> None:
    """Train a framing model on labelled data; write it with a score card.

    The card holds cross-validated scores (official metric, per language) and a per-label table.
    Use the folder with the [bold]framing_models[/bold] setting.

    Example: [bold]parallax train narratives data/semeval2025-task10 --out models/[/bold]
    """
    from parallax.frame import tasks
    from parallax.frame.taxonomy import read_taxonomy

    _check_task(task)
    if taxonomy is not None and not taxonomy.is_file():
        say_error(f"taxonomy file not found: {taxonomy}")
        raise typer.Exit(EXIT_USAGE)
    if not data.exists():
        say_error(f"path not found: {data}")
        raise typer.Exit(EXIT_USAGE)
    with _progress(f"training {task}") as step:
        labels = read_taxonomy(taxonomy) if taxonomy is not None else None
        card = tasks.train(task, data, out_dir, folds=folds, cache=cache, taxonomy=labels,
                           subset="all" if everything else "train", progress=step,
                           news=news or ())
    _print_scores(f"{task}: {folds}-fold cross-validation", card["cross_validation"])
    err.print(f"wrote {task} model(s) and {task}.card.json to {out_dir}", markup=False)


@app.command()
def evaluate(task: TaskArg, data: DataArg,
             models: Annotated[Path | None, typer.Option(
                 help="Model folder to run (default: the bundled models).")] = None,
             pred: Annotated[Path | None, typer.Option(
                 help="Score this predictions file (gold format of the task) instead.")] = None,
             subset: Annotated[str, typer.Option(
                 help="heldout | train | all: which documents of DATA to score models on.")
             ] = "heldout",
             rows: Annotated[bool, typer.Option(
                 "--rows", help="Score the models on the training feature rows (fast, what "
                                "cross-validation scores) instead of the analyze output.")
             ] = False,
             as_json: JsonOption = False, cache: CacheOption = None) -> None:
    """Score framing predictions with the shared task's official metric.

    Either runs DATA's files through [bold]parallax analyze[/bold]'s own code path with the
    models ([bold]--models[/bold], bundled by default, on the held-out tenth unless
    [bold]--subset[/bold] says otherwise) and scores what it emits, or scores a
    [bold]--pred[/bold] file.

    Example: [bold]parallax evaluate genre ../shared/datasets/semeval2023-task3[/bold]
    """
    from parallax.frame import scoring, tasks
    from parallax.frame.bundle import bundled_dir

    _check_task(task)
    if not data.exists():
        say_error(f"path not found: {data}")
        raise typer.Exit(EXIT_USAGE)
    if subset not in ("heldout", "train", "all"):
        say_error("--subset must be heldout, train or all")
        raise typer.Exit(EXIT_USAGE)
    if pred is not None:
        result = {"all": scoring.score_file(task, data, pred)}
    else:
        with _progress(f"evaluating {task}") as step:
            if rows:
                result = tasks.evaluate(task, data, models or bundled_dir(),
                                        subset=subset,  # type: ignore[arg-type]
                                        cache=cache, progress=step)
            else:
                from parallax.frame import endtoend

                result = endtoend.evaluate(task, data, models, subset=subset, progress=step)
    if as_json:
        print(json.dumps({"task": task, "scores": result}))
    else:
        _print_scores(f"{task}: official metric", result)


def _print_scores(title: str, scores: dict[str, dict[str, float]]) -> None:
    table = Table(title=title)
    table.add_column("language")
    metric_names = [k for k in next(iter(scores.values())) if k != "n"]
    for name in metric_names:
        table.add_column(name, justify="right")
    table.add_column("n", justify="right")
    for language, values in scores.items():
        table.add_row(language, *(f"{values[m]:.3f}" for m in metric_names),
                      str(int(values.get("n", 0))))
    out.print(table)
