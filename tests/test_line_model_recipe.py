"""The shipped text-dump line model is what its trainer and its card say it is.

Why: ``make segment-models`` promises to retrain the shipped segment models, and the card says
how the line model was made. The twenty-sixth session found both untrue: the file had been
fitted in the ninth session, and features and page decoding had moved since on 675 of 7,304
training dumps, so the trainer wrote another model (docs/segmentation.md, "Twenty-seventh
session (helper LM)"). The model file now records its recipe (trainer options and tree
parameters, hashed) and a fingerprint of the training rows on a sample of the training pages;
these tests fail when the trainer's defaults, the card or today's features and labels disagree
with the shipped file. When the last one fails, the code that moved changed what the model reads:
retrain (``make segment-models``, shipped by the usual rule), or keep the trees and record the
new rows (``train_line_model.py --refingerprint COMMIT``) with the card saying so, or undo the
change."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from requirements import shared_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import train_line_model  # a script beside the package, not part of it

DATA = resources.files("parallax.segment") / "data"


@pytest.fixture(scope="module")
def shipped() -> dict[str, object]:
    return dict(json.loads((DATA / "line-model-v2.json").read_text(encoding="utf-8")))


def test_the_trainer_defaults_are_the_shipped_recipe(shipped: dict[str, object]) -> None:
    recipe = train_line_model.recipe(train_line_model.parse_options([]))
    assert shipped["recipe"] == recipe, "make segment-models would train another recipe"
    assert shipped["recipe_hash"] == train_line_model.recipe_hash(recipe)
    assert shipped["params"] == train_line_model.TREES


def test_the_card_names_the_shipped_recipe(shipped: dict[str, object]) -> None:
    card = (DATA / "line-model-v2.md").read_text(encoding="utf-8")
    assert f"recipe `{shipped['recipe_hash']}`" in card
    assert f"CV {shipped['cv_word_f1']}" in card
    if "fingerprint_of" in shipped:  # trees fitted on other rows than today's: the card says so
        assert f"rows of `{shipped['fingerprint_of']}`" in card


def test_the_recipe_hash_reads_every_option() -> None:
    base = train_line_model.recipe(train_line_model.parse_options([]))
    for argv in (["--stride", "2"], ["--dump-weight", "0"], ["--folds", "3"], ["--model", "lr"]):
        other = train_line_model.recipe(train_line_model.parse_options(argv))
        assert train_line_model.recipe_hash(other) != train_line_model.recipe_hash(base), argv


def test_todays_training_rows_are_the_shipped_models(shipped: dict[str, object]) -> None:
    root = shared_path("datasets/extraction")
    now = train_line_model.fingerprint(root)
    then = shipped["fingerprint"]
    assert isinstance(then, dict)
    assert (now["pages"], now["lines"], now["main"]) == (then["pages"], then["lines"],
                                                          then["main"])
    assert now["weight"] == pytest.approx(then["weight"], rel=1e-9)
    names = train_line_model.NAMES
    for key in ("sums", "squares"):
        a, b = np.asarray(now[key]), np.asarray(then[key])
        moved = [names[j] for j in np.flatnonzero(~np.isclose(a, b, rtol=1e-8, atol=1e-5))]
        assert not moved, f"line-model columns moved since the fingerprint was recorded: {moved}"
