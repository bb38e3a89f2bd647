#!/usr/bin/env python3
"""Consistency checker for the enrich gold set (stdlib only).

    python tests/data/enrich_gold/check_gold.py [DIR] [--verbose]

For every NN-lang-name.json in DIR (default: the folder of this script):

* the file has exactly the expected keys; ``id`` equals the file name without ``.json``, has
  the form ``NN-lang-name``, ids and their NN prefixes are unique, and the language in the id
  equals ``language`` (one of en, de, ru); ``author`` is null or a non-empty string;
* the text has 2-5 paragraphs separated by a blank line, 80-220 words, no empty paragraph;
* every entity, quote and claim span lies inside the text, has start < end, and
  ``text[start:end]`` equals its ``text`` field; no span starts or ends with whitespace;
* entities: type is PERSON, ORG, GPE, EVENT or DATE; canonical is a non-empty string; entity
  spans do not overlap; every other whole-word occurrence of an annotated surface form is
  annotated too (whole word = not touching a letter, digit, underscore or hyphen);
* quotes: speaker is a non-empty string, cue is a string or null, direct is a boolean; a
  direct quote sits right inside a pair of quote marks, an indirect one does not;
* claims: attribution is null or a non-empty string; the claim ends a sentence (. ! ?);
* lists are sorted by start.

Prints counts (passages per language, entities by type, quotes direct/indirect, claims) and,
with --verbose, the quote-marked spans that are deliberately not quotes (scare quotes, titles,
names in guillemets). Exit status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

KEYS = {"id", "language", "author", "text", "entities", "quotes", "claims"}
LANGS = {"en", "de", "ru"}
TYPES = {"PERSON", "ORG", "GPE", "EVENT", "DATE"}
ID_RE = re.compile(r"^(\d{2})-(en|de|ru)-[a-z0-9]+(?:-[a-z0-9]+)*$")
OPENERS = set("\"'“„«»‘")
CLOSERS = set("\"'”“»«’")
# pairs of marks, per language, used to list quote-marked spans that are not quotes (--verbose)
PAIRS = {"en": [("“", "”"), ("‘", "’"), ('"', '"')],
         "de": [("„", "“"), ("»", "«"), ('"', '"')],
         "ru": [("«", "»"), ("„", "“"), ('"', '"')]}
STRAIGHT_SINGLE = re.compile(r"(?<!\w)'([^'\n]{1,200})'(?!\w)")


def check_span(text: str, item: dict[str, Any], what: str, errs: list[str]) -> bool:
    s, e, t = item.get("start"), item.get("end"), item.get("text")
    if not (isinstance(s, int) and isinstance(e, int) and isinstance(t, str)):
        errs.append(f"{what}: start/end must be ints and text a string: {item!r}")
        return False
    if not 0 <= s < e <= len(text):
        errs.append(f"{what}: span {s}-{e} outside text (length {len(text)}) or empty")
        return False
    if text[s:e] != t:
        errs.append(f"{what}: text[{s}:{e}] = {text[s:e]!r} != {t!r}")
        return False
    if t != t.strip():
        errs.append(f"{what}: span has leading/trailing whitespace: {t!r}")
    return True


def whole_word(text: str, surface: str) -> list[tuple[int, int]]:
    rx = re.compile(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])")
    return [m.span() for m in rx.finditer(text)]


def check_file(path: Path, errs: list[str]) -> dict[str, Any] | None:
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        errs.append(f"cannot load: {exc}")
        return None
    if not isinstance(g, dict) or set(g) != KEYS:
        got = sorted(g) if isinstance(g, dict) else type(g).__name__
        errs.append(f"keys must be exactly {sorted(KEYS)}, got {got}")
        return None
    m = ID_RE.match(g["id"]) if isinstance(g["id"], str) else None
    if not m:
        errs.append(f"bad id {g['id']!r}")
    elif g["id"] != path.stem:
        errs.append(f"id {g['id']!r} does not match file name {path.name!r}")
    if g["language"] not in LANGS:
        errs.append(f"language {g['language']!r} not in {sorted(LANGS)}")
    elif m and m.group(2) != g["language"]:
        errs.append(f"id language {m.group(2)!r} != language {g['language']!r}")
    if g["author"] is not None and not (isinstance(g["author"], str) and g["author"].strip()):
        errs.append("author must be null or a non-empty string")

    text = g["text"]
    if not isinstance(text, str):
        errs.append("text must be a string")
        return None
    paras = text.split("\n\n")
    if not 2 <= len(paras) <= 5:
        errs.append(f"{len(paras)} paragraphs (want 2-5)")
    if any(not p.strip() or p != p.strip() for p in paras):
        errs.append("empty paragraph or paragraph with surrounding whitespace")
    n_words = len(text.split())
    if not 80 <= n_words <= 220:
        errs.append(f"{n_words} words (want 80-220)")

    for field in ("entities", "quotes", "claims"):
        if not isinstance(g[field], list):
            errs.append(f"{field} must be a list")
            return None
        starts = [x.get("start", -1) for x in g[field] if isinstance(x, dict)]
        if starts != sorted(starts):
            errs.append(f"{field} not sorted by start")

    taken: list[tuple[int, int]] = []
    for i, ent in enumerate(g["entities"]):
        what = f"entity {i} {ent.get('text')!r}"
        if set(ent) != {"text", "start", "end", "type", "canonical"}:
            errs.append(f"{what}: bad keys {sorted(ent)}")
            continue
        if not check_span(text, ent, what, errs):
            continue
        if ent["type"] not in TYPES:
            errs.append(f"{what}: type {ent['type']!r} not in {sorted(TYPES)}")
        if not (isinstance(ent["canonical"], str) and ent["canonical"].strip()):
            errs.append(f"{what}: empty canonical")
        if any(a < ent["end"] and ent["start"] < b for a, b in taken):
            errs.append(f"{what}: overlaps another entity")
        taken.append((ent["start"], ent["end"]))
    for surface in sorted({e["text"] for e in g["entities"] if isinstance(e.get("text"), str)}):
        for a, b in whole_word(text, surface):
            if not any(x <= a and b <= y for x, y in taken):
                errs.append(f"unannotated mention of {surface!r} at {a}-{b}")

    for i, q in enumerate(g["quotes"]):
        what = f"quote {i} {q.get('text', '')[:40]!r}"
        if set(q) != {"text", "start", "end", "speaker", "cue", "direct"}:
            errs.append(f"{what}: bad keys {sorted(q)}")
            continue
        if not check_span(text, q, what, errs):
            continue
        if not (isinstance(q["speaker"], str) and q["speaker"].strip()):
            errs.append(f"{what}: speaker must be a non-empty string")
        if q["cue"] is not None and not (isinstance(q["cue"], str) and q["cue"].strip()):
            errs.append(f"{what}: cue must be null or a non-empty string")
        if not isinstance(q["direct"], bool):
            errs.append(f"{what}: direct must be a boolean")
            continue
        before = text[q["start"] - 1] if q["start"] > 0 else ""
        after = text[q["end"]] if q["end"] < len(text) else ""
        enclosed = before in OPENERS and after in CLOSERS
        if q["direct"] and not enclosed:
            errs.append(f"{what}: direct quote not directly inside quote marks "
                        f"({before!r}...{after!r})")
        if not q["direct"] and enclosed:
            errs.append(f"{what}: indirect quote sits inside quote marks")

    for i, c in enumerate(g["claims"]):
        what = f"claim {i} {c.get('text', '')[:40]!r}"
        if set(c) != {"text", "start", "end", "attribution"}:
            errs.append(f"{what}: bad keys {sorted(c)}")
            continue
        if not check_span(text, c, what, errs):
            continue
        if c["attribution"] is not None and not (isinstance(c["attribution"], str)
                                                 and c["attribution"].strip()):
            errs.append(f"{what}: attribution must be null or a non-empty string")
        if not c["text"].rstrip("”\"»“'’").endswith((".", "!", "?")):
            errs.append(f"{what}: claim does not end a sentence")
    return g


def unlisted_marked(g: dict[str, Any]) -> list[str]:
    """Quote-marked spans (by pairs of marks) that are not listed as direct quotes."""
    text, listed = g["text"], {(q["start"], q["end"]) for q in g["quotes"] if q["direct"]}
    found = []
    rxs = [re.compile(re.escape(op) + r"([^" + re.escape(op + cl) + r"\n]{1,200})" + re.escape(cl))
           for op, cl in PAIRS.get(g["language"], [])] + [STRAIGHT_SINGLE]
    for rx in rxs:
        for m in rx.finditer(text):
            if m.span(1) not in listed and not any(a <= m.start(1) < b for a, b in listed):
                found.append(m.group(1))
    return found


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if a != "--verbose"]
    folder = Path(args[0]) if args else Path(__file__).resolve().parent
    files = sorted(folder.glob("*.json"))
    if not files:
        print(f"no gold files in {folder}")
        return 1
    failed = 0
    golds: list[dict[str, Any]] = []
    for path in files:
        errs: list[str] = []
        g = check_file(path, errs)
        if errs:
            failed += 1
            print(f"FAIL {path.name}")
            for e in errs:
                print(f"   - {e}")
        if g is not None:
            golds.append(g)
    ids = [g["id"] for g in golds]
    prefixes = [i[:2] for i in ids]
    for dup in sorted({p for p in prefixes if prefixes.count(p) > 1}):
        failed += 1
        print(f"FAIL duplicate number prefix {dup}")

    by_lang = Counter(g["language"] for g in golds)
    ent_types = Counter(e["type"] for g in golds for e in g["entities"])
    quotes = [q for g in golds for q in g["quotes"]]
    claims = [c for g in golds for c in g["claims"]]
    print(f"passages: {len(golds)}  " + "  ".join(f"{k}={by_lang[k]}" for k in sorted(by_lang)))
    print(f"words: {sum(len(g['text'].split()) for g in golds)}  "
          f"with author: {sum(1 for g in golds if g['author'])}")
    print(f"entities: {sum(ent_types.values())}  "
          + "  ".join(f"{k}={ent_types[k]}" for k in sorted(ent_types))
          + f"  distinct canonical: {len({e['canonical'] for g in golds for e in g['entities']})}")
    print(f"quotes: {len(quotes)}  direct={sum(q['direct'] for q in quotes)}  "
          f"indirect={sum(not q['direct'] for q in quotes)}  "
          f"no cue={sum(q['cue'] is None for q in quotes)}")
    print(f"claims: {len(claims)}  attributed={sum(c['attribution'] is not None for c in claims)}  "
          f"unattributed={sum(c['attribution'] is None for c in claims)}")
    for lang in sorted(by_lang):
        gs = [g for g in golds if g["language"] == lang]
        print(f"  {lang}: entities={sum(len(g['entities']) for g in gs)}  "
              f"quotes={sum(len(g['quotes']) for g in gs)} "
              f"(direct={sum(q['direct'] for g in gs for q in g['quotes'])})  "
              f"claims={sum(len(g['claims']) for g in gs)}")
    if verbose:
        for g in golds:
            for s in unlisted_marked(g):
                print(f"  not a quote in {g['id']}: {s!r}")
    print("OK" if not failed else f"{failed} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
