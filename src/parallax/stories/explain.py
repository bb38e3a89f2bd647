"""Why a story's articles were grouped: the evidence the clusterer weighs, said in words a
reader can check — the terms and entities the articles share, and what their dates say.

A reader deciding whether to trust a comparison needs to see that the grouping rests on shared
content (and, when known, dates), not on a name alone. Computed from the articles themselves
with the same term and name rules the story index uses (``features``), so the page never
explains with evidence the clusterer did not have.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parallax.records import Article
from parallax.stories.features import _TERM, LEAD_WORDS, _term
from parallax.stories.marks import shown_marks
from parallax.stories.profile import KEY_ENTITY_TYPES, day_of
from parallax.titles import without_moved_title

#: articles read for the explanation: enough for a story of any size, bounded for a huge one
SAMPLE = 60
SHOWN = 8
#: words every news story has, which explain nothing (the index's IDF discounts them; the page
#: has no corpus statistics at hand, so it drops them by name)
GENERIC = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday who what which "
    "first last former reporters told according statement week year month people see also "
    "read more".split())


@dataclass(slots=True)
class Grouping:
    articles: int
    terms: list[dict[str, Any]] = field(default_factory=list)  # {"term", "articles"}
    entities: list[dict[str, Any]] = field(default_factory=list)  # {"name", "articles"}
    dated: int = 0
    start: str | None = None
    end: str | None = None
    languages: list[str] = field(default_factory=list)
    #: names and figures written alike in articles of two languages or more (``marks``)
    crossing: list[dict[str, Any]] = field(default_factory=list)  # {"mark", "articles"}

    @property
    def dates(self) -> str:
        if not self.dated:
            return ("No publication date is known for these articles: they were grouped by "
                    "what they report alone.")
        when = self.start if self.start == self.end else f"{self.start} to {self.end}"
        return f"{self.dated} of {self.articles} articles are dated, published {when}."

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "terms": self.terms, "entities": self.entities,
                "dated": self.dated, "start": self.start, "end": self.end,
                "languages": self.languages, "crossing": self.crossing, "dates": self.dates}


def _surface_terms(article: Article) -> dict[str, str]:
    """Term key -> the word as the article wrote it (title and lead, as the index reads)."""
    found: dict[str, str] = {}
    lead = without_moved_title(article.text, article.notes)  # (not a cut title's whole text)
    words = article.title.split() + lead.split()[:LEAD_WORDS]
    for token in _TERM.findall(" ".join(words)):
        key = _term(token)
        if key is not None and key not in found:
            found[key] = token
    return found


def grouping(articles: Sequence[Article]) -> Grouping:
    """Terms and entities carried by at least two articles (most widely shared first), and the
    dates, over the story's main articles (a sample of ``SAMPLE`` for a large story)."""
    mains = [a for a in articles if a.role == "main"][:SAMPLE]
    terms: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    entities: Counter[str] = Counter()
    name_words: set[str] = set()  # terms that are parts of names are listed as entities
    for a in mains:
        name_words.update(w.lower() for m in a.entities for w in m.canonical.split())
        name_words.update(w.lower() for m in a.entities for w in m.text.split())
        found = _surface_terms(a)
        terms.update(found.keys())
        for key, word in found.items():
            surface[key][word.lower()] += 1
        entities.update({m.canonical for m in a.entities if m.type in KEY_ENTITY_TYPES})
    floor = 2 if len(mains) > 1 else 1
    skip = name_words | GENERIC
    shared_terms = [{"term": surface[k].most_common(1)[0][0], "articles": c}
                    for k, c in terms.most_common() if c >= floor and not k.startswith("#")
                    and surface[k].most_common(1)[0][0] not in skip][:SHOWN]
    shared_entities = [{"name": n, "articles": c} for n, c in entities.most_common()
                       if c >= floor][:SHOWN]
    days = sorted(d for a in mains if (d := day_of(a.published.iso)) is not None)
    return Grouping(articles=len(mains), terms=shared_terms, entities=shared_entities,
                    dated=len(days), start=days[0].isoformat() if days else None,
                    end=days[-1].isoformat() if days else None,
                    languages=sorted({a.language for a in mains if a.language}),
                    crossing=_crossing(mains))


def _crossing(mains: Sequence[Article]) -> list[dict[str, Any]]:
    """The marks (names and figures, ``stories.marks``) that articles of two languages or more
    carry, with how many articles carry each: what the story index compared across
    languages, where terms cannot speak."""
    languages: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for a in mains:
        found = dict(shown_marks(a))  # one written form per mark and article
        counts.update(found.keys())
        for mark, token in found.items():
            languages[mark].add(a.language or "")
            surface[mark][token] += 1
    return [{"mark": surface[k].most_common(1)[0][0], "articles": c}
            for k, c in counts.most_common() if len(languages[k]) > 1][:SHOWN]
