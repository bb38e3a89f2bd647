"""Validate the claim-pair gold set and print its counts.

Usage (from the repository root):

    python3 tests/data/claim_pairs/check_pairs.py [path/to/pairs.jsonl]

Stdlib only. Exits 1 if any line is invalid, 0 otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("pairs.jsonl")
FIELDS = ("id", "a", "lang_a", "b", "lang_b", "label", "cue")
LABELS = ("same", "contradict", "related", "unrelated")
CUES = ("numbers", "negation", "antonym", "attribution")
LANGS = ("en", "de", "ru")
MIN_WORDS = 8
MAX_WORDS = 40
MIN_PAIRS = 120
MIN_CROSS_SHARE = 0.40
ID_RE = re.compile(r"^p\d{3}$")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")


def check_sentence(where: str, text: object, lang: object) -> list[str]:
    """Return problems with one claim sentence."""
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: must be a non-empty string"]
    problems: list[str] = []
    if text != text.strip() or "\n" in text:
        problems.append(f"{where}: stray whitespace or newline")
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append(f"{where}: {words} words, expected {MIN_WORDS}-{MAX_WORDS}")
    has_cyrillic = bool(CYRILLIC_RE.search(text))
    if lang == "ru" and not has_cyrillic:
        problems.append(f"{where}: lang is ru but the text has no Cyrillic")
    if lang in ("en", "de") and has_cyrillic:
        problems.append(f"{where}: lang is {lang} but the text contains Cyrillic")
    return problems


def check_record(rec: object, where: str) -> list[str]:
    """Return problems with one parsed line."""
    if not isinstance(rec, dict):
        return [f"{where}: not a JSON object"]
    problems: list[str] = []
    keys = set(rec)
    if keys != set(FIELDS):
        missing = sorted(set(FIELDS) - keys)
        extra = sorted(keys - set(FIELDS))
        problems.append(f"{where}: missing fields {missing}, unexpected fields {extra}")
        return problems
    if not isinstance(rec["id"], str) or not ID_RE.match(rec["id"]):
        problems.append(f"{where}: id must look like p001, got {rec['id']!r}")
    for side in ("a", "b"):
        lang = rec[f"lang_{side}"]
        if lang not in LANGS:
            problems.append(f"{where}: lang_{side} {lang!r} not in {LANGS}")
        problems.extend(check_sentence(f"{where} {side}", rec[side], lang))
    if rec["a"] == rec["b"]:
        problems.append(f"{where}: a and b are identical")
    label = rec["label"]
    cue = rec["cue"]
    if label not in LABELS:
        problems.append(f"{where}: label {label!r} not in {LABELS}")
    elif label == "contradict" and cue not in CUES:
        problems.append(f"{where}: contradict pair needs a cue in {CUES}, got {cue!r}")
    elif label != "contradict" and cue is not None:
        problems.append(f"{where}: cue must be null for label {label!r}, got {cue!r}")
    return problems


def table(title: str, counts: Counter[str], total: int) -> list[str]:
    """Render a small Markdown table of counts."""
    lines = [f"| {title} | pairs | share |", "| --- | ---: | ---: |"]
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {key} | {n} | {n / total:.0%} |")
    lines.append(f"| total | {total} | 100% |")
    return lines


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_PATH
    problems: list[str] = []
    records: list[dict[str, object]] = []
    seen_ids: set[str] = set()
    seen_pairs: dict[frozenset[str], str] = {}

    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"line {lineno}"
        if not line.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc})")
            continue
        found = check_record(rec, where)
        problems.extend(found)
        if found:
            continue
        rid = str(rec["id"])
        if rid in seen_ids:
            problems.append(f"{where}: duplicate id {rid}")
        seen_ids.add(rid)
        key = frozenset((str(rec["a"]), str(rec["b"])))
        if key in seen_pairs:
            problems.append(f"{where}: same sentence pair as {seen_pairs[key]}")
        seen_pairs.setdefault(key, rid)
        records.append(rec)

    total = len(records)
    if total < MIN_PAIRS:
        problems.append(f"only {total} valid pairs, expected at least {MIN_PAIRS}")
    if total == 0:
        for problem in problems:
            print(f"ERROR {problem}")
        return 1

    labels: Counter[str] = Counter(str(r["label"]) for r in records)
    cues: Counter[str] = Counter(str(r["cue"]) for r in records if r["label"] == "contradict")
    lang_pairs: Counter[str] = Counter(f"{r['lang_a']}-{r['lang_b']}" for r in records)
    cross = [r for r in records if r["lang_a"] != r["lang_b"]]
    cross_share = len(cross) / total
    cross_by_label: Counter[str] = Counter(str(r["label"]) for r in cross)
    unordered: Counter[str] = Counter(
        "-".join(sorted((str(r["lang_a"]), str(r["lang_b"])))) for r in cross
    )

    if cross_share < MIN_CROSS_SHARE:
        problems.append(f"cross-lingual share {cross_share:.0%} below {MIN_CROSS_SHARE:.0%}")
    for label in LABELS:
        if labels[label] == 0:
            problems.append(f"no pairs with label {label!r}")
        if cross_by_label[label] == 0:
            problems.append(f"no cross-lingual pairs with label {label!r}")
    for cue in CUES:
        if cues[cue] == 0:
            problems.append(f"no contradict pairs with cue {cue!r}")
    for combo in ("de-en", "en-ru", "de-ru"):
        if unordered[combo] == 0:
            problems.append(f"no cross-lingual pairs for {combo}")

    label_rows = Counter({f"{k} (cross-lingual {cross_by_label[k]})": v for k, v in labels.items()})
    out = [*table("label", label_rows, total), ""]
    out += [*table("cue (contradict only)", cues, sum(cues.values())), ""]
    out += [*table("lang_a-lang_b", lang_pairs, total), ""]
    out += [*table("cross-lingual, either order", unordered, len(cross)), ""]
    out.append(f"cross-lingual share: {len(cross)}/{total} = {cross_share:.1%}")
    print("\n".join(out))

    for problem in problems:
        print(f"ERROR {problem}")
    if problems:
        print(f"{len(problems)} problem(s) in {path}")
        return 1
    print(f"OK: {total} pairs in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
