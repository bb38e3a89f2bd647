"""The trained framing stage: metrics, model files, train/evaluate commands, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.enrich.sentences import sentencex_sentences
from parallax.frame import metrics
from parallax.frame.linear import LinearLabeller
from parallax.frame.taxonomy import (
    FRAMES,
    GENRES,
    narratives,
    subnarratives,
    techniques,
)
from parallax.frame.trained import TrainedFraming
from parallax.records import Article, Mention, Published

runner = CliRunner()


def test_official_metrics_on_hand_computed_cases() -> None:
    gold = [["A", "B"], ["Other"], ["C"]]
    pred = [["A"], ["Other"], ["D"]]
    # per sample F1: 2*1/3, 1, 0
    assert metrics.samples_f1(gold, pred) == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert metrics.exact_match_ratio([["x"], ["x", "y"]], [["x"], ["x"]]) == 0.5
    # micro: tp=2 (A, Other), fp=1 (D), fn=2 (B, C)
    assert metrics.micro_f1(gold, pred) == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))
    assert metrics.macro_f1(["a", "a", "b"], ["a", "b", "b"], ["a", "b"]) == pytest.approx(
        (2 / 3 + 2 / 3) / 2)


def test_linear_model_round_trip_keeps_calibrated_scores(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    model = LinearLabeller(["a", "b"], rng.normal(size=(5, 2)).astype(np.float32),
                           np.zeros(2, np.float32), np.ones(2, np.float32),
                           np.zeros(2, np.float32), np.array([0.4, 0.6], np.float32),
                           {"languages": ["en"]}, rng.normal(size=(16, 2)).astype(np.float32),
                           np.zeros(2, np.float32), np.full(2, 0.5, np.float32))
    x = rng.normal(size=(3, 5)).astype(np.float32)
    buckets = [[1, 2], [], [15]]
    before = model.proba(x, buckets)
    model.save(tmp_path / "m.npz")
    loaded = LinearLabeller.load(tmp_path / "m.npz")
    assert loaded.labels == ["a", "b"] and loaded.meta == {"languages": ["en"]}
    np.testing.assert_allclose(loaded.proba(x, buckets), before, atol=2e-3)
    assert ((before > 0) & (before < 1)).all()
    with pytest.raises(ValueError, match="hashed"):
        loaded.proba(x)


def _article(text: str, language: str = "en", entities: list[Mention] | None = None) -> Article:
    article = Article(id="t", role="main", title="", outlet="Test", published=Published(),
                      text=text, language=language)
    article.sentences = sentencex_sentences(text, language)
    article.entities = entities or []
    return article


STORY = ("The regime of Aurel Dragan shelled the dam again, a brutal and cynical attack on "
         "sleeping families. Dragan's puppets lied about the victims. Villagers in Tessin said "
         "they had lost everything and begged the world for help.\n\n"
         "I think the fading West is too weak and too tired to act, and its leaders are "
         "hypocrites who care only about gas prices. What a disgrace!")


def test_stage_labels_come_from_the_taxonomies_with_evidence_in_the_text() -> None:
    start = STORY.index("Aurel Dragan")
    mentions = [Mention("Aurel Dragan", start, start + 12, "PERSON", "Aurel Dragan"),
                Mention("Dragan", STORY.index("Dragan's"), STORY.index("Dragan's") + 6,
                        "PERSON", "Aurel Dragan")]
    article = _article(STORY, entities=mentions)
    TrainedFraming().annotate(article)
    assert article.genre is not None and article.genre.label in GENRES
    assert 0 < article.genre.score <= 1 and article.genre.evidence
    assert all(e in STORY for e in article.genre.evidence)
    assert article.narratives and {n.label for n in article.narratives} <= set(narratives())
    assert {n.sub for n in article.narratives} <= set(subnarratives())
    assert {f.label for f in article.frames} <= set(FRAMES)
    assert article.techniques and {t.technique for t in article.techniques} <= set(techniques())
    assert all(0 <= t.start < t.end <= len(STORY) for t in article.techniques)
    # a story outside the SemEval-2025 domains (no Ukraine war, no climate): portrayal, no role
    assert article.roles == []
    (portrayal,) = article.portrayals
    assert portrayal.entity == "Aurel Dragan" and portrayal.polarity in ("negative", "neutral",
                                                                         "positive")
    assert 0 < portrayal.score <= 1 and portrayal.mentions >= 2
    assert all(e in STORY for e in portrayal.evidence)
    assert not portrayal.low_confidence and article.notes == []
    # the contract's keys, with our additions (evidence, low_confidence)
    data = article.to_dict()
    assert set(data["portrayals"][0]) >= {"entity", "polarity", "score", "evidence"}
    assert set(data["techniques"][0]) >= {"technique", "start", "end", "score"}
    assert set(data["genre"]) >= {"label", "score"}


@pytest.mark.parametrize(("text", "language", "reason"), [
    ("これは日本語の記事です。首相は会見で新しい政策を発表した。" * 5, "ja", "language 'ja'"),
    ("Short note.", "en", "fewer than"),
    ("   \n  ", "en", "no text"),
])
def test_bad_input_is_marked_low_confidence_not_guessed(text: str, language: str,
                                                        reason: str) -> None:
    article = _article(text, language)
    TrainedFraming().annotate(article)
    assert any(reason in note for note in article.notes), article.notes
    assert article.roles == []  # no entities, no roles
    labels = [*article.narratives, *article.frames, *article.techniques]
    if article.genre is not None:
        labels.append(article.genre)  # type: ignore[arg-type]
    assert all(label.low_confidence for label in labels)


def _write_2023(root: Path) -> None:
    en = root / "en"
    (en / "train-articles-subtask-1").mkdir(parents=True)
    (en / "train-articles-subtask-3").mkdir(parents=True)
    genre, frames, paragraphs = [], [], []
    for i in range(12):
        if i % 2:
            text = (f"Council votes on budget {i}\n\nThe city council approved the budget on "
                    f"Tuesday, officials said. The mayor told reporters the vote was {i} to 3.")
            label, frame, tech = "reporting", "Economic", ""
        else:
            text = (f"Why I am furious {i}\n\nI am sick of these corrupt clowns! We deserve "
                    f"better than this disgraceful circus, and you know it.")
            label, frame, tech = "opinion", "Morality", "Loaded_Language"
        for sub in ("1", "3"):
            (en / f"train-articles-subtask-{sub}" / f"article{100 + i}.txt").write_text(
                text, encoding="utf-8")
        genre.append(f"{100 + i}\t{label}")
        frames.append(f"{100 + i}\t{frame}")
        paragraphs += [f"{100 + i}\t1\t", f"{100 + i}\t3\t{tech}"]
    (en / "train-labels-subtask-1.txt").write_text("\n".join(genre) + "\n", encoding="utf-8")
    (en / "train-labels-subtask-2.txt").write_text("\n".join(frames) + "\n", encoding="utf-8")
    (en / "train-labels-subtask-3.txt").write_text("\n".join(paragraphs) + "\n",
                                                   encoding="utf-8")


def test_train_and_evaluate_commands_on_written_data(tmp_path: Path) -> None:
    data = tmp_path / "t3"
    _write_2023(data)
    out = tmp_path / "models"
    result = runner.invoke(app, ["train", "genre", str(data), "--out", str(out), "--folds", "3",
                                 "--all"])
    assert result.exit_code == 0, result.output
    card = json.loads((out / "genre.card.json").read_text())
    assert card["task"] == "genre" and card["rows"] == 12
    assert set(card["cross_validation"]) == {"en", "all"}
    model = LinearLabeller.load(out / "genre.npz")
    assert model.labels == list(GENRES) and model.meta["languages"] == ["en"]

    # --rows: the feature rows cross-validation scores; the default runs the analyze path
    # (tests/test_frame_endtoend.py), where these two-sentence texts may be rejected as too short
    result = runner.invoke(app, ["evaluate", "genre", str(data), "--models", str(out),
                                 "--subset", "all", "--json", "--rows"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["scores"]["all"]
    assert scores["n"] == 12 and scores["macro_f1"] >= 0.6  # two very different voices
    result = runner.invoke(app, ["evaluate", "genre", str(data), "--models", str(out),
                                 "--subset", "all", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["scores"]["all"]
    assert scores["n"] == 12 and 0.0 <= scores["macro_f1"] <= 1.0

    # scoring a predictions file in the gold format: every reporting article called opinion
    pred = tmp_path / "pred.txt"
    pred.write_text("".join(f"{100 + i}\topinion\n" for i in range(12)), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "genre", str(data), "--pred", str(pred), "--json"])
    scores = json.loads(result.stdout)["scores"]["all"]
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 0 + 0) / 3)  # opinion F1 2/3 only

    tech = tmp_path / "tech.txt"
    tech.write_text("".join(f"{100 + i}\t3\tLoaded_Language\n" for i in range(0, 12, 2)),
                    encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "techniques", str(data), "--pred", str(tech),
                                 "--json"])
    assert json.loads(result.stdout)["scores"]["all"]["micro_f1"] == 1.0


def test_model_card_matches_the_score_cards() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    check = subprocess.run([sys.executable, str(root / "scripts" / "gen_model_card.py"),
                            "--check"], check=False)
    assert check.returncode == 0, "run scripts/gen_model_card.py after retraining"


def test_a_users_own_taxonomy_becomes_the_models_labels(tmp_path: Path) -> None:
    data = tmp_path / "t3"
    _write_2023(data)
    labels = data / "en" / "train-labels-subtask-1.txt"
    labels.write_text(labels.read_text().replace("opinion", "rant").replace("reporting", "news"))
    taxonomy = tmp_path / "genres.txt"
    taxonomy.write_text("# house style\nnews\nrant\nexplainer\n", encoding="utf-8")
    out = tmp_path / "models"
    result = runner.invoke(app, ["train", "genre", str(data), "--out", str(out), "--folds", "2",
                                 "--all", "--taxonomy", str(taxonomy)])
    assert result.exit_code == 0, result.output
    assert LinearLabeller.load(out / "genre.npz").labels == ["news", "rant", "explainer"]
    article = _article(STORY)
    TrainedFraming(str(out)).annotate(article)
    assert article.genre is not None and article.genre.label in {"news", "rant", "explainer"}


def test_train_refuses_unknown_task_and_missing_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "vibes", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "unknown task" in result.output
    result = runner.invoke(app, ["train", "genre", str(tmp_path / "nope"), "--out",
                                 str(tmp_path)])
    assert result.exit_code == 2 and "not found" in result.output


def test_roles_and_narratives_predictions_are_scored_in_their_formats(tmp_path: Path) -> None:
    lang = tmp_path / "t10" / "EN"
    (lang / "raw-documents").mkdir(parents=True)
    text = "Title\n\nAurel Dragan attacked the dam. Villagers suffered."
    (lang / "raw-documents" / "EN_UA_1.txt").write_text(text, encoding="utf-8")
    (lang / "subtask-1-annotations.txt").write_text(
        "EN_UA_1.txt\tAurel Dragan\t7\t19\tAntagonist\tInstigator\n"
        "EN_UA_1.txt\tVillagers\t37\t46\tInnocent\tVictim\n", encoding="utf-8")
    (lang / "subtask-2-annotations.txt").write_text(
        "EN_UA_1.txt\tURW: Blaming the war on others rather than the invader\t"
        "URW: Blaming the war on others rather than the invader: Other\n", encoding="utf-8")
    roles = tmp_path / "roles.txt"
    roles.write_text("EN_UA_1.txt\tAurel Dragan\t7\t19\tAntagonist\tInstigator\n",
                     encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "roles", str(tmp_path / "t10"), "--pred",
                                 str(roles), "--json"])
    assert json.loads(result.stdout)["scores"]["all"]["exact_match_ratio"] == 0.5
    narr = tmp_path / "narr.txt"
    narr.write_text("EN_UA_1.txt\tURW: Blaming the war on others rather than the invader\t"
                    "URW: Blaming the war on others rather than the invader: Other\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "narratives", str(tmp_path / "t10"), "--pred",
                                 str(narr), "--json"])
    scores = json.loads(result.stdout)["scores"]["all"]
    assert scores["coarse_samples_f1"] == 1.0 and scores["fine_samples_f1"] == 1.0


def test_a_label_right_too_rarely_out_of_fold_is_never_emitted() -> None:
    """The precision floor on the cut-off (techniques: ``TECHNIQUE_MIN_PRECISION``): a label
    whose out-of-fold precision never reaches it gets ``NEVER``; one that reaches it higher up
    gets that higher cut-off instead of the F1-best one."""
    from parallax.frame.tasks import TECHNIQUE_MIN_PRECISION
    from parallax.frame.training import NEVER, best_threshold

    rng = np.random.default_rng(0)
    p = rng.random(2000)
    noise = rng.random(2000) < 0.15  # right 15% of the time at every cut-off
    assert best_threshold(p, noise) <= 0.95
    assert best_threshold(p, noise, min_precision=0.3) == NEVER
    # right half the time above 0.8, a fifth of the time below: F1 picks a low cut-off
    y = np.where(p >= 0.8, rng.random(2000) < 0.5, rng.random(2000) < 0.2)
    low, floored = best_threshold(p, y), best_threshold(p, y, min_precision=0.4)
    assert low < 0.8 <= floored
    shipped = LinearLabeller.load(Path(__file__).resolve().parents[1] / "src" / "parallax"
                                  / "frame" / "models" / "techniques.npz")
    never = {label for label, t in zip(shipped.labels, shipped.thresholds, strict=True)
             if t > 1}
    assert TECHNIQUE_MIN_PRECISION == 0.4
    assert never == {"Appeal_to_Popularity", "Causal_Oversimplification", "Straw_Man",
                     "Red_Herring", "Whataboutism", "Obfuscation-Vagueness-Confusion",
                     "False_Dilemma-No_Choice", "Slogans", "Appeal_to_Time", "Repetition"}


def test_a_sentence_level_technique_right_under_half_the_time_needs_a_higher_cut_off() -> None:
    """Doubt, Flag Waving, Repetition, Appeal to Fear (and Hypocrisy) were right 0.37-0.45 of
    the time out of fold in English at the 0.4 floor, and on real straight news they sat on a
    politician's "our country" or a plain question: they need 0.5 (``tasks.STRICT_TECHNIQUES``);
    loaded words, name-calling and Appeal to Authority (0.68) keep 0.4. ``fit_labeller`` takes
    the floor per label."""
    from parallax.frame import tasks
    from parallax.frame.training import NEVER, fit_labeller

    floors = tasks.min_precision("techniques", ["Loaded_Language", "Name_Calling-Labeling",
                                                "Appeal_to_Authority", "Doubt", "Flag_Waving"])
    assert floors == {"Loaded_Language": 0.4, "Name_Calling-Labeling": 0.4,
                      "Appeal_to_Authority": 0.4, "Doubt": 0.5, "Flag_Waving": 0.5}
    assert set(tasks.min_precision("frames", ["Morality"]).values()) == {0.5}
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1200, 4)).astype(np.float32)
    # a made-up label that the features predict only loosely: right about 45 % of the time
    # wherever it is shown, so it passes a 0.4 floor and no 0.5 one
    signal = x[:, 0] > 1.0
    y = np.where(signal, rng.random(1200) < 0.45, rng.random(1200) < 0.02)[:, None]
    groups = [str(i // 4) for i in range(1200)]
    loose = fit_labeller(x, y, ["Loaded_Language"], groups, c=1.0, folds=3,
                         min_precision={"Loaded_Language": 0.4})
    strict = fit_labeller(x, y, ["Doubt"], groups, c=1.0, folds=3,
                          min_precision=tasks.min_precision("techniques", ["Doubt"]))
    assert loose.model.thresholds[0] < 1 and strict.model.thresholds[0] == NEVER
    shipped = LinearLabeller.load(Path(__file__).resolve().parents[1] / "src" / "parallax"
                                  / "frame" / "models" / "techniques.npz")
    cut = dict(zip(shipped.labels, shipped.thresholds.tolist(), strict=True))
    assert cut["Doubt"] > 0.34 and cut["Flag_Waving"] > 0.39 and cut["Repetition"] > 1


@pytest.mark.parametrize("leaned", ["satire", "opinion", "reporting"])
def test_a_satire_lean_is_shown_as_an_unsure_opinion_with_a_note(
        monkeypatch: pytest.MonkeyPatch, leaned: str) -> None:
    """The genre model's satire was wrong on every real web page checked (personal blogs): it
    is shown as opinion, marked unsure, and the notes say so; other genres are untouched."""
    from parallax.frame import units

    monkeypatch.setattr(units, "decode_genre", lambda p, model: (leaned, 0.9))
    text = ("I spent the weekend rewiring the old barn lights, and I have to say the whole "
            "thing went better than I feared. The neighbours came round with coffee, the "
            "dog supervised from the hay bales, and by Sunday evening every lamp was on. "
            "Next month I will tackle the workshop, which is a far bigger job.")
    article = _article(text, "en")
    TrainedFraming().annotate(article)
    assert article.genre is not None
    noted = [n for n in article.notes if "leaned satire" in n]
    if leaned == "satire":
        assert article.genre.label == "opinion" and article.genre.low_confidence
        assert noted and 0.0 <= article.genre.score <= 1.0
    else:
        assert article.genre.label == leaned and not article.genre.low_confidence
        assert not noted


def test_a_frame_is_shown_only_where_it_was_right_at_least_half_the_time(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Frames carry a precision floor on their cut-off as techniques do
    (``tasks.FRAME_MIN_PRECISION``): with F1-best cut-offs two frames were shown from
    probability 0.15 though right only a quarter of the time out of fold, and on real straight
    news the frames under probability 0.5 were mostly wrong. ``parallax train frames`` passes
    the floor; the shipped model never emits those two, and every frame it can emit was right
    at least half the time out of fold (its score card)."""
    from parallax.frame import tasks

    floors: dict[str, float] = {}
    fit = tasks.fit_labeller

    def spy(*args: object, **kwargs: object) -> object:
        given = kwargs["min_precision"]
        assert isinstance(given, dict)
        floors[str(kwargs["meta"]["task"])] = min(given.values())  # type: ignore[index]
        return fit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tasks, "fit_labeller", spy)
    data = tmp_path / "t3"
    _write_2023(data)
    result = runner.invoke(app, ["train", "frames", str(data), "--out", str(tmp_path / "m"),
                                 "--folds", "3", "--all"])
    assert result.exit_code == 0, result.output
    assert floors == {"frames": tasks.FRAME_MIN_PRECISION} and tasks.FRAME_MIN_PRECISION == 0.5

    models = Path(__file__).resolve().parents[1] / "src" / "parallax" / "frame" / "models"
    shipped = LinearLabeller.load(models / "frames.npz")
    never = {label for label, t in zip(shipped.labels, shipped.thresholds, strict=True) if t > 1}
    assert never == {"Public_opinion", "Cultural_identity"}
    card = json.loads((models / "frames.card.json").read_text(encoding="utf-8"))
    for label, row in card["per_label"].items():
        assert label in never or row["precision"] >= 0.5, label
