"""The public taxonomies, shipped as versioned label files so labels are the official strings.

- SemEval-2025 Task 10: narratives and sub-narratives (URW, CC, Other) and entity roles.
- SemEval-2023 Task 3: 23 persuasion techniques, 14 frames, 3 genres.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

FINE_ROLES: dict[str, tuple[str, ...]] = {
    "Protagonist": ("Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous"),
    "Antagonist": ("Instigator", "Conspirator", "Tyrant", "Foreign Adversary", "Traitor", "Spy",
                   "Saboteur", "Corrupt", "Incompetent", "Terrorist", "Deceiver", "Bigot"),
    "Innocent": ("Forgotten", "Exploited", "Victim", "Scapegoat"),
}
FRAMES = ("Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
          "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
          "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
          "Cultural_identity", "Public_opinion", "Political",
          "External_regulation_and_reputation")
GENRES = ("opinion", "reporting", "satire")


def _lines(name: str) -> tuple[str, ...]:
    text = (resources.files("parallax.frame") / "data" / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@cache
def narratives() -> tuple[str, ...]:
    return _lines("narratives-semeval2025-v1.txt")


@cache
def subnarratives() -> tuple[str, ...]:
    return _lines("subnarratives-semeval2025-v1.txt")


@cache
def techniques() -> tuple[str, ...]:
    return _lines("techniques-semeval2023-v1.txt")
