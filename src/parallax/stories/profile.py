"""What the story stage remembers of an article: a slim profile instead of the full analysis.

An online clusterer must hold every article of a large corpus in memory and reload it quickly at
the next ingest run; the full analysis (sentences, quotes, framing evidence) is a hundred times
larger than what grouping needs. The profile is stored as JSON beside the article
(``story_profiles``), the vector stays in ``article_vectors``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from parallax.records import Article
from parallax.stories.features import article_keys, article_terms
from parallax.stories.keyentities import KEY_ENTITY_TYPES, named_of
from parallax.stories.marks import article_marks

#: what a stored profile holds; a store with older profiles is re-profiled once (version 2 added
#: the lexical terms, version 3 the cross-lingual marks)
PROFILE_VERSION = 3


@dataclass(slots=True)
class ArticleProfile:
    id: str
    role: str = "main"
    outlet: str | None = None
    language: str | None = None
    title: str = ""
    lead: str = ""  # first words, the title of last resort for an untitled story
    day: date | None = None
    keys: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)  # lexical: title + lead (features)
    marks: Counter[str] = field(default_factory=Counter)  # names and figures (stories.marks)
    duplicate_of: str | None = None
    #: names with type, mentions and flags (``keyentities.named_of``); None: stored before
    #: profiles kept them (the story header then counts ``entities`` as it used to)
    named: dict[str, tuple[str, int, int]] | None = None
    vector: np.ndarray | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "outlet": self.outlet, "language": self.language,
                "title": self.title, "lead": self.lead,
                "day": self.day.isoformat() if self.day else None,
                "keys": dict(self.keys), "entities": dict(self.entities),
                "terms": dict(self.terms), "marks": dict(self.marks),
                "duplicate_of": self.duplicate_of,
                **({} if self.named is None else {"named": self.named}),
                "v": PROFILE_VERSION}

    @classmethod
    def from_json(cls, article_id: str, data: dict[str, Any],
                  vector: np.ndarray | None = None) -> ArticleProfile:
        day = data.get("day")
        return cls(id=article_id, role=data.get("role", "main"), outlet=data.get("outlet"),
                   language=data.get("language"), title=data.get("title") or "",
                   lead=data.get("lead") or "",
                   day=date.fromisoformat(day) if day else None,
                   keys=Counter(data.get("keys") or {}),
                   entities=Counter(data.get("entities") or {}),
                   terms=Counter(data.get("terms") or {}),
                   marks=Counter(data.get("marks") or {}),
                   duplicate_of=data.get("duplicate_of"),
                   named=_named(data.get("named")),
                   vector=vector)


def _named(data: dict[str, list[Any]] | None) -> dict[str, tuple[str, int, int]] | None:
    """A profile stored before the names kept their types has none: unknown, not empty."""
    if data is None:
        return None
    return {name: (str(t), int(n), int(f)) for name, (t, n, f) in data.items()}


def time_order(p: ArticleProfile) -> tuple[str, str]:
    """Arrival order within a batch: by publication day, undated last, then by id."""
    return (p.day.isoformat() if p.day else "9999", p.id)


def day_of(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def profile_of(article: Article) -> ArticleProfile:
    words = article.text.split()
    vector = None
    if article.vector is not None:
        v = np.asarray(article.vector, dtype=np.float32)
        norm = float(np.linalg.norm(v))
        vector = v / norm if norm > 0 else None
    return ArticleProfile(
        id=article.id, role=article.role, outlet=article.outlet, language=article.language,
        title=article.title,
        lead=" ".join(words[:12]) + ("…" if len(words) > 12 else ""),
        day=day_of(article.published.iso), keys=article_keys(article),
        entities=Counter(m.canonical for m in article.entities if m.type in KEY_ENTITY_TYPES),
        terms=article_terms(article), marks=article_marks(article),
        duplicate_of=article.duplicate_of, named=named_of(article), vector=vector)
