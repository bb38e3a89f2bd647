"""Where a text dump's article F1 goes: the shingle F1's loss split into error classes.

Why: issue 16's dump F1 stood flat for sessions while each change aimed at one kind of error;
which kind loses most was read off a few pages by eye. The shingle F1's loss splits exactly:
with TP the 4-grams the answer shares with the gold, FP its extra and FN its missing ones,
1 − F1 = (FP + FN) / (2 TP + FP + FN), so each extra or missing 4-gram carries the same share of
the loss and the classes add up to it without remainder (twenty-ninth session, helper DA;
docs/segmentation.md). Each 4-gram is placed in the dump by its first occurrence:

- a gold 4-gram missed stands before / after the answer's first / last gold 4-gram in the
  gold's main run (``head`` / ``tail``; ``second block`` when ``BLOCK_GAP`` or more non-gold
  words part it from them), between them (``hole``), in no place of the dump (``gold not in
  dump``: the gold joins paragraphs across a line it left out, or holds text the page does not
  show), or outside the gold's main run (``gold far``: a repeated title, a remote block);
- an extra 4-gram is the gold's reader comments (``comments kept``), the answer's title line,
  a join of two lines the dump does not have next to each other, or it stands before / inside /
  after the gold's main run (the gold's positions in the dump cut where ``RUN_GAP`` or more
  non-gold words part them; the longest piece).

A rejected answer, or one keeping no 4-gram of the gold's main run, loses all to one class.
"""

from __future__ import annotations

import re
from collections import defaultdict

from parallax.segment.realpages import shingles, words

#: non-gold words between the answer's kept gold and a missed gold 4-gram that make it a
#: second block rather than the text's continuation
BLOCK_GAP = 30
#: non-gold words that cut the gold's positions in the dump into runs
RUN_GAP = 50
#: a line of at most this many words not ending a sentence is "short" (links, headings, lists)
SHORT_WORDS = 8
_END = re.compile(r"[.!?:\"”’)]\s*$")
_TOKEN = re.compile(r"\w+")


def _dump_words(dump: str) -> tuple[list[str], list[bool]]:
    """The dump's words, and for each whether its line is short."""
    tokens: list[str] = []
    short: list[bool] = []
    for line in dump.splitlines():
        found = [t.lower() for t in _TOKEN.findall(line)]
        is_short = len(line.split()) <= SHORT_WORDS and not _END.search(line)
        tokens += found
        short += [is_short] * len(found)
    return tokens, short


def _main_run(gold_at: list[bool]) -> tuple[int, int]:
    """(first, last) position of the longest run of gold positions."""
    runs: list[list[int]] = []
    gap = 0
    for i, is_gold in enumerate(gold_at):
        if not is_gold:
            gap += 1
            continue
        if not runs or gap >= RUN_GAP:
            runs.append([])
        runs[-1].append(i)
        gap = 0
    if not runs:
        return 0, -1
    best = max(runs, key=len)
    return best[0], best[-1]


def loss_classes(dump: str, title: str, body: str, gold: str, comments: str = "",
                 rejected: bool = False) -> dict[str, float]:
    """Each class's share of ``1 - shingle F1`` of the answer ``title`` + ``body`` against
    ``gold`` on ``dump`` (the text the reader was given); they sum to the loss."""
    got = shingles(words(f"{title}\n{body}"))
    want = shingles(words(gold))
    missing, extra = want - got, got - want
    tp = sum((got & want).values())
    denom = 2 * tp + sum(missing.values()) + sum(extra.values())
    if not denom:
        return {}
    if rejected:
        return {"rejected": (sum(missing.values()) + sum(extra.values())) / denom}
    in_body = set(shingles(words(body)))
    said = set(shingles(words(comments))) if comments else set()
    tokens, short = _dump_words(dump)
    first: dict[tuple[str, ...], int] = {}
    gold_at = [False] * len(tokens)
    kept_at = [False] * len(tokens)
    for i in range(len(tokens) - 3):
        gram = tuple(tokens[i:i + 4])
        first.setdefault(gram, i)
        gold_at[i] = gram in want
        kept_at[i] = gram in in_body
    lo_gold, hi_gold = _main_run(gold_at)
    kept = [i for i in range(lo_gold, hi_gold + 1) if gold_at[i] and kept_at[i]]
    out: dict[str, float] = defaultdict(float)
    if not kept:
        out["wrong region"] = (sum(missing.values()) + sum(extra.values())) / denom
        return dict(out)
    lo, hi = kept[0], kept[-1]

    def non_gold(a: int, b: int) -> int:
        return sum(1 for i in range(a, b) if not gold_at[i])

    for gram, n in missing.items():
        at = first.get(gram)
        if at is None:
            name = "gold not in dump"
        elif at < lo_gold or at > hi_gold:
            name = "gold far"
        else:
            if at > hi:
                name = "missed tail" + (", second block" if non_gold(hi, at) >= BLOCK_GAP
                                        else "")
            elif at < lo:
                name = "missed head" + (", second block" if non_gold(at, lo) >= BLOCK_GAP
                                        else "")
            else:
                name = "hole"
            name += ", short line" if short[at] else ""
        out[name] += n / denom
    for gram, n in extra.items():
        at = first.get(gram)
        if gram not in in_body:
            name = "title line"
        elif at is None:
            name = "joined lines"
        elif gram in said:
            name = "comments kept"
        else:
            name = "kept before" if at < lo_gold else "kept after" if at > hi_gold \
                else "kept inside"
            name += ", short line" if short[at] else ""
        out[name] += n / denom
    return dict(out)


def site_weighted(rows: list[tuple[str, float, dict[str, float]]]
                  ) -> tuple[float, dict[str, float]]:
    """(site-weighted F1, each class's site-weighted points of F1 × 100) of ``rows``
    (site, F1, classes): each site's page mean, then the mean over sites, as the quality doc
    reports the training sites."""
    by_site: dict[str, list[tuple[float, dict[str, float]]]] = defaultdict(list)
    for site, f1, classes in rows:
        by_site[site].append((f1, classes))
    points: dict[str, float] = defaultdict(float)
    total = 0.0
    for items in by_site.values():
        total += sum(f for f, _ in items) / len(items)
        for _, classes in items:
            for name, share in classes.items():
                points[name] += 100 * share / len(items) / len(by_site)
    return (total / len(by_site) if by_site else 0.0), dict(points)


__all__ = ["BLOCK_GAP", "RUN_GAP", "loss_classes", "site_weighted"]
