"""scripts/techniques_oof.py: the numbers the techniques model card carries (out of fold
through analyze's path, next to cross-validation rows) are only as good as its scoring, the
mapping of cross-validation rows back onto articles, and its refusal of bad arguments."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "techniques_oof.py"


@pytest.fixture(scope="module")
def oof():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("techniques_oof", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_micro_f1_counts_every_paragraph_label(oof) -> None:  # type: ignore[no-untyped-def]
    res = [[({"A", "B"}, {"A"}), (set(), {"C"})], [({"B"}, {"B", "A"})]]
    f, p, r, shown = oof.micro(res)
    # tp 2 (A, B), fp 2 (C, A), fn 1 (B)
    assert (round(p, 3), round(r, 3), shown) == (0.5, 0.667, 4)
    assert f == pytest.approx(2 * 2 / (2 * 2 + 2 + 1))


def test_paired_bootstrap_sees_a_better_run(oof) -> None:  # type: ignore[no-untyped-def]
    worse = [[({"A"}, set())] for _ in range(30)]
    better = [[({"A"}, {"A"})] for _ in range(30)]
    lo, hi = oof.paired(worse, better, draws=200)
    assert lo > 0.9 and hi <= 1.0


def test_cross_validation_rows_go_back_to_their_article_in_order(oof) -> None:  # type: ignore[no-untyped-def]
    rows = {"groups": np.array(["en1", "de1", "en1", "en2"]),
            "oof": np.array([[0.9, 0.1], [0.9, 0.9], [0.1, 0.8], [0.2, 0.2]]),
            "thr": np.array([0.5, 0.5])}
    by = oof.cv_rows(rows, ["A", "B"])
    assert by == {"en1": [{"A"}, {"B"}], "en2": [set()]}


def test_bad_arguments_get_a_clear_error(oof, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert oof.main(["--data", str(tmp_path / "missing")]) == 2
    assert "no SemEval-2023 Task 3 data" in capsys.readouterr().err
    assert oof.main(["--data", str(tmp_path), "--factors", "lines,nonsense"]) == 2
    assert "unknown factor(s) nonsense" in capsys.readouterr().err


def test_the_fold_genre_model_is_the_genre_trainers_own_fitting(oof, tmp_path, monkeypatch
                                                                ) -> None:  # type: ignore[no-untyped-def]
    """``fit_genre`` must fit what ``parallax train genre`` fits (labeller, offsets, sure
    cut-offs), or the path number's reporting gate is not the shipped model's recipe."""
    from parallax.frame import tasks
    from parallax.frame.linear import LinearLabeller

    rng = np.random.default_rng(3)
    n = 150
    gold = [["opinion", "reporting", "satire"][i % 3] for i in range(n)]
    x = rng.normal(size=(n, 6)).astype(np.float32)
    x[:, 0] += [{"opinion": 0.0, "reporting": 1.5, "satire": -1.5}[g] for g in gold]
    news = [i % 5 == 1 for i in range(n)]
    rows = tasks.Rows(x, [[g] for g in gold], [f"en{i // 2}" for i in range(n)], ["en"] * n,
                      extra={"news": news})
    monkeypatch.setattr(tasks, "build_rows", lambda *a, **k: rows)
    tasks.train("genre", tmp_path, tmp_path, subset="all")
    shipped = LinearLabeller.load(tmp_path / "genre.npz")
    mine = oof.fit_genre(rows)
    assert mine.labels == shipped.labels
    assert np.allclose(mine.weights.astype(np.float16).astype(np.float32), shipped.weights)
    assert np.allclose(mine.slope, shipped.slope) and np.allclose(mine.intercept,
                                                                   shipped.intercept)
    assert mine.meta["offsets"] == shipped.meta["offsets"]
    assert mine.meta["sure"] == shipped.meta["sure"]


def test_the_genre_rows_add_the_news_pages_make_models_adds(oof) -> None:  # type: ignore[no-untyped-def]
    makefile = (SCRIPT.parents[1] / "Makefile").read_text(encoding="utf-8")
    line = makefile[makefile.index("parallax train genre"):].split("\n\t$(BIN)")[0]
    import re

    folders = re.search(r"\$\(foreach d,([^,]+),--news \$\(DATASETS\)/extraction/", line)
    assert folders is not None
    wanted = [f"extraction/{d}" for d in folders.group(1).split()]
    wanted += re.findall(r"--news \$\(DATASETS\)/(\S+\.jsonl)", line)
    assert list(oof.GENRE_NEWS) == wanted
