"""The framing models shipped with parallax (or trained into a folder of one's own): where
they are and how they are loaded, once per process, so every stage and script that labels
articles reads the same files the same way; the labelling itself is ``frame.trained``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from parallax.frame.linear import LinearLabeller
from parallax.frame.loaded import LoadedWords
from parallax.frame.spans import SpanScorer

MODEL_NAMES = ("genre", "frames", "narratives", "subnarratives", "techniques", "roles-main",
               "roles-fine", "portrayal-sentence", "portrayal-article", "roles-gate")


def bundled_dir() -> Path:
    return Path(str(resources.files("parallax.frame") / "models"))


@cache
def load_models(directory: str) -> dict[str, LinearLabeller]:
    """Models from ``directory``, any missing one from the bundle; loaded once per process."""
    folders = [Path(directory), bundled_dir()] if directory else [bundled_dir()]
    models = {}
    for name in MODEL_NAMES:
        path = next((f / f"{name}.npz" for f in folders if (f / f"{name}.npz").exists()), None)
        if path is not None:
            models[name] = LinearLabeller.load(path)
    return models


def _model_path(directory: str, name: str) -> Path | None:
    folders = [Path(directory), bundled_dir()] if directory else [bundled_dir()]
    return next((f / name for f in folders if (f / name).exists()), None)


@cache
def load_span_scorer(directory: str, name: str = "spans.npz") -> SpanScorer | None:
    """The token scorer that places word-level technique spans (SemEval span gold), if any."""
    path = _model_path(directory, name)
    return SpanScorer.load(path) if path is not None else None


@cache
def load_loaded_words(directory: str) -> LoadedWords | None:
    """The loaded-words model for news (BABE, ``parallax.frame.loaded_training``), if any."""
    path = _model_path(directory, "loaded.npz")
    return LoadedWords.load(path) if path is not None else None
