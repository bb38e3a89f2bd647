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

Throwaway probes (docs/stories.md, sixth session): none was kept.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tune_stories as t

from parallax.records import Article
from parallax.settings import Config
from parallax.stories import realnews
from parallax.stories.features import _TERM, _term
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex, StoryState
from parallax.stories.profile import ArticleProfile, profile_of

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
        agree = disagree = 0
        for x, y in itertools.product(a.mains, b.mains):
            if self.profiles[x].day is None and self.profiles[y].day is None \
                    and days[x] and days[y]:
                agree, disagree = (agree + 1, disagree) if days[x] & days[y] \
                    else (agree, disagree + 1)
        return v + g * ((agree if kind == "weekdays" else 0) - disagree) / (
            len(a.mains) * len(b.mains))
    return link


def cmd_gates(variants: list[tuple[str, float]]) -> None:
    rows = realnews.read_events(t.DATA)
    data = {form: t.load_form(form) for form in FORMS}
    days = {a.id: weekdays(a) for articles, _ in data.values() for a in articles}
    plain = StoryIndex.story_link
    try:
        for kind, g in [("default", 0.0), *variants]:
            StoryIndex.story_link = _gated(kind, g, days, plain)
            cells = []
            for form, (articles, gold) in data.items():
                for which in ("tune", "held", "all") if form in realnews.FORMS else ("all",):
                    r = t.scored_within(articles, gold, Config(), t._events(which, rows)) \
                        if form in realnews.FORMS else \
                        t.evaluate(articles, gold, Config(), set(gold.values()))
                    cells.append(f"{form}/{which} {r['bcubed_f1']:.3f}/"
                                 f"{r['pairwise_precision']:.2f}")
            print(f"{kind} {g}:", " | ".join(cells), flush=True)
    finally:
        StoryIndex.story_link = plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["pairs", "gates"])
    parser.add_argument("--forms", nargs="+", default=["undated", "gold-undated"])
    args = parser.parse_args()
    if args.command == "pairs":
        cmd_pairs(args.forms)
    else:
        cmd_gates([("spread", 0.6), ("spread", 0.7), ("spread", 0.8), ("weekdays", 0.05),
                   ("weekdays", 0.1), ("weekdays", 0.2), ("weekdays", 0.3),
                   ("against", 0.05), ("against", 0.1), ("against", 0.2), ("against", 0.3)])


if __name__ == "__main__":
    main()
