"""The online story index: each new dated article joins its best story or starts one (an
undated one starts its own and consolidation places it: it has no arrival order to go by).

How alike an article and a story are (names, meaning, terms, dates, cross-lingual marks against
running story sums, one dot product whatever a story's size) is ``stories.similarity``, which
this index extends. Here: which stories to score — the candidates come from an approximate
nearest-neighbour search over article vectors plus an inverted index of rare name keys, so
assigning an article takes the same time at a hundred stories as at a hundred thousand — and
membership: joining, restoring, merging.

Consolidation (``stories.consolidate``) then merges stories whose average link passes the same
threshold (arrival order can split an event before the article that bridges it arrives). A
merged story keeps the id of the larger side and the other id is recorded in ``merges``, so
links to it can be redirected.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from datetime import date

import numpy as np

from parallax.records import content_hash
from parallax.stories.actions import action_stages
from parallax.stories.ann import VectorIndex
from parallax.stories.cores import Core, story_core
from parallax.stories.profile import ArticleProfile
from parallax.stories.similarity import StorySimilarity
from parallax.stories.state import PROFILE_KEYS, StoryState, Weigh, add_weights

NEIGHBOURS = 24  # nearest articles asked of the vector index per query
KEY_FANOUT = 6  # an article's strongest name keys used to find stories by name
KEY_POSTINGS = 48  # stories remembered per name key (the most recent ones)
KEY_CANDIDATES = 24  # of those, scored per article (most keys shared first)
#: an article joins a story online only 20% above the merge threshold; below that it starts its
#: own and consolidation decides by average link, best pair first, which is what keeps an early
#: wrong join from pulling a neighbouring event in (grid on both gold sets, docs/stories.md)
JOIN_FACTOR = 1.2
#: a dated article more than LATE_DAYS from every date its candidate story holds must clear
#: LATE_JOIN_FACTOR x the threshold to join it online (see ``_join_bar``)
LATE_DAYS = 2
LATE_JOIN_FACTOR = 2.0
#: a story id is "s" + the hash of the article that started it, hashed again while taken
#: (``_new_story``, ``incremental._inherit_ids``): how many rounds a split looks through
STARTER_REHASHES = 3


class StoryIndex(StorySimilarity):
    #: whether an undated main article may join a story online (see ``assign``); True only
    #: for the ablation in benchmarks/tune_stories.py
    undated_join_online = False
    #: the online bar for a dated article days away from a story's dates (``_join_bar``);
    #: JOIN_FACTOR only for the ablation in benchmarks/tune_stories.py
    late_join_factor = LATE_JOIN_FACTOR
    #: a loner left by consolidation joins the story whose own rare marks it shares
    #: (``stories.loners``); False only for the ablation in benchmarks/tune_stories.py
    loner_rescue = True

    def __init__(self, threshold: float, embedding_weight: float, window_days: int,
                 lexical_weight: float = 0.0, date_weight: float = 0.0,
                 term_floor: float = 0.0) -> None:
        super().__init__(threshold, embedding_weight, window_days, lexical_weight, date_weight,
                         term_floor)
        self.join_factor = JOIN_FACTOR
        self.profiles: dict[str, ArticleProfile] = {}
        self.unit_keys: dict[str, dict[str, float]] = {}
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, StoryState] = {}
        self.merges: dict[str, str] = {}
        #: surviving id -> the ids merged into it (built from ``merges`` at the first merge):
        #: re-pointing them used to scan every merge ever made, once per merge, which is
        #: quadratic where undated articles each start a story (100,000 of them: ~90,000 merges)
        self._absorbed: dict[str, list[str]] | None = None
        #: ids re-pointed while ``consolidate`` runs (it sets a set here and reads it back;
        #: None otherwise)
        self.moved: set[str] | None = None
        self.changed: set[str] = set()
        self.vectors = VectorIndex()
        #: vector-index key -> article id ("": an article removed since the kept graph was
        #: saved, whose node no search returns; ``stories.keptgraph``)
        self._key_of_row: list[str] = []
        self._postings: dict[str, deque[str]] = defaultdict(lambda: deque(maxlen=KEY_POSTINGS))
        self._order = 0
        self._pending: list[np.ndarray] = []  # restored vectors not yet in the search index
        #: (documents counted, the term weigher of then) restored members' terms wait with
        self._weigh: tuple[int, Weigh] | None = None
        #: of the vectors in the search index, how many the kept graph file holds (-1: none;
        #: ``stories.keptgraph``)
        self.kept_vectors = -1
        self.stale_profiles = False  # set by a load that found profiles of an older version
        #: whether an undated main article ever joined (``stories.regroup`` leaves a store of
        #: dated articles alone without looking for neighbours)
        self.holds_undated = False
        #: the articles stored before the present ingest run (``IncrementalClusterer.assign_run``;
        #: empty in a batch): a loner of this run whose marks only earlier articles share is
        #: not rescued (``stories.loners``)
        self.earlier: set[str] = set()
        #: story id -> (members counted, its core), for the core veto
        #: (``StorySimilarity._cores_apart``), asked only of passing links: members only ever
        #: join a story, so the count says whether the entry is still the story's
        self._cores: dict[str, tuple[int, Core]] = {}

    # -- candidates ------------------------------------------------------------------------

    def strong_keys(self, keys: dict[str, float]) -> list[str]:
        """The ``KEY_FANOUT`` heaviest name keys: those posted for a story and those a story is
        found by (consolidation keeps them per story it pushes, ``name_stories(strong=)``)."""
        # nlargest equals the stable sort cut to KEY_FANOUT (ties keep their order)
        return [k for k, _ in heapq.nlargest(KEY_FANOUT, keys.items(), key=lambda kv: kv[1])]

    def candidates(self, vector: np.ndarray | None, keys: dict[str, float],
                   exclude: str | None = None) -> set[str]:
        found = self.near_stories(vector) | self.name_stories(keys, exclude)
        found.discard(exclude or "")
        return {s for s in found if s in self.stories}

    def near_stories(self, vector: np.ndarray | None) -> set[str]:
        """The stories of the articles nearest in meaning."""
        self.flush()
        if vector is None:
            return set()
        return self.stories_of_rows([row for row, _ in self.vectors.search(vector, NEIGHBOURS)])

    def stories_of_rows(self, rows: Iterable[int]) -> set[str]:
        found = (self.story_of.get(self._key_of_row[row]) for row in rows)
        return {story for story in found if story is not None}

    def name_stories(self, keys: dict[str, float], exclude: str | None = None,
                     strong: list[str] | None = None) -> set[str]:
        """Stories seen with its rarest names, those under most of them first, the strongest
        key's most recent first; at most KEY_CANDIDATES: at 100,000 articles the six postings
        lists held ~110 distinct stories per article against ANN's ~16, and scoring them all
        made clustering grow faster than the corpus. ``strong``: ``strong_keys(keys)``, when
        the caller kept them (consolidation pushes one story several times)."""
        hits: Counter[str] = Counter()
        for key in self.strong_keys(keys) if strong is None else strong:
            postings = self._postings.get(key)
            if postings:
                hits.update(reversed(postings))  # counted in C; merged-away ids dropped below
        stories = self.stories  # (hits.keys() - stories.keys() would walk every story)
        for gone in [s for s in hits if s not in stories]:  # the rest keep their order
            del hits[gone]
        hits.pop(exclude or "", None)
        return {s for s, _ in hits.most_common(KEY_CANDIDATES)}  # ties: first seen

    # -- assignment ------------------------------------------------------------------------

    def assign(self, profile: ArticleProfile) -> str | None:
        """Put one article in its story (or a new one); teasers join but never start one.
        Returns the story id, or None for a teaser that matched nothing."""
        if profile.id in self.story_of:
            return self.story_of[profile.id]
        self.count_documents([profile])  # no-op when its batch was counted already
        self.profiles[profile.id] = profile
        keys = self.unit(profile.keys)
        # a teaser is a headline and a line: too short for terms, matched by names and meaning
        terms = self.unit_terms(profile) if profile.role == "main" else {}
        marks = self.unit_marks(profile) if profile.role == "main" else {}
        best: str | None = None
        searched = False
        stages: dict[str, str] | None = None
        original = self.story_of.get(profile.duplicate_of or "")
        if original is not None and profile.role == "main":
            best = original  # a syndicated copy belongs where its original is
        elif profile.day is not None or profile.role != "main" or self.undated_join_online:
            searched = True
            best_score = self.threshold * self.join_factor
            stages = self._stages(profile) if profile.role == "main" else {}
            asked = {family: {stage: 1} for family, stage in stages.items()}
            for story_id in sorted(self.candidates(profile.vector, keys)):
                story = self.stories[story_id]
                s = self.score(profile, keys, story, terms, marks, asked)
                if s >= best_score and (profile.role != "main"
                                        or s >= self._join_bar(profile.day, story)):
                    best, best_score = story_id, s
        # else an undated article: it has no arrival time that means anything (undated
        # articles come after the dated ones, in id order), so an online join would let file
        # names decide, the first of two neighbouring events to arrive pulling the other's
        # reports in. It starts its own story and consolidation's average link, which does not
        # depend on order, decides (basil-tune mixed: an undated Labrador report joined the
        # lone dated Cantor report online at 0.28 and its siblings followed it; by average
        # link the two events stay apart). The price is a consolidation step per undated
        # article (docs/stories.md, Speed); dated streams keep the online path.
        if best is None:
            if profile.role != "main":
                return None
            best = self._new_story(profile.id)
        # no search here: the vector waits for the next one, which inserts what waits in one
        # batch (an undated dump inserts all its vectors at once: less CPU, several cores)
        self._join(profile, keys, self.stories[best], terms, marks, defer=not searched,
                   stages=stages)
        return best

    def _stages(self, profile: ArticleProfile) -> dict[str, str]:
        """The article's stage per process (``stories.actions``), read once per arrival: the
        online join asks the veto with them and the story it joins keeps them."""
        return action_stages(profile.title, profile.lead, profile.language) \
            if self.action_veto else {}

    def _core(self, story: StoryState) -> Core | None:
        cached = self._cores.get(story.id)
        if cached is not None and cached[0] == len(story.mains):
            return cached[1]
        # a syndicated copy of a member is that outlet's wording again, not a second outlet
        # agreeing: counted, two outlets' reports of one event, each with a copy, had each
        # report's whole vocabulary for a core and were kept apart
        members = set(story.mains)
        profiles = [self.profiles[m] for m in story.mains]
        core = story_core((p.language or "", p.terms) for p in profiles
                          if p.terms and p.duplicate_of not in members)
        self._cores[story.id] = (len(story.mains), core)
        return core

    def _join_bar(self, day: date | None, story: StoryState) -> float:
        """The online bar: 1.2 x the threshold, twice the threshold for a dated article more
        than ``LATE_DAYS`` before or after every date the story holds. Such an article is as
        likely the next event of the same cast (an appeal a week after the summit that
        mentioned the convict; a referendum the week after the neighbouring province's
        election) as late coverage of this one, and an online join is judged against the
        story as it stands, often a story of one or two dated articles whose average is
        noise. Below the raised bar the article starts its own story and consolidation's
        average link decides once both events are complete; consolidation never splits
        (only a later run's regrouping may, ``stories.regroup``), so within a run a wrong
        early join is final. One event's coverage keeps within the slack (each
        of the 30 basil-tune events spans at most 3 days, 23 of them at most one), so
        continuous coverage keeps joining online: the cost is consolidation work, paid only
        by the late arrivals. An undated article or a story without dates gives no distance
        and keeps the plain bar (an unknown date is unknown)."""
        bar = self.threshold * self.join_factor
        if day is None or story.first is None or story.last is None:
            return bar
        if (story.first - day).days > LATE_DAYS or (day - story.last).days > LATE_DAYS:
            return max(bar, self.threshold * self.late_join_factor)
        return bar

    def restore(self, profile: ArticleProfile, story_id: str | None) -> None:
        """Put back an article as the store remembers it (no scoring). Vectors wait for
        ``flush``: one batch insert builds the graph several times faster than one by one."""
        self.profiles[profile.id] = profile
        if story_id is None:
            return  # a teaser that matched no story
        if story_id not in self.stories:
            self._order += 1
            self.stories[story_id] = StoryState(id=story_id, order=self._order)
        story = self.stories[story_id]
        if profile.role == "main" and profile.terms and self.lexical_weight > 0:
            # summed when the story's terms are first asked for (``StoryState.term_sum``)
            if self._weigh is None or self._weigh[0] != self.docs:
                self._weigh = (self.docs, self.frozen_terms())
            story.unsummed_terms.append((self._weigh[1], profile.terms, profile.language or ""))
        self._join(profile, self.unit(profile.keys), story, None, self.unit_marks(profile),
                   defer=True)

    def flush(self) -> None:
        if self._pending:
            keys = list(range(len(self._key_of_row) - len(self._pending), len(self._key_of_row)))
            self.vectors.add_many(keys, np.stack(self._pending))
            self._pending = []

    def _new_story(self, article_id: str) -> str:
        story_id = "s" + content_hash(article_id)
        while story_id in self.stories or story_id in self.merges:
            story_id = "s" + content_hash(story_id)
        self._order += 1
        self.stories[story_id] = StoryState(id=story_id, order=self._order)
        return story_id

    def _join(self, profile: ArticleProfile, keys: dict[str, float], story: StoryState,
              terms: dict[str, float] | None = None, marks: dict[str, float] | None = None,
              defer: bool = False, stages: dict[str, str] | None = None,
              indexed: bool = False) -> None:
        """``indexed``: the article's vector is in the search index already (``split`` moves
        it to another story)."""
        self.story_of[profile.id] = story.id
        self.changed.add(story.id)
        if profile.role != "main":
            story.related.append(profile.id)
            return
        story.mains.append(profile.id)
        self.unit_keys[profile.id] = keys
        for k, v in keys.items():
            story.key_sum[k] = story.key_sum.get(k, 0.0) + v
        if len(story.key_sum) > 2 * PROFILE_KEYS:
            heaviest = sorted(story.key_sum.items(), key=lambda kv: -kv[1])[:PROFILE_KEYS]
            story.key_sum = dict(heaviest)
        if terms:
            add_weights(terms, profile.language or "", story.term_sum, story.term_count)
        if marks:
            add_weights(marks, profile.language or "", story.mark_sum, story.mark_count)
        if profile.day is not None:
            story.dated += 1
        else:
            self.holds_undated = True
        if self.action_veto:
            if stages is None:  # read when the story's stages are first asked for
                story.unread_stages.append((profile.title, profile.lead, profile.language))
            else:
                for family, stage in stages.items():
                    story.known_stages.setdefault(family, Counter())[stage] += 1
        for k in self.strong_keys(keys):
            postings = self._postings[k]
            if story.id not in postings:
                postings.append(story.id)
        if profile.vector is not None:
            story.vec_sum = profile.vector.copy() if story.vec_sum is None \
                else story.vec_sum + profile.vector
            story.vec_count += 1
            if not indexed:
                self._key_of_row.append(profile.id)
                if defer:
                    self._pending.append(profile.vector)
                else:
                    self.flush()
                    self.vectors.add(len(self._key_of_row) - 1, profile.vector)
        story.add_days(profile.day, profile.day)

    # -- regrouping (``stories.regroup``) ---------------------------------------------------

    def sub_index(self) -> StoryIndex:
        """An empty index with this one's settings and document frequencies (shared, not
        copied: the articles it will hold are counted here already), to cluster one story's
        members again as a batch would."""
        sub = StoryIndex(self.threshold, self.embedding_weight, self.window,
                         self.lexical_weight, self.date_weight, self.term_floor)
        sub.join_factor = self.join_factor
        sub.df, sub.tdf, sub.marks = self.df, self.tdf, self.marks
        sub.docs, sub._counted, sub.earlier = self.docs, self._counted, self.earlier
        return sub

    def split(self, story: StoryState, parts: list[tuple[list[str], list[str]]],
              keep: int) -> list[str]:
        """Replace ``story`` by ``parts`` (main articles, teasers), ``parts[keep]`` under its
        id, the others as new stories; returns the parts' ids. Sums are summed again from the
        members (a story's sums only ever grew before), and the core veto forgets its
        answers: they are keyed by a story's id and size, which a part may repeat."""
        del self.stories[story.id]
        self._cores.pop(story.id, None)
        self._apart.clear()
        ids: list[str] = []
        # the kept part first: a new part named after its first article could otherwise take
        # the story's own id (a story is named after the article that started it)
        for i in sorted(range(len(parts)), key=lambda i: i != keep):
            mains, related = parts[i]
            if i == keep:
                state = self.stories[story.id] = StoryState(id=story.id, order=story.order)
            else:
                state = self.stories[self._new_story(mains[0])]
            for article_id in mains + related:
                p = self.profiles[article_id]
                main = p.role == "main"
                self._join(p, self.unit(p.keys), state, self.unit_terms(p) if main else None,
                           self.unit_marks(p) if main else None, indexed=True)
            ids.append(state.id)
        self._redirect_split(story, dict(zip(sorted(range(len(parts)), key=lambda i: i != keep),
                                             ids, strict=True)), parts)
        return ids

    def _redirect_split(self, story: StoryState, part_ids: dict[int, str],
                        parts: list[tuple[list[str], list[str]]]) -> None:
        """An id merged earlier into the split story leads to the part holding the article
        that started it (story ids are named after that article, ``_new_story``), not blindly
        to the kept part: a reader's link to a lone report merged into a neighbour's story
        must still show that report after the split. Only the starting article is known of a
        merged story (its members are not stored), so an id none of the members started (one
        a rebuild carried over to other articles) stays with the kept part."""
        absorbed = self._absorbed_map()
        merged = absorbed.get(story.id, [])
        if not merged:
            return
        part_of = {a: part_ids[i] for i, (mains, _) in enumerate(parts) for a in mains}
        started: dict[str, str] = {}  # story id -> the member that started it
        for article_id in part_of:
            named = article_id
            for _ in range(STARTER_REHASHES):
                named = "s" + content_hash(named)
                started.setdefault(named, article_id)
        stay: list[str] = []
        for old in merged:
            target = part_of.get(started.get(old, ""), story.id)
            self.merges[old] = target
            (stay if target == story.id else absorbed[target]).append(old)
        absorbed[story.id] = stay

    # -- consolidation ---------------------------------------------------------------------

    def consolidate(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Merge stories whose average link passes the threshold, best pair first (as the batch
        average-link clusterer would), until none does. Only the given stories (default: those
        changed since the last save) and their neighbours are examined, so the cost follows the
        batch, not the corpus. Returns the merges made (old id -> surviving id)."""
        from parallax.stories.consolidate import consolidate

        return consolidate(self, story_ids)

    def merge(self, a: StoryState, b: StoryState) -> StoryState:
        """Merge two stories (consolidation's step): the larger, else the older, keeps its id;
        members, sums and postings move to it and the other id is recorded in ``merges``."""
        keep, gone = (a, b) if (len(a.mains), -a.order) >= (len(b.mains), -b.order) else (b, a)
        for article_id in gone.mains + gone.related:
            self.story_of[article_id] = keep.id
        keep.mains.extend(gone.mains)
        keep.related.extend(gone.related)
        keep.absorb(gone)
        for k in gone.key_sum:  # stale postings elsewhere are filtered out by candidates()
            postings = self._postings.get(k)
            if postings is not None and gone.id in postings:
                postings.remove(gone.id)
                if keep.id not in postings:
                    postings.append(keep.id)
        del self.stories[gone.id]
        self._cores.pop(gone.id, None)
        absorbed = self._absorbed_map()
        moved = absorbed.pop(gone.id, [])
        moved.append(gone.id)
        for old in moved:
            self.merges[old] = keep.id
        absorbed[keep.id].extend(moved)
        if self.moved is not None:
            self.moved.update(moved)
        self.changed.discard(gone.id)
        self.changed.add(keep.id)
        return keep

    def _absorbed_map(self) -> dict[str, list[str]]:
        if self._absorbed is None:
            self._absorbed = defaultdict(list)
            for old, new in self.merges.items():
                self._absorbed[new].append(old)
        return self._absorbed
