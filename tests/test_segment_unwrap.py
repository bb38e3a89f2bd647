"""Hard-wrapped dumps joined back into paragraphs (``segment/unwrap.py``)."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.segment.textdump import segment_text
from parallax.segment.unwrap import _opens_block, unwrap


def _paragraph(seed: int, words: int = 60) -> str:
    vocab = ["council", "river", "budget", "school", "bridge", "voters", "plan", "mayor",
             "winter", "station", "report", "families", "workers", "market", "evening"]
    return " ".join(vocab[(seed * 7 + k * k) % len(vocab)] for k in range(words)) + "."


def _wrapped_page() -> tuple[str, list[str]]:
    paragraphs = [_paragraph(k, 40 + 9 * k) for k in range(5)]
    menu = "\n".join(["Home", "World", "Business", "Sport", "Contact us"])
    body = "\n\n".join(textwrap.fill(p, width=76) for p in paragraphs)
    return f"{menu}\n\nA headline for the story\n\n{body}\n\n- First related link\n" \
           "- Second related link\n", paragraphs


def test_wrapped_paragraphs_are_joined_and_other_lines_kept() -> None:
    page, paragraphs = _wrapped_page()
    lines = unwrap(page).splitlines()
    for paragraph in paragraphs:
        assert paragraph in lines  # each paragraph back on one line, word for word
    for kept in ("Home", "Contact us", "A headline for the story", "- First related link",
                 "- Second related link"):
        assert kept in lines  # short lines the writer ended stay lines of their own


def test_unwrapped_pages_are_returned_as_they_are() -> None:
    _, paragraphs = _wrapped_page()
    one_per_line = "\n".join(["Home", "World", *paragraphs])  # lines wider than a terminal
    assert unwrap(one_per_line) is one_per_line
    short = "Home\nWorld\nBusiness\nA short line\nAnother short line\n"
    assert unwrap(short) is short
    assert unwrap("") == ""


def test_list_items_are_not_joined_to_the_line_above() -> None:
    items = "\n".join(f"- {_paragraph(k, 12)}" for k in range(3))
    page = "\n\n".join(textwrap.fill(_paragraph(k), width=76) for k in range(4)) + "\n" + items
    out = unwrap(page).splitlines()
    assert sum(line.startswith("- ") for line in out) == 3


def test_segment_text_reads_a_wrapped_dump_as_paragraphs() -> None:
    page, paragraphs = _wrapped_page()
    main = next(a for a in segment_text(page).articles if a.role == "main")
    assert any(paragraph in main.paragraphs for paragraph in paragraphs)


# -- the fifteenth session's faster unwrap against the definition it replaced ------------------

def _reference_unwrap(text: str) -> str:
    """``unwrap`` as it was written before the fifteenth session (one ``(?m)^`` pattern for the
    wide line, a loop a row): the faster code must give the same page for every input."""
    wide = re.search(r"(?m)^[^\r\n]{101}", text)
    if wide is not None:
        start = text.rfind("\n", 0, wide.start()) + 1
        end = text.find("\n", wide.end())
        if " " in text[start:end if end >= 0 else len(text)].strip():
            return text
    rows = text.splitlines()
    if not rows:
        return text
    lengths = list(map(len, rows))
    if any(" " in row.strip() for row, n in zip(rows, lengths, strict=True) if n > 100):
        return text
    width = max((n for row, n in zip(rows, lengths, strict=True) if " " in row.strip()),
                default=0)
    if width < 60:
        return text
    stripped = [row.strip() for row in rows]
    breaks = [False] * len(rows)
    for k in range(len(rows) - 1):
        here, after = stripped[k], stripped[k + 1]
        if not here or not after or _opens_block(after):
            continue
        first = after.find(" ")
        word = len(after) if first < 0 else first
        breaks[k] = len(rows[k].rstrip()) + 1 + word > width
    count = sum(breaks)
    if count < 4 or count < 0.05 * sum(1 for s in stripped if s):
        return text
    out: list[str] = []
    joined = False
    for k, row in enumerate(stripped):
        if joined:
            out[-1] += " " + row
        else:
            out.append(row)
        joined = breaks[k]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


_HALF = " ".join(["ferry", "harbour", "council", "winter"] * 2)  # 57: two are a wide line
#: lines wider than a terminal that ``splitlines`` cuts into narrower rows ("\u2028", "\x0c",
#: "\r" split rows, not lines; after a lone "\r" no line starts for ``(?m)^``)
_CUT_WIDE = [f"{_HALF}\u2028{_HALF}", f"{_HALF}\x0c{_HALF}", f"a\r{_HALF}\r{_HALF}",
             f"{_HALF}\r{_HALF}"]
# rows of a made-up page: wrapped prose, list items, a URL, wide lines, line breaks other
# than "\n"
_ROW = st.one_of(
    st.sampled_from(["", " ", "- a list item", "1. first point", "12) twelfth", "2026 was dry",
                     "• bullet", "https://example.org/" + "x" * 95, "word", "\r", "a\rb",
                     "\u2028", "tail\x0c", _HALF + " " + _HALF, *_CUT_WIDE]),
    st.builds(lambda n, k, pad: " ".join(["harbour", "ferry", "council", "winter"][
        (n + i) % 4] for i in range(k)) + pad, st.integers(0, 3), st.integers(1, 12),
        st.sampled_from(["", " ", "\r", ".", " \t"])))


@settings(max_examples=400, deadline=None)
@given(st.lists(_ROW, max_size=60), st.sampled_from(["\n", "\r\n", "\n\n"]),
       st.booleans())
def test_unwrap_answers_as_the_replaced_definition(rows: list[str], sep: str,
                                                   end: bool) -> None:
    text = sep.join(rows) + ("\n" if end else "")
    assert unwrap(text) == _reference_unwrap(text)


@pytest.mark.parametrize("width", [70, 76, 80])
def test_unwrap_answers_as_the_replaced_definition_on_wrapped_pages(width: int) -> None:
    page, _ = _wrapped_page()
    for text in (page, textwrap.fill(_paragraph(3, 400), width=width),
                 "x" * 101 + "\n" + page,  # a wide first line without a space
                 "a\r" + "y " * 60 + "\n" + page,  # a wide row after a lone "\r"
                 page.replace("\n", "\r\n"), page + "\n" + "z " * 60,
                 *(f"{cut}\n{page}" for cut in _CUT_WIDE),
                 *(f"{page}{cut}\n" for cut in _CUT_WIDE)):
        assert unwrap(text) == _reference_unwrap(text)
