"""Hard-wrapped dumps joined back into paragraphs (``segment/unwrap.py``)."""

from __future__ import annotations

import textwrap

from parallax.segment.textdump import segment_text
from parallax.segment.unwrap import unwrap


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
