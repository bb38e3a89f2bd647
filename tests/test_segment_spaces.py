"""A page's whitespace and token starts, found once for the line reader, the line features and
the stop-word counts (``linefeatures.spaces``), against their definition."""

from __future__ import annotations

import random

import numpy as np

from parallax.segment import linefeatures, stopwords
from parallax.segment.linefeatures import code_points, spaces
from parallax.segment.linemodel import _STOP

# made-up characters: ASCII, Latin-1 and other whitespace, astral letters and emoji, strip
# characters, letters whose case changes length
PIECES = ["the", "and", "Mayor", "said", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u2028",
          "\u3000", "\x1c", "\x85", "(", "»", "...", "😀", "𝐭𝐡𝐞", "İ", "ß", "東京", "x", "of"]


def _page(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 400)))


def _definition(page: str) -> tuple[list[bool], list[bool]]:
    space = [c.isspace() for c in page]
    start = [not s and (i == 0 or space[i - 1]) for i, s in enumerate(space)]
    return space, start


def test_spaces_are_isspace_and_token_starts_on_random_pages() -> None:
    rng = random.Random(30)
    for _ in range(400):
        page = _page(rng)
        space, start = spaces(code_points(page))
        assert (space.tolist(), start.tolist()) == _definition(page)
        assert not space.flags.writeable and not start.flags.writeable


def test_spaces_are_remembered_only_for_the_same_code_points() -> None:
    """The same array object answers from the memo; another page (even of the same length,
    or equal text in another array) is read afresh."""
    first, second = "the mayor said " * 80, "the mayor sa d " * 80
    codes = code_points(first)
    assert spaces(codes)[0] is spaces(codes)[0]  # remembered
    other = code_points(second)
    assert other is not codes and len(other) == len(codes)
    assert (spaces(other)[0].tolist(), spaces(other)[1].tolist()) == _definition(second)
    copy = np.array(codes)  # equal values, another object (writeable: never remembered)
    assert spaces(copy)[1].tolist() == _definition(first)[1]
    copy[:] = ord("x")  # changed in place: read afresh, not from the memo
    assert not spaces(copy)[0].any()


def test_a_callers_space_mask_gives_the_same_token_starts() -> None:
    rng = random.Random(31)
    for _ in range(100):
        page = _page(rng)
        codes = np.frombuffer(page.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        mask = np.array([c.isspace() for c in page], dtype=bool)
        assert spaces(codes, mask)[1].tolist() == _definition(page)[1]


def test_stop_counts_with_the_pages_spaces_count_as_without() -> None:
    """``stop_counts`` handed ``spaces`` (as ``base_matrix`` does) gives the counts it finds
    from its own table, on random pages of stop words, strip characters and whitespace."""
    rng = random.Random(32)
    words = sorted(_STOP)
    for _ in range(200):
        texts = ["".join(rng.choice(words + PIECES) for _ in range(rng.randint(1, 30)))
                 .replace("\n", " ") or "x" for _ in range(rng.randint(1, 12))]
        page = "\n".join(texts)
        starts = np.zeros(len(texts), dtype=np.int64)
        np.cumsum([len(t) + 1 for t in texts[:-1]], out=starts[1:])
        codes = code_points(page)
        own = stopwords.stop_counts(codes, starts, len(texts), _STOP, linefeatures._STRIP)
        shared = stopwords.stop_counts(codes, starts, len(texts), _STOP, linefeatures._STRIP,
                                       spaces(codes))
        assert own is not None and shared is not None
        assert own.tolist() == shared.tolist()
