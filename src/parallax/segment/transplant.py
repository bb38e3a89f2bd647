"""Real page furniture around real news prose of one language: is an article found as well in
German, French or Russian as in English?

Why: the real pages with hand-extracted gold (``realpages``) are almost all English, while
users paste pages in every language. Each page keeps its own furniture (menus, teasers,
footers, comments: every block outside its gold article) and its article blocks are replaced by
the paragraphs of a real news article in another language (SemEval-2023 Task 3 training
articles: en, ge, fr, it, po, ru), cut to about the same length. Every language gets the same
pages and furniture, so differences between languages are the segmenter's. Scored through the
``parallax extract --json`` path like ``realeval`` (word 4-gram shingle F1 of the main
article's title + text; a rejected page scores 0). Used by
``benchmarks/eval_language_transplant.py`` and ``tests/test_segment_languages.py``.
"""

from __future__ import annotations

import random
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parallax.segment import realeval, realpages
from parallax.segment.render import Block, page_blocks, render
from parallax.settings import Config

LANGUAGES = ("en", "ge", "fr", "it", "po", "ru")


def donors(semeval: Path, language: str) -> list[list[str]]:
    """Each SemEval-2023 training article's paragraphs (the title line left out), 80+ words."""
    folder = semeval / language / "train-articles-subtask-1"
    out = []
    for path in sorted(folder.glob("article*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines()]
        paragraphs = [x for x in lines[1:] if len(x.split()) >= 3]
        if sum(len(p.split()) for p in paragraphs) >= 80:
            out.append(paragraphs)
    return out


def article_range(blocks: list[Block], gold: str) -> tuple[int, int] | None:
    """First and last block of the gold article (blocks with most of their shingles in it)."""
    gold_shingles = realpages.shingles(realpages.words(gold))
    inside = []
    for i, block in enumerate(blocks):
        mine = realpages.shingles(realpages.words(block.text))
        total = sum(mine.values())
        if total >= 3 and sum((mine & gold_shingles).values()) >= 0.6 * total:
            inside.append(i)
    return (inside[0], inside[-1]) if len(inside) >= 2 else None


def transplant(blocks: list[Block], span: tuple[int, int], paragraphs: list[str]
               ) -> tuple[list[Block], str]:
    """The blocks with the article's replaced by ``paragraphs`` cut to about as many words
    (at least 120), and the new gold text."""
    first, last = span
    want = max(120, sum(len(b.text.split()) for b in blocks[first:last + 1]))
    chosen: list[str] = []
    count = 0
    for paragraph in paragraphs:
        chosen.append(paragraph)
        count += len(paragraph.split())
        if count >= want:
            break
    new = [Block(p, "p") for p in chosen]
    return blocks[:first] + new + blocks[last + 1:], "\n".join(chosen)


@dataclass
class LanguageScores:
    pages: int = 0
    f1: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    rejected: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def mean(self, language: str, shape: str | None = None) -> float:
        values = [f for s, v in self.f1[language].items() if shape in (None, s) for f in v]
        return sum(values) / len(values) if values else 0.0


def evaluate(pages: Iterable[realpages.RealPage], semeval: Path, languages: tuple[str, ...],
             shapes: tuple[str, ...], limit: int, seed: int = 16) -> LanguageScores:
    """``limit`` pages (those whose article blocks are found), each in every language."""
    pool = {lang: donors(semeval, lang) for lang in languages}
    rng = random.Random(seed)
    config = Config()
    out = LanguageScores()
    with tempfile.TemporaryDirectory(prefix="parallax-transplant-") as tmp:
        folder = Path(tmp)
        for page in pages:
            if out.pages >= limit:
                break
            title, blocks = page_blocks(page.html)
            span = article_range(blocks, page.gold)
            if span is None:
                continue
            out.pages += 1
            dumps, of = {}, {}
            for lang in languages:
                new, gold = transplant(blocks, span, pool[lang][rng.randrange(len(pool[lang]))])
                for shape in shapes:
                    name = f"{lang}-{shape}"
                    dumps[name] = render(title, new, shape, with_title=realeval.with_title(page))
                    of[name] = (lang, shape, gold)
            for name, _, contract in realeval.extracted(folder, out.pages, page, dumps, False,
                                                        config):
                lang, shape, gold = of[name]
                text, rejected, _ = realeval.main_text(contract)
                out.f1[lang][shape].append(realpages.shingle_prf(text, gold)[2])
                out.rejected[lang] += rejected
    return out
