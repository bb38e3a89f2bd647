"""Stop words per line from code points (segment/stopwords.py) against the token definition."""

from __future__ import annotations

import random

import numpy as np
import pytest

from parallax.segment import linefeatures, stopwords
from parallax.segment.linefeatures import code_points
from parallax.segment.linemodel import _STOP, base_features, reference_base
from parallax.segment.lines import read_lines

STRIP = linefeatures._STRIP


def by_tokens(texts: list[str], stop: frozenset[str]) -> list[float]:
    """The definition: per line, its lower-cased tokens that are stop words once stripped."""
    return [float(sum(t.strip(STRIP) in stop for t in text.lower().split())) for text in texts]


def by_codes(texts: list[str], stop: frozenset[str]) -> list[float] | None:
    page = "\n".join(texts)
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum([len(t) + 1 for t in texts[:-1]], out=starts[1:])
    counts = stopwords.stop_counts(code_points(page), starts, len(texts), stop, STRIP)
    return None if counts is None else counts.tolist()


# made up; each line a shape the strip and the packing must read as the tokens do
LINES = [
    "The mayor said that the bridge will open in May.",
    "«The» (and) \"of\"... 'to' ?in! -the the- the's THE",
    "Die Stadt und der Rat, nicht mit den Bürgern: für sich.",
    "И в не на что — он сказал, что мост откроют.",
    "İn İ in i İstanbul is a city; I said so",
    "emoji 😀 the 😀and and😀 𝐭𝐡𝐞 the",
    "tokens of strip only: ... (( )) «» and , the",
    "there their theirs thereby about whichever WOULD",
    "a an i you we he she or if so no not all one can",
    "东京 the 新闻 and 记者",
    "u.s. e.g. the.the (the)the thé the\u0301 ﬁ the\u00a0and",
    "K\u212aelvin \u212a the\u2003and\u2028of",
]


@pytest.mark.parametrize("line", LINES)
def test_each_line_counts_as_its_tokens(line: str) -> None:
    assert by_codes([line], _STOP) == by_tokens([line], _STOP)


def test_a_page_of_lines_counts_each_line_apart() -> None:
    assert by_codes(LINES, _STOP) == by_tokens(LINES, _STOP)


def test_random_pages_of_stop_words_and_strip_characters() -> None:
    """Tokens built from stop words, their letters, strip characters, capitals and other
    characters, joined by assorted whitespace: the packing and the strip must agree with
    the tokens on every one (a wrong bit or span shows as a count off by one)."""
    rng = random.Random(28)
    words = sorted(_STOP)
    pieces = [*words, *STRIP, "x", "é", "İ", "😀", "-", "'", "ab", "THE", "Und", "ı", "ß"]
    for _ in range(300):
        texts = []
        for _ in range(rng.randint(1, 6)):
            tokens = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
                      for _ in range(rng.randint(1, 12))]
            line = "".join(t + rng.choice((" ", "  ", "\t", "\u00a0", "\u3000")) for t in tokens)
            texts.append(line.strip() or "x")
        assert by_codes(texts, _STOP) == by_tokens(texts, _STOP), texts


def test_a_stop_set_that_does_not_pack_is_counted_by_tokens() -> None:
    long_word = _STOP | {"nevertheless"}
    assert stopwords.tables(long_word, STRIP) is None
    assert by_codes(["nevertheless the"], long_word) is None
    lines = read_lines("Nevertheless, the council met.\nAnd then nevertheless it voted.\n")
    # base_matrix with such a set takes the token path: the same ratios (2 of 4, 3 of 5)
    x = linefeatures.base_matrix(lines, stop=long_word, sentence_end=(".",),
                                 marker=linefeatures.re.compile("^#"),
                                 sep=linefeatures.re.compile(r"\|"),
                                 webby=linefeatures.re.compile("www"),
                                 gap=linefeatures.re.compile(r"[.]\s+[A-Z]"),
                                 strong=frozenset())
    assert x[:, 5].tolist() == [2 / 4, 3 / 5]


@pytest.mark.parametrize("copies", [1, 6])
def test_the_line_model_columns_are_the_reference_columns(copies: int) -> None:
    """A short page counts tokens, a long one code points (``MIN_PAGE_CHARS``): the same
    columns. (The CJK line left out: there the reference divides by tokens, the matrix by
    the line's words, before and after this module.)"""
    text = "\n".join(line for line in LINES if "东京" not in line) + "\n"
    assert (len(text) * copies >= stopwords.MIN_PAGE_CHARS) == (copies > 1)
    lines = read_lines(text * copies)
    np.testing.assert_array_equal(base_features(lines), reference_base(lines))


def test_long_runs_of_strip_characters_count_as_their_tokens() -> None:
    """A token that opens or closes with thousands of strip characters ("((((…the…))))", or
    nothing but them): the strip walked one character a step, so a 5 MB line of "(" took
    ~18 s of CPU where the tokens took 0.6 s (twenty-eighth session's review); past a few
    steps the rest of the run is skipped in one pass over the page, and the counts stay the
    tokens' own."""
    run = 3 * stopwords.STRIP_STEPS
    lines = ["(" * 5000 + "the" + ")" * 5000 + " and",
             "«" * 40 + " " + "(" * 5000 + " of" + "»" * run,
             "x " + "(" * run + "in" + " " + "." * run + "the" + ")" * (run + 1) + "x",
             '"' * 7000, "the " + "'" * run + "'and'" + "'" * run + " a"]
    assert by_codes(lines, _STOP) == by_tokens(lines, _STOP) == [2.0, 1.0, 1.0, 0.0, 3.0]
    for line in lines:
        assert by_codes([line], _STOP) == by_tokens([line], _STOP), line[:20]
