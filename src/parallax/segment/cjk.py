"""Chinese and Japanese text counted fairly by the length rules written for spaced words.

Why: Chinese and Japanese put no spaces between words, so ``str.split`` counts a whole
paragraph as one word and a line of prose reads as a short label: a made-up seven-paragraph
Chinese report lost its headline (read as metadata), its lead (read as the title) and its last
paragraph, and the 159 characters left fell under ``min_article_chars`` (200): the page was
rejected. The weights come from real data, the training split's references
(``realpages``, 5 pages in Chinese and Japanese from 5 sites): 51.8 Han and kana characters a
sentence (split at 。！？), against 20.5 words and 122.9 characters a sentence in the pages
without CJK text (6.0 characters a word with its space). So about 2.5 CJK characters carry a
word, and one CJK character stands for about 2.4 Latin characters. Hangul is left out: Korean
spaces its words, so ``str.split`` already counts them (no Korean training page to weigh it).
"""

from __future__ import annotations

import re

import numpy as np

from parallax.textutil import UNSPACED_CHAR

#: CJK characters that carry a word (Latin-script references' words a sentence over CJK
#: references' characters a sentence: 51.8 / 20.5, rounded)
CHARS_PER_WORD = 2.5
#: Latin characters one CJK character stands for (122.9 / 51.8, rounded)
LATIN_CHARS = 2.4
#: Hiragana, katakana, CJK ideographs (extension A, unified, compatibility)
_CJK = re.compile(UNSPACED_CHAR)
#: the lowest CJK code point: a page without a higher one needs no CJK count
CJK_FIRST = 0x3040
_CJK_RUN = re.compile(UNSPACED_CHAR + "{2,}")
#: a CJK sentence's end (the ideographic full stop; with the full-width ! ? : and closing
#: quotes too, a Japanese portal's promotion lines (ending in "！") read as prose: training page
#: yahoo-4's article ran on into its sidebars, F1 0.84 -> 0.49; with the full stop alone 0.64)
CJK_END = ("。",)
#: what a title does not end with (``lines.title_like``): a full stop, a colon, their CJK form
TITLE_END = (".", ":", "。", "：")


def cjk_chars(text: str) -> int:
    """The CJK characters of ``text`` (0 at once for ASCII text). Why no ``max(text)`` test
    first: it compares the characters one by one in Python objects, ~3x the regex's scan."""
    if not text or text.isascii():
        return 0
    return len(_CJK.findall(text))


def word_count(text: str, split: int | None = None) -> int:
    """``len(text.split())``, a token holding CJK characters counted as every
    ``CHARS_PER_WORD`` of them one word, at least one (``split``: ``len(text.split())`` when
    known). Why at least one and no more: a four-kana share button is one word, as "Tweet" is,
    and no headline."""
    cjk = cjk_chars(text)
    if not cjk:
        return len(text.split()) if split is None else split
    return sum(1 for token in text.split() if not _CJK.search(token)) + max(
        1, int(cjk / CHARS_PER_WORD))


def weighed_length(text: str) -> int:
    """``len(text)`` with each CJK character counted as ``LATIN_CHARS`` characters, for the
    minimum article length (``min_article_chars``)."""
    cjk = cjk_chars(text)
    return len(text) + round((LATIN_CHARS - 1) * cjk) if cjk else len(text)


def content_bigrams(text: str) -> set[str]:
    """Each two CJK characters (or Hangul syllables) in a row of ``text``, as content words
    (``headline.content_words`` reads words of four letters or more, and a CJK clause is one
    such "word": a headline then shares none with its lead). Why pairs: most Chinese words are
    one or two characters, so a headline's pairs recur in its lead's, the usual way CJK text is
    indexed without a dictionary. Why Hangul too: a syllable block packs two or three letters,
    so most Korean words have two or three blocks (under four "letters": none was a content
    word), and a particle is written onto its noun ("library" and "library"+subject marker
    are two tokens): a made-up Korean headline shared no content word with its lead and was
    withheld as unlikely (``titlecheck``)."""
    if not paired_chars(text):
        return set()
    return {run[i:i + 2] for run in _CJK_RUN.findall(text) + _HANGUL_RUN.findall(text)
            for i in range(len(run) - 1)}


_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_HANGUL_RUN = re.compile("[\uac00-\ud7af]{2,}")


def paired_chars(text: str) -> bool:
    """``text`` holds a CJK character or a Hangul syllable: its content words are
    ``content_bigrams``."""
    return bool(text) and not text.isascii() and (
        cjk_chars(text) > 0 or _HANGUL.search(text) is not None)


def script_language(text: str) -> str | None:
    """"ja", "zh" or "ko" for a line written mostly in CJK characters (kana make it Japanese)
    or in Hangul, else None. Why: the language identifier's model for short texts knows none
    of them, and named a Chinese or Korean paragraph of 30 characters English or German: on
    such a page every short line switched language and was read as a reader's comment (made
    up, four-paragraph reports)."""
    if not text or text.isascii():
        return None
    letters = sum(map(str.isalpha, text))
    hangul = len(_HANGUL.findall(text))
    if hangul and 2 * hangul >= letters:  # (a line of no letters, "★★★★☆", is no Korean)
        return "ko"
    cjk = cjk_chars(text)
    if not cjk or 2 * cjk < letters:
        return None
    return "ja" if _KANA.search(text) else "zh"


def page_word_counts(page: str, texts: list[str], counts: list[int]) -> list[int]:
    """``counts`` (the lines' ``len(split())``) with CJK lines counted by ``word_count``; the
    same list when the page holds no CJK character. Its highest code point is read from the
    page's code points, which the line reader has just taken (``max(page)`` compares the
    characters one by one: ~0.25 ms a real page beyond ASCII, ~6 % of a dump's time)."""
    if not page or page.isascii():
        return counts
    from parallax.segment.linefeatures import code_points  # (linefeatures imports this module)

    if int(np.maximum.reduce(code_points(page))) < CJK_FIRST:
        return counts
    return [word_count(t, n) for t, n in zip(texts, counts, strict=True)]


__all__ = [
    "CHARS_PER_WORD",
    "CJK_END",
    "CJK_FIRST",
    "LATIN_CHARS",
    "TITLE_END",
    "cjk_chars",
    "content_bigrams",
    "page_word_counts",
    "paired_chars",
    "script_language",
    "weighed_length",
    "word_count",
]
