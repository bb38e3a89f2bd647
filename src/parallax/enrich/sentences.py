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


_ORDINAL_DATE = re.compile(r"\b\d{1,2}\.$")
_CONTINUES = re.compile(r"^(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
                        r"November|Dezember|Jh|Jahrhundert|[a-zäöüа-яё])")


def sentencex_sentences(text: str, language: str | None) -> list[Sentence]:
    """sentencex per paragraph, offsets recovered by search; merges its splits after German
    ordinal dates ("am 3. Mai") and before lower-case continuations."""
    from sentencex import segment

    spans: list[Sentence] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        cursor = para.start()
        pieces: list[Sentence] = []
        for piece in segment(language or "en", para.group()):
            stripped = piece.strip()
            if not stripped:
                continue
            start = text.find(stripped, cursor, para.end())
            if start < 0:
                continue
            end = start + len(stripped)
            if pieces and (_ORDINAL_DATE.search(text[pieces[-1].start:pieces[-1].end])
                           or _CONTINUES.match(stripped)):
                pieces[-1] = Sentence(pieces[-1].start, end)
            else:
                pieces.append(Sentence(start, end))
            cursor = end
        spans.extend(pieces)
    return spans


class SentencexSentences:
    requires = ("text", "language")
    assigns = ("sentences",)

    def annotate(self, article: Article) -> None:
        article.sentences = sentencex_sentences(article.text, article.language)


@register("sentences", "sentencex/v1")
def make_sentencex(config: Config) -> SentencexSentences:
    return SentencexSentences()


class RegexSentences:
    requires = ("text",)
    assigns = ("sentences",)

    def annotate(self, article: Article) -> None:
        article.sentences = split_sentences(article.text)


@register("sentences", "regex/v1")
def make_sentences(config: Config) -> RegexSentences:
    return RegexSentences()
