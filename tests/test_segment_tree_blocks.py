"""render.tree_blocks leaves out what the page hides (the ``hidden`` attribute, ``aria-hidden``
"true", an inline style's ``display: none`` or ``visibility: hidden``) and keeps the words after
a hidden element; made-up page."""

from __future__ import annotations

from lxml import html as lxml_html

from parallax.segment.htmlpage import PLAIN
from parallax.segment.render import page_blocks, tree_blocks

PAGE = """<html><head><title>Ferry timetable</title></head><body>
<p>The ferry timetable changes on Monday.</p>
<div hidden><p>A hidden menu entry.</p></div>
<p aria-hidden="true">Icon label nobody sees.</p>
<p aria-hidden="false">Shown caption of the harbour.</p>
<p style="color: red; DISPLAY : none">Cookie notice text.</p>
<p style="visibility:hidden">Invisible share row.</p>
<p style="margin: 0">Boats leave every hour.</p>
<p>Tickets cost <span style="display:none">secret</span>four euros.</p>
<section hidden="">Hidden section text.</section>
</body></html>"""


def test_hidden_elements_are_left_out_and_their_tails_kept() -> None:
    tree = lxml_html.fromstring(PAGE.encode(), parser=PLAIN)
    title, blocks = tree_blocks(tree)
    assert title == "Ferry timetable"
    assert [b.text for b in blocks] == [
        "The ferry timetable changes on Monday.",
        "Shown caption of the harbour.",
        "Boats leave every hour.",
        "Tickets cost four euros.",
    ]
    assert page_blocks(PAGE) == (title, blocks)


def test_a_hidden_body_shows_nothing() -> None:
    tree = lxml_html.fromstring(b"<html><body hidden><p>Nothing shown here.</p></body></html>",
                                parser=PLAIN)
    assert tree_blocks(tree) == ("", [])
