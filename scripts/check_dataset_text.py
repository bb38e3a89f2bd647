"""Find dataset or seed text copied into the repository.

The project may hold only what its authors write: a sentence of a real article, comment or page
quoted in a test, a docstring or a doc is a copy, however it got there. This script tokenises
every tracked text file and every file of the chosen parts of ``../shared`` into lower-cased
words and reports each word n-gram (7 for the datasets, 6 for the two seed pages) that both
hold, with the repository file and line and the shared file it came from. At 8 words the
docstrings' quoted fragments of BASIL and Dragnet pages slipped through (a name, a title and a
verb are often 7); at 6, stock phrases of news prose matched by chance.

Not reported, because they are no copied text:

* markup: tags, ``<script>``/``<style>`` bodies and entities are blanked on both sides, so
  ``<meta name="viewport" ...>`` in a made-up page matches nothing;
* runs of numbers, dates and times: an n-gram needs ``MIN_CONTENT`` words of two or more
  letters that are not month, weekday or clock words;
* the task's vocabulary: an n-gram that a label list or label file of the SemEval sets holds
  (narrative, technique, frame and role names the code must emit);
* the sets' own documentation (README, licence, guidelines PDF): it describes the data;
* whatever ``ALLOW`` lists, each entry with its reason.

Run ``.venv/bin/python scripts/check_dataset_text.py`` (all parts, about 1.5 min on the 2-core
machine; use ``nice``), ``--small`` for the guard test's parts or ``--datasets seeds stories``
for some; ``--list`` names the parts, ``--n`` tries another length. Exit 1 on any hit.
tests/test_no_dataset_text.py runs the small parts on every test run.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import re
import subprocess
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# part name -> (path under ../shared, n-gram length). The seeds are two short pages the project
# was asked to handle; their phrases are distinctive, so a shorter n-gram is still no accident.
PARTS: dict[str, tuple[str, int]] = {
    "seeds": ("seeds", 6),
    "stories": ("datasets/stories", 7),
    "bias": ("datasets/bias", 7),
    "sentiment": ("datasets/sentiment", 7),
    "semeval2025-en": ("datasets/semeval2025-task10/train/EN", 7),
    "semeval2025": ("datasets/semeval2025-task10", 7),
    "semeval2023-en": ("datasets/semeval2023-task3/en", 7),
    "semeval2023": ("datasets/semeval2023-task3", 7),
    "extraction": ("datasets/extraction", 7),
}
# what the guard test runs: quick, and the sets docs and tests quote most
SMALL = ("seeds", "stories", "bias", "sentiment", "semeval2025-en", "semeval2023-en")
ALL = ("seeds", "stories", "bias", "sentiment", "semeval2025", "semeval2023", "extraction")

REPO_SUFFIXES = (".py", ".md", ".txt", ".jsonl", ".json", ".html", ".rss", ".toml", ".js", ".css",
                 ".svg", ".sql", ".csv")
# label lists and label files: their n-grams are the task's vocabulary, not text
LABEL_FILES = ("subtask2_narratives.txt", "subtask2_subnarratives.txt", "techniques_subtask3.txt",
               "subtask-1-annotations.txt", "subtask-2-annotations.txt", "train-labels-*")
# the sets' documentation, not their text
DOC_FILES = ("README*", "readme*", "SOURCE-README*", "SOURCE_COMMIT", "LICENSE*", "*.pdf")
MAX_BYTES = 20_000_000
MIN_CONTENT = 5
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thur thurs fri sat sun am pm edt est pdt pst cdt cst "
    "gmt utc bst cet cest st nd rd th".split())


@dataclass(frozen=True)
class Allow:
    """A known n-gram that is no copy. ``paths``: globs over repository paths; ``gram``: a
    regex searched in the n-gram (None: every n-gram of the file)."""

    paths: tuple[str, ...]
    gram: str | None
    reason: str


ALLOW: tuple[Allow, ...] = (
    Allow(("src/parallax/segment/patterns.py", "tests/test_segment_comments_real.py",
           "docs/segmentation.md"),
          r"before posting your|numbers you entered did|read (them|it) below or add"
          r"|your comment previewing your comment|this is only a preview"
          r"|comments are moderated and will not appear",
          "a comment form's standard labels and notes: the patterns that recognise the form, "
          "the test lines they must match and the doc that names them"),
    Allow(("scripts/check_dataset_text.py",), None, "the allow-list's own patterns"),
    Allow(("*",), r"download the app|get started now|no comments yet|related articles"
          r"|try our ai features",
          "a news aggregator's interface labels: the furniture the segmenter must set aside"),
    Allow(("tests/test_frame_loaded.py",), r"outlet topic type label|label bias label opinion",
          "BABE's column names: the schema its loader reads"),
    Allow(("*",), r"by using this site you agree to|name required mail will not be published"
          r"|the comments to this entry are closed",
          "a web page's stock notices, in made-up pages and the patterns that set them aside"),
    Allow(("*",), r"international committee of the red|organization for security and"
          r"|democratic republic of the congo|association for the advancement of colored",
          "organisations' and countries' names"),
    Allow(("tests/data/enrich_gold/*",), r"who asked not to be named said",
          "a stock phrase of news prose in a made-up passage"),
    Allow(("tests/data/claim_pairs/pairs.jsonl",), r"prozent über dem niveau des vorjahresmonats",
          "the stock phrase of German price statistics in a made-up sentence"),
    Allow(("tests/data/segmentation_gold/12-usine-notitle.*",), r"ici à la fin de l année",
          "a stock French phrase ('by the end of the year') in a made-up article"),
    Allow(("tests/test_frame_loaded.py",), r"http news bbc co uk",
          "a function name before a site's URL pattern, no text"),
)

_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff"
WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_BLANK = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[/!?a-zA-Z][^<>]{0,2000}>"
                    r"|&#?\w{1,8};|\\[ntr]", re.DOTALL | re.IGNORECASE)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def clean(text: str) -> str:
    """Markup and escapes blanked, of the same length, so offsets still give the line."""
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)).ljust(6), text)
    return _BLANK.sub(_spaces, text)


def words(text: str) -> Iterator[tuple[str, int]]:
    for match in WORD.finditer(clean(text)):
        yield match.group().lower(), match.start()


def is_content(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word not in CALENDAR


def grams(text: str, n: int) -> Iterator[tuple[str, int]]:
    """(n-gram, offset of its first word) for every n-gram with enough content words."""
    toks = list(words(text))
    content = [is_content(w) for w, _ in toks]
    count = sum(content[:n])
    for i in range(len(toks) - n + 1):
        if i:
            count += content[i + n - 1] - content[i - 1]
        if count >= MIN_CONTENT:
            yield " ".join(w for w, _ in toks[i:i + n]), toks[i][1]


def tracked_files(root: Path = ROOT) -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True)
    return [p for p in out.stdout.splitlines() if p.endswith(REPO_SUFFIXES)]


def repo_index(n: int, root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """n-gram -> [(path, line)], each line of each file where it starts."""
    index: dict[str, list[tuple[str, int]]] = {}
    for path in tracked_files(root):
        try:
            text = (root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        newlines = [m.start() for m in re.finditer("\n", text)]
        seen: set[tuple[str, int]] = set()
        for gram, offset in grams(text, n):
            line = bisect_right(newlines, offset) + 1
            if (gram, line) not in seen:
                seen.add((gram, line))
                index.setdefault(gram, []).append((path, line))
    return index


def _named(path: Path, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(path.name, g) for g in globs)


def shared_files(part: str, shared: Path = SHARED) -> Iterator[Path]:
    """The text files of one part, each content once (the SemEval-2023 articles are copied into
    one folder per subtask), without label files and the sets' documentation."""
    seen: set[bytes] = set()
    for path in sorted((shared / PARTS[part][0]).rglob("*")):
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            continue
        if _named(path, LABEL_FILES) or _named(path, DOC_FILES):
            continue
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        if digest not in seen:
            seen.add(digest)
            yield path


def vocabulary(n: int, shared: Path = SHARED) -> set[str]:
    """n-grams of every label list and label file under ../shared/datasets."""
    vocab: set[str] = set()
    for path in (shared / "datasets").rglob("*"):
        if path.is_file() and _named(path, LABEL_FILES):
            vocab.update(g for g, _ in grams(path.read_text(encoding="utf-8", errors="ignore"), n))
    return vocab


def allowed(path: str, gram: str, allow: Iterable[Allow] = ALLOW) -> bool:
    return any(any(fnmatch.fnmatch(path, glob) for glob in a.paths)
               and (a.gram is None or re.search(a.gram, gram)) for a in allow)


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    gram: str
    source: str  # the shared file, relative to ../shared


def scan(parts: Iterable[str], root: Path = ROOT, shared: Path = SHARED,
         n: int | None = None) -> list[Hit]:
    """Every n-gram of the repository that a file of ``parts`` holds, allow-list applied;
    ``n`` replaces each part's own length."""
    hits: dict[tuple[str, int, str], Hit] = {}
    by_n: dict[int, list[str]] = {}
    for part in parts:
        by_n.setdefault(n or PARTS[part][1], []).append(part)
    for n, names in sorted(by_n.items()):
        index = repo_index(n, root)
        vocab = vocabulary(n, shared)
        for part in names:
            for source in shared_files(part, shared):
                text = source.read_text(encoding="utf-8", errors="ignore")
                for gram, _ in grams(text, n):
                    if gram not in index or gram in vocab:
                        continue
                    for path, line in index[gram]:
                        if not allowed(path, gram):
                            key = (path, line, gram)
                            hits.setdefault(key, Hit(path, line, gram,
                                                     str(source.relative_to(shared))))
    return sorted(hits.values(), key=lambda h: (h.path, h.line, h.gram))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", nargs="+", choices=sorted(PARTS), default=list(ALL),
                        metavar="PART", help="parts of ../shared to scan (default: all)")
    parser.add_argument("--small", action="store_true", help=f"the guard test's parts {SMALL}")
    parser.add_argument("--n", type=int, help="one n-gram length for every part")
    parser.add_argument("--summary", action="store_true", help="counts per file only")
    parser.add_argument("--list", action="store_true", help="name the parts and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, (path, n) in PARTS.items():
            print(f"{name:16} ../shared/{path} ({n}-grams)")
        return 0
    missing = [p for p in args.datasets if not (SHARED / PARTS[p][0]).exists()]
    if missing:
        print(f"not found under {SHARED}: {', '.join(missing)}", file=sys.stderr)
        return 2
    hits = scan(SMALL if args.small else args.datasets, n=args.n)
    per_file: dict[str, int] = {}
    for hit in hits:
        per_file[hit.path] = per_file.get(hit.path, 0) + 1
        if not args.summary:
            print(f"{hit.path}:{hit.line}: {hit.gram!r}  ({hit.source})")
    for path, count in sorted(per_file.items()):
        print(f"{count:6d}  {path}", file=sys.stderr if not args.summary else sys.stdout)
    print(f"{len(hits)} n-grams in {len(per_file)} files", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
