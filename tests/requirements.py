"""One rule for tests that need something outside the repository (../shared, Chromium,
PostgreSQL, an optional import): outside CI they skip with a reason a person can act on; in CI
(`CI=true`, or `PARALLAX_CI=1` as .ci/run sets) they fail, so a run cannot go green by skipping."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"


def in_ci() -> bool:
    """CI providers set CI=true; .ci/run also sets PARALLAX_CI=1 for runs outside a provider."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or bool(
        os.environ.get("PARALLAX_CI"))


def missing(what: str, how: str) -> None:
    """Skip (outside CI) or fail (in CI) because `what` is missing; `how` says how to get it."""
    message = f"{what} is missing: {how}"
    if in_ci():
        pytest.fail(f"{message} (CI may not skip)", pytrace=False)
    pytest.skip(message, allow_module_level=True)


def shared_path(relative: str) -> Path:
    """A path under ../shared that must exist, e.g. shared_path("datasets/extraction")."""
    path = SHARED / relative
    if not path.exists():
        missing(f"../shared/{relative}", "check out the shared data beside the repository")
    return path


def require_module(name: str) -> ModuleType:
    """importorskip that fails in CI: a declared dependency that does not import is a defect."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        missing(f"module {name} ({error})", "pip install -e '.[test]'")
        raise  # unreachable: missing() skips or fails
