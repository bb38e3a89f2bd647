"""A new user's session, round seven (docs/robustness.md, thirtieth session, helper N7): what
round six left, then a fact-checker checking a tip (a forwarded e-mail, a channel export, copied
text, right-to-left and CJK articles, an undeclared Cyrillic page) and who said what first.
Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

from parallax.segment.htmlpage import segment_html

BODY = ("The transport minister said on Monday that the island ferry will keep its winter "
        "timetable after a week of protests by residents of the outer islands. ")


def _page(title: str, heading: str) -> str:
    paragraphs = "".join(f"<p>{BODY}Part {k}.</p>" for k in range(4))
    return (f"<html><head><title>{title}</title></head><body><article>"
            f"<h1>{heading}</h1>{paragraphs}</article></body></html>")


def test_a_script_inside_the_heading_stays_out_of_the_title() -> None:
    # the <title> shows the tags as text (RCDATA) and the <h1> holds a script: a reader sees
    # "Ferry row: minister steps in", the title was "Ferry alert('t') row: ..."
    hostile = "Ferry <script>alert('t')</script> row: minister steps in"
    assert segment_html(_page(hostile + " | Herald", hostile)).title \
        == "Ferry row: minister steps in"
    styled = "Ferry <style>.x{color:red}</style> row: minister steps in"
    assert segment_html(_page("Ferry row: minister steps in", styled)).title \
        == "Ferry row: minister steps in"
