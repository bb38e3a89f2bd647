"""Default story clusterer (``overlap/v1``): average-link agglomerative clustering.

Articles are compared by IDF-weighted name keys (see ``features``); two groups merge while
their average similarity passes ``story_similarity_threshold`` and no pair is further apart
than ``story_window_days``. Average link is order-independent (the same corpus gives the same
stories however it was ingested), at O(n^2) cost: fine for a laptop corpus of a few thousand
articles; the incremental ANN clusterer of the stories issue replaces it at scale. Related
teasers join the best matching story but never start one. Story ids are kept from the previous
run when most of a previous story's articles carry over, so links stay valid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from parallax.records import Article, Story, content_hash
from parallax.registry import register
from parallax.settings import Config
from parallax.stories.dedupe import independent
from parallax.stories.features import KeySpace, cosine
from parallax.stories.profile import day_of
from parallax.stories.similarity import rescale


def _day(article: Article) -> date | None:
    return day_of(article.published.iso)


def semantic(a: Any, b: Any) -> float:
    """Rescaled embedding cosine (``similarity.rescale``); 0 when either side has no vector."""
    if a is None or b is None:
        return 0.0
    return rescale(float(np.dot(a, b)) / (float(np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))


class _Cluster:
    def __init__(self) -> None:
        self.members: list[Article] = []
        self.centroid: dict[str, float] = {}
        self.days: list[date] = []
        self.vector: Any = None
        self._vectors = 0

    def add(self, article: Article, vector: dict[str, float]) -> None:
        if article.vector is not None:
            new = np.asarray(article.vector, dtype=np.float32)
            self.vector = new if self.vector is None else (
                self.vector * self._vectors + new) / (self._vectors + 1)
            self._vectors += 1
        n = len(self.members)
        merged = {k: v * n for k, v in self.centroid.items()}
        for k, v in vector.items():
            merged[k] = merged.get(k, 0.0) + v
        self.centroid = {k: v / (n + 1) for k, v in merged.items()}
        self.members.append(article)
        if (d := _day(article)) is not None:
            self.days.append(d)

    def within(self, article: Article, window: int) -> bool:
        d = _day(article)
        if d is None or not self.days:
            return True
        return min(abs((d - x).days) for x in self.days) <= window


class OverlapClusterer:
    def __init__(self, config: Config) -> None:
        self.threshold = float(config["story_similarity_threshold"])
        self.embedding_weight = float(config["story_embedding_weight"])
        self.window = int(config["story_window_days"])
        self.language = str(config["preferred_language"])

    def cluster(self, articles: Sequence[Article], previous: Sequence[Story]) -> list[Story]:
        mains = sorted((a for a in articles if a.role == "main"),
                       key=lambda a: (a.published.iso or "9999", a.id))
        space = KeySpace(mains)  # weights from the articles that form stories, not teasers
        vectors = [space.weighted(a.id) for a in mains]
        sim = [[self._pair(mains[i], mains[j], vectors[i], vectors[j])
                for j in range(len(mains))] for i in range(len(mains))]
        groups: list[list[int]] = [[i] for i in range(len(mains))]
        while True:
            best, best_score = None, self.threshold
            for x in range(len(groups)):
                for y in range(x + 1, len(groups)):
                    pairs = [sim[i][j] for i in groups[x] for j in groups[y]]
                    if min(pairs) < 0:  # outside the time window
                        continue
                    score = sum(pairs) / len(pairs)
                    if score >= best_score:
                        best, best_score = (x, y), score
            if best is None:
                break
            x, y = best
            groups[x].extend(groups[y])
            del groups[y]
        clusters = []
        for group in groups:
            cluster = _Cluster()
            for i in sorted(group):
                cluster.add(mains[i], vectors[i])
            clusters.append(cluster)
        for article in (a for a in articles if a.role == "related"):
            vector = space.vector(article)
            target, score = self._best(clusters, article, vector)
            if target is not None and score >= self.threshold:
                target.members.append(article)
        return self._stories(clusters, space, previous)

    def _pair(self, a: Article, b: Article, va: dict[str, float], vb: dict[str, float]) -> float:
        da, db = _day(a), _day(b)
        if da and db and abs((da - db).days) > self.window:
            return -1.0
        return self._mix(cosine(va, vb), semantic(a.vector, b.vector))

    def _mix(self, names: float, meaning: float) -> float:
        """Shared names (transliterated keys) and shared meaning (multilingual embeddings)."""
        w = self.embedding_weight
        return (1 - w) * names + w * meaning

    def _best(self, clusters: list[_Cluster], article: Article,
              vector: dict[str, float]) -> tuple[_Cluster | None, float]:
        best, best_score = None, 0.0
        for cluster in clusters:
            if not cluster.within(article, self.window):
                continue
            score = self._mix(cosine(vector, cluster.centroid),
                              semantic(article.vector, cluster.vector))
            if score > best_score:
                best, best_score = cluster, score
        return best, best_score

    def _stories(self, clusters: list[_Cluster], space: KeySpace,
                 previous: Sequence[Story]) -> list[Story]:
        stories = []
        used: set[str] = set()
        for cluster in clusters:
            ids = [a.id for a in cluster.members]
            story_id = _inherit(ids, previous, used) or "s" + content_hash(*sorted(ids)[:1])
            used.add(story_id)
            mains = [a for a in cluster.members if a.role == "main"]
            title = self._title(mains, cluster.centroid, space)
            entity_counts: Counter[str] = Counter()
            for a in mains:
                entity_counts.update({m.canonical for m in a.entities if m.type != "MISC"})
            days = sorted(cluster.days)
            stories.append(Story(
                id=story_id, title=title, article_ids=ids, main_count=len(mains),
                outlets=sorted({a.outlet for a in mains if a.outlet}),
                independent_outlets=sorted({a.outlet for a in independent(mains) if a.outlet}),
                languages=sorted({a.language for a in mains if a.language}),
                key_entities=[e for e, _ in entity_counts.most_common(6)],
                start=days[0].isoformat() if days else None,
                end=days[-1].isoformat() if days else None,
            ))
        return stories

    def _title(self, mains: list[Article], centroid: dict[str, float], space: KeySpace) -> str:
        """Extractive: the headline of the most central article, titled articles and the
        preferred language first; an all-untitled story shows its central article's first words."""
        def rank(a: Article) -> tuple[bool, bool, float]:
            return (bool(a.title), a.language == self.language,
                    cosine(space.weighted(a.id), centroid))
        if not mains:
            return "Untitled story"
        best = max(mains, key=rank)
        if best.title:
            return best.title
        words = best.text.split()
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _inherit(ids: list[str], previous: Sequence[Story], used: set[str]) -> str | None:
    members = set(ids)
    for story in previous:
        if story.id in used or not story.article_ids:
            continue
        if len(members & set(story.article_ids)) * 2 > len(story.article_ids):
            return story.id
    return None


@register("stories", "overlap/v1")
def make_overlap(config: Config) -> OverlapClusterer:
    return OverlapClusterer(config)
