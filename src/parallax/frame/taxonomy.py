"""The public taxonomies, shipped as versioned label files so labels are the official strings.

- SemEval-2025 Task 10: narratives and sub-narratives (URW, CC, Other) and entity roles
  (``Main: Fine`` per line).
- SemEval-2023 Task 3: 23 persuasion techniques, 14 frames, 3 genres.

A user's own taxonomy is a file in the same one-label-per-line format, given to
``parallax train --taxonomy FILE``; the trained model files carry their labels, so the run-time
stage speaks whatever taxonomy its models were trained with.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


def _lines(name: str) -> tuple[str, ...]:
    text = (resources.files("parallax.frame") / "data" / name).read_text(encoding="utf-8")
    return parse_labels(text)


def parse_labels(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines()
                               if line.strip() and not line.lstrip().startswith("#")))


def read_taxonomy(path: Path) -> tuple[str, ...]:
    return parse_labels(path.read_text(encoding="utf-8"))


def role_hierarchy(lines: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``Main: Fine`` lines to {main: (fine, ...)}."""
    out: dict[str, list[str]] = {}
    for line in lines:
        main, _, fine = line.partition(":")
        out.setdefault(main.strip(), [])
        if fine.strip():
            out[main.strip()].append(fine.strip())
    return {k: tuple(v) for k, v in out.items()}


FINE_ROLES: dict[str, tuple[str, ...]] = role_hierarchy(_lines("roles-semeval2025-v1.txt"))
FRAMES: tuple[str, ...] = _lines("frames-semeval2023-v1.txt")
GENRES: tuple[str, ...] = _lines("genres-semeval2023-v1.txt")


@cache
def narratives() -> tuple[str, ...]:
    return _lines("narratives-semeval2025-v1.txt")


@cache
def subnarratives() -> tuple[str, ...]:
    return _lines("subnarratives-semeval2025-v1.txt")


@cache
def techniques() -> tuple[str, ...]:
    return _lines("techniques-semeval2023-v1.txt")
