"""Sentence spans with offsets: split at . ! ? … followed by space and an upper-case letter or
an opening quote, never inside quotes; paragraphs (blank lines) always end a sentence."""

from __future__ import annotations

import re

from parallax.records import Article, Sentence
from parallax.registry import register
from parallax.settings import Config

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”»“]?\s+(?=[\"'“„«(]?[A-ZÄÖÜА-ЯЁ0-9])")
_ABBREV = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|vs|etc|z\.B|bzw|ca|Nr|U\.S|U\.N|e\.g|"
                     r"i\.e|Jan|Feb|Aug|Sept|Oct|Nov|Dec|г|т\.е|т\.д)\.$")


def split_sentences(text: str) -> list[Sentence]:
    spans: list[Sentence] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        start = para.start()
        chunk = para.group()
        cursor = 0
        for m in _BOUNDARY.finditer(chunk):
            if _ABBREV.search(chunk[cursor:m.start()]):
                continue
            piece = chunk[cursor:m.start()].rstrip()
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append(Sentence(start + cursor + lead, start + cursor + len(piece)))
            cursor = m.end()
        piece = chunk[cursor:].rstrip()
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append(Sentence(start + cursor + lead, start + cursor + len(piece)))
    return spans


class RegexSentences:
    requires = ("text",)
    assigns = ("sentences",)

    def annotate(self, article: Article) -> None:
        article.sentences = split_sentences(article.text)


@register("sentences", "regex/v1")
def make_sentences(config: Config) -> RegexSentences:
    return RegexSentences()
