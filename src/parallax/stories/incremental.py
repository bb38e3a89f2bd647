"""Default story clusterer (``incremental/v1``): online assignment plus consolidation.

``update`` is what ``ingest`` calls: it reloads the story index from the store (slim profiles and
vectors, not analyses), puts each new article into its story in publication order, merges the
stories this batch touched where they now belong together, and writes back only what changed,
with a record of every merge. ``cluster`` runs the same steps over a whole corpus from scratch
(``parallax stories --rebuild``, the gold-set evaluation) and keeps the ids of previous stories
whose articles mostly carry over.

Granularity (``story_granularity``): ``event`` keeps a story within ``story_window_days``;
``thread`` follows a developing story for four times as long and with a lower bar, so a summit,
its aftermath and the follow-up talks become one thread.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from parallax.errors import Code, ParallaxError
from parallax.records import Article, Story, content_hash
from parallax.registry import register
from parallax.settings import Config
from parallax.store.base import Store
from parallax.stories import keptgraph
from parallax.stories.index import StoryIndex
from parallax.stories.keyentities import key_entities
from parallax.stories.profile import PROFILE_VERSION, ArticleProfile, profile_of, time_order
from parallax.stories.regroup import regroup
from parallax.stories.state import StoryState

THREAD_WINDOW_FACTOR = 4
THREAD_THRESHOLD_FACTOR = 0.8


class IncrementalClusterer:
    #: a story that grew across ingest runs is split where one batch of its members keeps
    #: them apart (``stories.regroup``); False only for the ablation in benchmarks
    regroup_runs = True

    def __init__(self, config: Config) -> None:
        self.threshold = float(config["story_similarity_threshold"])
        self.window = int(config["story_window_days"])
        granularity = config["story_granularity"]
        if granularity not in ("event", "thread"):
            raise ParallaxError(Code.CONFIG, f"story_granularity must be 'event' or 'thread', "
                                f"got {granularity!r}")
        if granularity == "thread":
            self.threshold *= THREAD_THRESHOLD_FACTOR
            self.window *= THREAD_WINDOW_FACTOR
        self.embedding_weight = float(config["story_embedding_weight"])
        self.lexical_weight = float(config["story_lexical_weight"])
        self.date_weight = float(config["story_date_weight"])
        self.term_floor = float(config["story_term_floor"])
        if self.embedding_weight + self.lexical_weight >= 1:
            raise ParallaxError(Code.CONFIG, "story_embedding_weight + story_lexical_weight "
                                "must stay below 1 (names keep the rest)")
        self.language = str(config["preferred_language"])

    def new_index(self) -> StoryIndex:
        return StoryIndex(self.threshold, self.embedding_weight, self.window,
                          self.lexical_weight, self.date_weight, self.term_floor)

    # -- batch -----------------------------------------------------------------------------

    def cluster(self, articles: Sequence[Article], previous: Sequence[Story]) -> list[Story]:
        index = self.new_index()
        self.assign_all(index, [profile_of(a) for a in articles])
        stories = [self.story(index, s) for s in index.stories.values()]
        return _inherit_ids(stories, previous)

    def assign_run(self, index: StoryIndex, profiles: list[ArticleProfile]) -> None:
        """One ingest run's articles into an index that holds the earlier runs' stories: as a
        batch, then the stories that grew across runs regrouped (``stories.regroup``)."""
        index.earlier = set(index.profiles)
        self.assign_all(index, profiles)
        if self.regroup_runs:
            regroup(index, [p.id for p in profiles], self.assign_all)

    def assign_all(self, index: StoryIndex, profiles: list[ArticleProfile]) -> None:
        """Main articles in time order, consolidation, then teasers (which never start one)."""
        index.count_documents(profiles)
        for p in sorted((p for p in profiles if p.role == "main"), key=time_order):
            index.assign(p)
        index.consolidate()
        for p in sorted((p for p in profiles if p.role != "main"), key=time_order):
            index.assign(p)

    # -- online ----------------------------------------------------------------------------

    def load(self, store: Store) -> StoryIndex:
        """The whole index; its vector graph the kept one plus the articles stored since, when
        the kept one matches, else built from every stored vector (``stories.keptgraph``)."""
        index = self.new_index()
        rows = list(store.story_profiles())
        datas = [json.loads(data) for _, _, data, _ in rows]
        profiles = [_stored_profile(article_id, data, vector)
                    for (article_id, _, _, vector), data in zip(rows, datas, strict=True)]
        index.count_documents(profiles)
        index.stale_profiles = any(d.get("v", 1) < PROFILE_VERSION for d in datas)
        for (_, story_id, _, _), profile in zip(rows, profiles, strict=True):
            index.restore(profile, story_id)
        if not index.stale_profiles:  # (a stale store is rebuilt: no graph to keep)
            index.kept_vectors = keptgraph.attach(index, store)
        index.flush()
        index.merges.update(store.story_merges())
        index.changed.clear()
        return index

    def load_members(self, store: Store, story_ids: Collection[str]) -> StoryIndex | None:
        """The index ``load`` gives, as far as these stories' records read it: their members
        restored in the same order under the same name weights, which count every stored main
        profile (kept as profiles are written and removed, ``Store.story_key_counts``; the
        members' keys only are read). No search structure
        and no other story: a record is made from its members' profiles, their name keys
        weighed over the whole store, and the story's sums. Loading all of it took 39 s at
        100,000 made-up articles for one removed document (docs/stories.md, twenty-third
        session). None: profiles of an older version (to be re-profiled, as ``update`` does)."""
        rows = store.story_members(sorted(story_ids))
        datas = [json.loads(data) for _, _, data, _ in rows]
        if any(d.get("v", 1) < PROFILE_VERSION for d in datas):
            return None  # a store's profiles are all rewritten at once (``rebuild``)
        docs, df = store.story_key_counts(sorted({k for d in datas for k in d.get("keys") or {}}))
        index = self.new_index()
        index.docs = docs
        index.df.update(df)
        for (article_id, story_id, _, vector), data in zip(rows, datas, strict=True):
            index.restore(_stored_profile(article_id, data, vector), story_id)
        index.changed.clear()
        return index

    def update(self, store: Store, articles: Sequence[Article]) -> list[Story]:
        """Assign new articles (and any stored article a crash left unassigned) to stories;
        returns the stories that changed."""
        if not store.has_story_profiles() and store.stories():
            return self.rebuild(store)  # stories made by another clusterer: start over once
        index = self.load(store)
        if index.stale_profiles:
            return self.rebuild(store)  # profiles of an older version: re-profile once
        fresh = {a.id: a for a in store.unprofiled_articles()}
        fresh.update({a.id: a for a in articles if a.id not in index.profiles})
        profiles = [profile_of(a) for a in fresh.values()]
        before, stored = dict(index.merges), set(index.stories)
        self.assign_run(index, profiles)
        changed = [self.story(index, index.stories[s]) for s in sorted(index.changed)
                   if s in index.stories]
        # only stories someone could have linked to need a redirect, not this batch's own
        merges = {old: new for old, new in index.merges.items()
                  if before.get(old) != new and (old in stored or old in before)}
        store.save_stories(changed, merges, [(p.id, p.to_json()) for p in profiles])
        keptgraph.save(index, store, index.kept_vectors)
        return changed

    def forget(self, store: Store, story_ids: Collection[str]) -> list[Story]:
        """Stories that lost members to a removal (``store/remove.py``): each record (title,
        outlets, key entities, days) made again from the members left, as ``update`` makes a
        changed story's; one left without a main article is dropped. Returns the stories
        kept. Nothing is re-assigned: the members left stay together (a rebuild, which
        decides every join again without the removed articles, may group them otherwise).
        The kept vector graph stays: the next load takes the removed articles out of it
        (``stories.keptgraph``)."""
        if not store.has_story_profiles() and store.stories():
            return self.rebuild(store)
        index = self.load_members(store, story_ids)
        if index is None:
            return self.rebuild(store)
        left = []
        for story_id in sorted(story_ids):
            state = index.stories.get(story_id)
            if state is None or not state.mains:
                continue
            left.append(story_id)
        kept = [self.story(index, index.stories[s]) for s in left]
        store.save_stories(kept, {})
        store.drop_stories(sorted(set(story_ids) - set(left)))
        return kept

    def rebuild(self, store: Store) -> list[Story]:
        articles = store.articles(role=None)
        stories = self.cluster(articles, store.stories())
        store.replace_stories(stories, [(a.id, profile_of(a).to_json()) for a in articles])
        return stories

    # -- records ---------------------------------------------------------------------------

    def story(self, index: StoryIndex, state: StoryState) -> Story:
        """The story's record. Members are listed by day, then id, whatever order they
        arrived in: the title and key entities break ties by that order (the first of two
        equally central headlines, the first named of two equally counted names), so a story
        that grew over several ingest runs, or lost a member to ``forget``, reads as a
        ``--rebuild`` of the same members does (made up: two runs of 400 reports, listed
        with the arrival order, left 14 of 18 records different from the rebuild's)."""
        mains = sorted((index.profiles[i] for i in state.mains), key=time_order)
        related = sorted(state.related, key=lambda i: time_order(index.profiles[i]))
        members = set(state.mains)
        days = sorted(p.day for p in mains if p.day)
        independent = [p for p in mains if not (p.duplicate_of and p.duplicate_of in members)]
        return Story(
            id=state.id, title=self._title(index, state, mains),
            article_ids=[p.id for p in mains] + related, main_count=len(mains),
            outlets=sorted({p.outlet for p in mains if p.outlet}),
            independent_outlets=sorted({p.outlet for p in independent if p.outlet}),
            languages=sorted({p.language for p in mains if p.language}),
            key_entities=key_entities([p.named for p in mains], [p.entities for p in mains]),
            start=days[0].isoformat() if days else None,
            end=days[-1].isoformat() if days else None)

    def _title(self, index: StoryIndex, state: StoryState, mains: list[ArticleProfile]) -> str:
        """Extractive: the headline of the most central article, titled articles and the
        preferred language first; an all-untitled story shows its central article's lead."""
        if not mains:
            return "Untitled story"
        mean = state.mean_vector()
        n = len(mains)

        def centrality(p: ArticleProfile) -> float:
            keys = index.unit_keys.get(p.id, {})
            names = sum(v * state.key_sum.get(k, 0.0) for k, v in keys.items()) / n
            meaning = float(np.dot(p.vector, mean)) if p.vector is not None and \
                mean is not None else 0.0
            return names + meaning

        best = max(mains, key=lambda p: (bool(p.title), p.language == self.language,
                                         centrality(p)))
        return best.title or best.lead


def _unit(vector: np.ndarray) -> np.ndarray | None:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm > 0 else None


def _stored_profile(article_id: str, data: dict[str, Any], vector: bytes | None
                    ) -> ArticleProfile:
    """A profile as ``story_profiles`` keeps it (its vector as stored bytes): ``load`` and
    ``load_members`` read rows the same way."""
    return ArticleProfile.from_json(
        article_id, data, None if vector is None else
        _unit(np.frombuffer(vector, dtype=np.float32)))


def _inherit_ids(stories: list[Story], previous: Sequence[Story]) -> list[Story]:
    """Keep a previous story's id for the new story holding most of its articles."""
    used: set[str] = set()
    for story in sorted(stories, key=lambda s: -len(s.article_ids)):
        members = set(story.article_ids)
        for old in previous:
            if old.id in used or not old.article_ids:
                continue
            if len(members & set(old.article_ids)) * 2 > len(old.article_ids):
                story.id = old.id
                break
        while story.id in used:  # a fresh id that happens to equal an inherited one
            story.id = "s" + content_hash(story.id)
        used.add(story.id)
    return stories


@register("stories", "incremental/v1")
def make_incremental(config: Config) -> IncrementalClusterer:
    return IncrementalClusterer(config)
