#!/usr/bin/env python3
"""Validate the fictional story-clustering gold set (stdlib only).

Usage: python tests/data/stories_gold/check_gold.py [DIR]

Checks that articles.jsonl parses and every record is well formed, that gold.json assigns
every article to a known story, that every story has at least 3 articles, the language and
size quotas, the date range, the distractor pairs and the syndicated near-copies. Prints a
story x language table. Exits 1 on any failure.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
LANGS = ("en", "de", "ru")
FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 5, 31)
MIN_ARTICLES, MIN_STORIES, MIN_OUTLETS = 66, 13, 8
MIN_PER_LANG = {"de": 14, "ru": 14}
MIN_STORY_SIZE, MIN_TRILINGUAL = 3, 5
WORDS = (120, 300)
PARAS = (2, 4)
FIELDS = ("id", "outlet", "language", "published", "title", "text", "url")
# Frequent function words: a cheap sanity check that the text is in the declared language.
MARKERS = {"en": {"the", "and", "of", "to", "in", "was", "said"},
           "de": {"der", "die", "das", "und", "nicht", "ist", "sich", "mit"},
           "ru": {"и", "в", "не", "на", "что", "по", "с"}}

errors: list[str] = []


def fail(msg: str) -> None:
    errors.append(msg)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text.lower())


def cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) / max(1, len(letters))


def rest_after_first_sentence(text: str) -> str:
    return text.partition("\n\n")[2]


# --- articles.jsonl --------------------------------------------------------------------------
articles: dict[str, dict] = {}
for n, line in enumerate((HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip():
        continue
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        fail(f"articles.jsonl line {n}: invalid JSON ({exc})")
        continue
    missing = [f for f in FIELDS if not isinstance(rec.get(f), str) or not rec[f].strip()]
    if missing:
        fail(f"line {n}: missing or empty fields {missing}")
        continue
    aid = rec["id"]
    if not re.fullmatch(r"g\d{3}", aid):
        fail(f"{aid}: id must look like g001")
    if aid in articles:
        fail(f"{aid}: duplicate id")
    articles[aid] = rec
    if rec["language"] not in LANGS:
        fail(f"{aid}: language {rec['language']!r} not in {LANGS}")
    try:
        day = dt.date.fromisoformat(rec["published"])
        if not FIRST <= day <= LAST:
            fail(f"{aid}: published {day} outside {FIRST}..{LAST}")
    except ValueError:
        fail(f"{aid}: published {rec['published']!r} is not an ISO date")
    if not re.fullmatch(r"https://[a-z0-9-]+\.example/\S+", rec["url"]):
        fail(f"{aid}: url {rec['url']!r} is not https://<outlet-slug>.example/<path>")
    paras = rec["text"].split("\n\n")
    if not PARAS[0] <= len(paras) <= PARAS[1] or any(not p.strip() for p in paras):
        fail(f"{aid}: {len(paras)} paragraphs, expected {PARAS[0]}-{PARAS[1]} non-empty")
    nwords = len(words(rec["text"]))
    if not WORDS[0] <= nwords <= WORDS[1]:
        fail(f"{aid}: body has {nwords} words, expected {WORDS[0]}-{WORDS[1]}")
    share = cyrillic_share(rec["title"] + " " + rec["text"])
    if (rec["language"] == "ru") != (share > 0.8) or (rec["language"] != "ru" and share > 0.01):
        fail(f"{aid}: Cyrillic share {share:.2f} does not fit language {rec['language']}")
    lang = rec["language"]
    if lang in MARKERS:
        counts = Counter(words(rec["text"]))
        own = sum(counts[w] for w in MARKERS[lang])
        other = max(sum(counts[w] for w in MARKERS[o]) for o in LANGS if o != lang)
        if own < 5 or own <= other:
            fail(f"{aid}: text does not look like {lang} ({own} vs {other} marker words)")
if len(set(r["url"] for r in articles.values())) != len(articles):
    fail("urls are not unique")
if len(set(r["text"] for r in articles.values())) != len(articles):
    fail("two articles have identical text")

# --- gold.json -------------------------------------------------------------------------------
gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
stories: dict = gold.get("stories", {})
assign: dict = gold.get("assignments", {})
for sid, meta in stories.items():
    if not re.fullmatch(r"S\d{2}", sid):
        fail(f"story id {sid!r} must look like S01")
    if (not isinstance(meta, dict) or not meta.get("title")
            or meta.get("kind") not in ("event", "thread")):
        fail(f"{sid}: needs a title and kind event|thread")
for aid in articles:
    if aid not in assign:
        fail(f"{aid}: not assigned to a story")
for aid, sid in assign.items():
    if aid not in articles:
        fail(f"assignment for unknown article {aid}")
    if sid not in stories:
        fail(f"{aid}: assigned to unknown story {sid}")

members: dict[str, list[dict]] = defaultdict(list)
for aid, sid in sorted(assign.items()):
    if aid in articles:
        members[sid].append(articles[aid])
for sid in stories:
    if len(members[sid]) < MIN_STORY_SIZE:
        fail(f"{sid}: {len(members[sid])} articles, expected >= {MIN_STORY_SIZE}")

for a, b, why in gold.get("distractor_pairs", []):
    if a not in stories or b not in stories or a == b or not why.strip():
        fail(f"bad distractor pair {a}/{b}")

for pair in gold.get("syndicated", []):
    if len(pair) != 2 or any(p not in articles for p in pair):
        fail(f"bad syndicated pair {pair}")
        continue
    x, y = (articles[p] for p in pair)
    if assign.get(pair[0]) != assign.get(pair[1]):
        fail(f"syndicated pair {pair} is split across stories")
    if x["outlet"] == y["outlet"]:
        fail(f"syndicated pair {pair} comes from one outlet")
    if x["text"].split("\n\n")[0] == y["text"].split("\n\n")[0]:
        fail(f"syndicated pair {pair} has the same first sentence")
    ratio = difflib.SequenceMatcher(None, rest_after_first_sentence(x["text"]),
                                    rest_after_first_sentence(y["text"])).ratio()
    if ratio < 0.95:
        fail(f"syndicated pair {pair}: text after the first sentence differs (ratio {ratio:.2f})")

# --- quotas ----------------------------------------------------------------------------------
lang_total = Counter(r["language"] for r in articles.values())
outlets = Counter(r["outlet"] for r in articles.values())
langs_of = {sid: {r["language"] for r in members[sid]} for sid in stories}
if len(articles) < MIN_ARTICLES:
    fail(f"{len(articles)} articles, expected >= {MIN_ARTICLES}")
if len(stories) < MIN_STORIES:
    fail(f"{len(stories)} stories, expected >= {MIN_STORIES}")
if len(outlets) < MIN_OUTLETS:
    fail(f"{len(outlets)} outlets, expected >= {MIN_OUTLETS}")
for lang, need in MIN_PER_LANG.items():
    if lang_total[lang] < need:
        fail(f"{lang_total[lang]} {lang} articles, expected >= {need}")
multi = sum(len(v) >= 2 for v in langs_of.values())
if multi * 2 <= len(stories):
    fail(f"only {multi} of {len(stories)} stories have >= 2 languages")
tri = sum(len(v) == 3 for v in langs_of.values())
if tri < MIN_TRILINGUAL:
    fail(f"only {tri} stories in all 3 languages, expected >= {MIN_TRILINGUAL}")

# --- report ----------------------------------------------------------------------------------
print(f"{'story':<6}{'en':>4}{'de':>4}{'ru':>4}{'all':>5}  {'dates':<23} title")
for sid in sorted(stories):
    c = Counter(r["language"] for r in members[sid])
    days = sorted(r["published"] for r in members[sid])
    span = f"{days[0]}..{days[-1][5:]}" if days else "-"
    print(f"{sid:<6}{c['en']:>4}{c['de']:>4}{c['ru']:>4}{len(members[sid]):>5}  {span:<23} "
          f"{stories[sid].get('title', '')[:60]}")
print(f"{'total':<6}{lang_total['en']:>4}{lang_total['de']:>4}{lang_total['ru']:>4}"
      f"{len(articles):>5}")
print(f"{len(stories)} stories, {len(outlets)} outlets, {tri} stories in all 3 languages, "
      f"{multi} in >= 2, {len(gold.get('distractor_pairs', []))} distractor pairs, "
      f"{len(gold.get('syndicated', []))} syndicated pair(s)")
wc = [len(words(r["text"])) for r in articles.values()]
if wc:
    print(f"body words: min {min(wc)}, max {max(wc)}, mean {sum(wc) / len(wc):.0f}")
print("outlets: " + ", ".join(f"{o} ({n})" for o, n in sorted(outlets.items())))
if errors:
    print(f"\nFAIL: {len(errors)} problem(s)")
    for e in errors:
        print("  - " + e)
    sys.exit(1)
print("\nOK: gold set is consistent")
