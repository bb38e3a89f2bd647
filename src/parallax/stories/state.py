"""A story's running sums: what the index scores articles and other stories against.

Why sums: the mean cosine between an article and a story's members equals the dot product of
the article's unit vector with the sum of the members' unit vectors, divided by their number,
so a story of any size costs one dot product (``index.py``); merging two stories adds sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from parallax.stories.actions import action_stages

PROFILE_KEYS = 300  # name keys kept per story sum (the heaviest), bounding a huge story's cost
#: how a restored member's terms are weighed when its story's term sums are first asked for:
#: with the document frequencies of the load that restored it (``StorySimilarity.frozen_terms``)
Weigh = Callable[[Counter[str]], dict[str, float]]


def add_weights(weights: dict[str, float], language: str,
                by_language: dict[str, dict[str, float]], count: Counter[str]) -> None:
    """One member's unit weights (terms or marks) into a story's sums of its language."""
    if weights:
        sums = by_language.setdefault(language, {})
        for k, v in weights.items():
            sums[k] = sums.get(k, 0.0) + v
        if len(sums) > 2 * PROFILE_KEYS:
            by_language[language] = dict(
                sorted(sums.items(), key=lambda kv: -kv[1])[:PROFILE_KEYS])
        count[language] += 1


@dataclass(slots=True)
class StoryState:
    id: str
    order: int  # creation order, for stable tie-breaks
    mains: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    key_sum: dict[str, float] = field(default_factory=dict)
    #: lexical term sums per language (terms of two languages never meet) and how many members
    #: of each language carry terms, read through ``term_sum`` and ``term_count``
    summed_terms: dict[str, dict[str, float]] = field(default_factory=dict)
    summed_term_count: Counter[str] = field(default_factory=Counter)
    #: (weigh, terms, language) of restored members whose terms are not summed yet
    #: (``StoryIndex.restore``), summed in arrival order when first asked for
    unsummed_terms: list[tuple[Weigh, Counter[str], str]] = field(default_factory=list)
    #: cross-lingual mark sums per language and how many members of each carry marks
    mark_sum: dict[str, dict[str, float]] = field(default_factory=dict)
    mark_count: Counter[str] = field(default_factory=Counter)
    dated: int = 0  # members with a known publication day
    #: process family -> stage -> members whose headline and lead name it (EN/DE/RU)
    #: (``stories.actions``), read through ``stages``
    known_stages: dict[str, Counter[str]] = field(default_factory=dict)
    #: (title, lead, language) of members whose stages are not read yet: a restored story's
    #: are read when something first asks for them (``StoryIndex.restore``)
    unread_stages: list[tuple[str, str, str | None]] = field(default_factory=list)
    vec_sum: np.ndarray | None = None
    vec_count: int = 0
    first: date | None = None
    last: date | None = None

    @property
    def term_sum(self) -> dict[str, dict[str, float]]:
        """Weighing every restored member's terms was a seventh of the CPU of loading 100,000
        stored articles for one more (docs/stories.md, twenty-sixth session, helper S2), while
        a run scores a few dozen stories. Summed late, in the members' order and with the
        load's weights, the sums are those an eager sum gives, bit for bit."""
        if self.unsummed_terms:
            self._sum_terms()
        return self.summed_terms

    @property
    def term_count(self) -> Counter[str]:
        if self.unsummed_terms:
            self._sum_terms()
        return self.summed_term_count

    def _sum_terms(self) -> None:
        due, self.unsummed_terms = self.unsummed_terms, []
        for weigh, terms, language in due:
            add_weights(weigh(terms), language, self.summed_terms, self.summed_term_count)

    @property
    def stages(self) -> dict[str, Counter[str]]:
        """Reading the stages of every restored member took a third of the CPU of loading
        100,000 stored articles for one more (docs/stories.md, twenty-fourth session), while
        an ingest run asks for those of a few dozen stories; counts add up in any order and
        the veto reads them as sets (``actions.stages_clash``), so reading them late gives
        the same answers."""
        if self.unread_stages:
            unread, self.unread_stages = self.unread_stages, []
            for title, lead, language in unread:
                for family, stage in action_stages(title, lead, language).items():
                    self.known_stages.setdefault(family, Counter())[stage] += 1
        return self.known_stages

    def add_days(self, first: date | None, last: date | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def absorb(self, other: StoryState) -> None:
        """Add ``other``'s sums, counts and days to this story's (members are the caller's):
        merging two stories, or summing a set of articles' one-member states."""
        for k, v in other.key_sum.items():
            self.key_sum[k] = self.key_sum.get(k, 0.0) + v
        if other.vec_sum is not None:
            self.vec_sum = other.vec_sum.copy() if self.vec_sum is None \
                else self.vec_sum + other.vec_sum
            self.vec_count += other.vec_count
        for mine, theirs in ((self.term_sum, other.term_sum), (self.mark_sum, other.mark_sum)):
            for language, sums in theirs.items():
                kept = mine.setdefault(language, {})
                for k, v in sums.items():
                    kept[k] = kept.get(k, 0.0) + v
        self.term_count.update(other.term_count)
        self.mark_count.update(other.mark_count)
        self.dated += other.dated
        for family, counts in other.known_stages.items():
            self.known_stages.setdefault(family, Counter()).update(counts)
        self.unread_stages.extend(other.unread_stages)
        self.add_days(other.first, other.last)

    def mean_vector(self) -> np.ndarray | None:
        return None if self.vec_sum is None or not self.vec_count else \
            self.vec_sum / self.vec_count


__all__ = ["StoryState"]
