"""Small text helpers shared by stages: transliteration, tokens, numbers.

Transliteration lets the simple defaults match names across scripts (Драган ~ Dragan) before
the multilingual embedding models arrive.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "ye",
            "yi",
            "g",
        ],
        strict=True,
    )
)

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[ ,.\u202f]\d{3})+(?![\d])|(?<![\w.])\d+(?:[.,]\d+)?")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "not",
        "no",
        "yes",
        "will",
        "would",
        "can",
        "could",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "than",
        "then",
        "so",
        "such",
        "also",
        "into",
        "over",
        "after",
        "before",
        "about",
        "against",
        "between",
        "during",
        "without",
        "within",
        "under",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "there",
        "here",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "own",
        "same",
        "too",
        "very",
        "just",
        "only",
        "new",
        "said",
        "says",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "und",
        "oder",
        "aber",
        "wenn",
        "als",
        "ist",
        "sind",
        "war",
        "waren",
        "sein",
        "es",
        "sie",
        "er",
        "wir",
        "ihr",
        "ich",
        "nicht",
        "kein",
        "keine",
        "mit",
        "von",
        "zu",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "für",
        "bei",
        "nach",
        "vor",
        "über",
        "unter",
        "aus",
        "dass",
        "auch",
        "noch",
        "nur",
        "so",
        "wie",
        "was",
        "wird",
        "werden",
        "wurde",
        "hat",
        "haben",
        "hatte",
        "и",
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "к",
        "о",
        "об",
        "от",
        "до",
        "за",
        "из",
        "у",
        "не",
        "но",
        "а",
        "что",
        "как",
        "это",
        "так",
        "же",
        "ли",
        "бы",
        "был",
        "была",
        "были",
        "быть",
        "он",
        "она",
        "они",
        "мы",
        "вы",
        "я",
        "его",
        "ее",
        "их",
        "для",
        "при",
        "над",
        "под",
        "без",
        "уже",
        "еще",
        "только",
        "или",
        "также",
    ]
)


def translit(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYR:
            rep = _CYR[low]
            out.append(rep.capitalize() if ch != low and rep else rep)
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4096)
def whole_word(word: str, hyphen: bool = False) -> re.Pattern[str]:
    """``word`` as a word of its own: no letter, digit or underscore on either side (nor a
    hyphen, with ``hyphen``: German compounds join names with one). The check on the left
    stands after the word, so the regex engine jumps from one occurrence of its first letters
    to the next; written before it, the engine tried it at every position of the text, ~45
    times slower, for every name of a long text (twentieth session, helper R,
    docs/robustness.md)."""
    escaped, edge = re.escape(word), r"[\w-]" if hyphen else r"[\w]"
    return re.compile(rf"{escaped}(?<!{edge}{escaped})(?!{edge})")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, transliterated, accents removed: a key for matching names across scripts.
    Memoised: the entity stage folds every capitalised word and name it meets (~1,800 calls per
    article, 28% of the stage's CPU on real news before; benchmarks/bench_real.py)."""
    text = translit(text).lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ß", "ss")


def content_words(text: str) -> list[str]:
    return [
        w
        for w in (fold(m.group()) for m in WORD.finditer(text))
        if len(w) > 2 and w not in STOPWORDS
    ]


# what makes a figure no quantity: an ordinal's ending after it ("the 21st century", "3rd"),
# an apostrophe before two digits (a year written short: "the '91 borders", "the ’80s")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
SHORT_YEAR_BEFORE = ("'", "’", "‘")


def quantity_figure(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] counts or measures something: not an ordinal
    ("21st") and not a year written with an apostrophe ("'91"), both dates or ranks."""
    if _ORDINAL_AFTER.match(text, end):
        return False
    return not (end - start == 2 and text[start - 1:start] in SHORT_YEAR_BEFORE)


def numbers(text: str) -> list[str]:
    """Numbers as digits only ("12,000" and "12 000" -> "12000"), for comparing claims; an
    ordinal or a year written short is none (``quantity_figure``)."""
    return [re.sub(r"[ ,.\u202f](?=\d{3}\b)", "", m.group()) for m in NUMBER.finditer(text)
            if quantity_figure(text, m.start(), m.end())]


def name_skeleton(name: str) -> str:
    """A name reduced for matching across scripts and spellings: folded, 'kh' as 'h'
    (Хелен -> Helene), doubled letters collapsed (Kessler ~ Kesler)."""
    return re.sub(r"(.)\1+", r"\1", fold(name).replace("kh", "h"))


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 record``, ``2,048 records``, ``3 stories`` (``many`` where the plural is not
    ``one`` + "s"): one way of counting for the CLI's lines and the readers' rejections."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


#: a character of the scripts written without spaces between words: hiragana, katakana, CJK
#: ideographs (extension A, unified, compatibility). Hangul is not one: Korean spaces its words.
#: (The length rules, ``segment.cjk``, and search, ``store.unspaced_search``, read the same set.)
UNSPACED_CHAR = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


#: characters that show nothing (a zero-width space, a word joiner, a stray byte-order mark) or
#: show a space (no-break spaces): what a copy from a word processor leaves inside words and
#: between names. Kept, they split a word for search and the entity recogniser ("Alma<NBSP>Reyes"
#: was two people, "Alma" the speaker of her quote; "is<ZWSP>lands" no "islands"). The joiners
#: that shape Persian, Indic scripts and emoji (U+200C, U+200D) and the direction marks stay.
#: The soft hyphen (U+00AD) shows nothing inside a line either: "au<SHY>thor<SHY>ity" is
#: "authority", "Bran<SHY>nock" the "Brannock" of another article (thirty-first session, helper
#: SM; the extraction set's gold holds them too, and its score now reads both as shown)
_INVISIBLE = str.maketrans({"\u200b": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
                            "\u00a0": " ", "\u2007": " ", "\u202f": " "})
_INVISIBLE_ANY = re.compile("[\u200b\u2060\ufeff\u00ad\u00a0\u2007\u202f]")


def as_shown(text: str) -> str:
    """The text with those characters as a reader sees them: nothing, or a space."""
    return text.translate(_INVISIBLE) if _INVISIBLE_ANY.search(text) else text


#: what a terminal acts on instead of showing: C0 and C1 control characters (ESC opens escape
#: sequences that clear the screen, move the cursor or retitle the window) and the Unicode
#: direction controls (an attachment named "a<U+202E>gnp.exe" prints as "aexe.png"). Input names
#: come from hostile places (a WARC's target URI, an e-mail attachment's file name, a feed's
#: link), and rich passes ESC through. The left-to-right and right-to-left marks (U+200E/F) stay:
#: Hebrew and Arabic titles hold them rightly, and they reorder no text around them.
_TERMINAL_ACTS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """``text`` with those characters written as Python escapes (``\\x1b``, ``\\u202e``), so a
    name prints as what it holds; a tab and a line end stay."""
    return _TERMINAL_ACTS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    """The matched character as its Python escape (``\\u202e``)."""
    return match.group().encode("unicode_escape").decode("ascii")


#: the two controls that reverse the letters after them (LEFT-TO-RIGHT and RIGHT-TO-LEFT
#: OVERRIDE): a web page's elements isolate stored text (style.css), but inside its own element
#: "Herald <U+202E>evil" still reads "Herald live", a name the outlet never had. No natural text
#: needs them (Arabic and Hebrew order themselves), so a page shows them as the terminal does;
#: embeddings and isolates, which mixed-script titles hold rightly and which keep each word's
#: letters in order, stay (isolated by the page's elements).
_LETTER_REVERSERS = re.compile("[\u202d\u202e]")


def overrides_shown(text: str) -> str:
    """``text`` with each direction override written as its escape (``\\u202e``)."""
    if not _LETTER_REVERSERS.search(text):
        return text
    return _LETTER_REVERSERS.sub(_escaped, text)
