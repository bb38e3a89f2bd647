"""htmlpage._furniture tries its marker patterns only on markers holding one of their required
literals: the same furniture as trying every pattern on every marker."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from parallax.records import Boilerplate
from parallax.segment import htmlpage
from parallax.segment.render import text_of

GOLD = sorted((Path(__file__).parent / "data" / "segmentation_gold").glob("*.html"))


def _every_marker(tree: etree._Element) -> list[Boilerplate]:
    """The definition: each of ``_FURNITURE``'s patterns asked of every marker."""
    found: list[Boilerplate] = []
    kept: list[etree._Element] = []

    def add(node: etree._Element, kind: str) -> None:
        if any(a in kept for a in node.iterancestors()):
            return
        text = htmlpage._clip(text_of(node))
        if text:
            kept.append(node)
            found.append(Boilerplate(text, kind))

    for node in tree.iter("nav", "header", "footer", "aside", "figcaption", "div", "section",
                          "ul", "form"):
        marker = f"{node.get('id', '')} {node.get('class', '')} {node.get('role', '')}"
        if node.tag == "nav" or "navigation" in marker:
            add(node, "navigation")
        elif node.tag == "footer":
            add(node, "footer")
        elif node.tag == "figcaption":
            add(node, "image_caption")
        elif node.tag == "aside" and not marker.strip():
            add(node, "sidebar")
        else:
            for kind, rx in htmlpage._FURNITURE:
                if rx.search(marker):
                    add(node, kind)
                    break
    return found


def _parse(page: str | bytes) -> etree._Element:
    data = page.encode() if isinstance(page, str) else page
    return lxml_html.fromstring(data, parser=htmlpage.PLAIN)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_pages_get_the_same_furniture(path: Path) -> None:
    tree = _parse(path.read_bytes())
    assert repr(htmlpage._furniture(tree)) == repr(_every_marker(tree))


def test_generated_markers_get_the_same_furniture() -> None:
    """Markers from pieces of the patterns' words, in other cases, with characters
    ``re.IGNORECASE`` folds specially (long s, Kelvin sign) and a newline inside a class; a
    literal missing from the prefilter, or a fold that misses those, fails here."""
    pieces = ["share", "\u017fhare", "SOCIAL", "so", "cial", "ad", "AD", "head", "bad ad",
              "ad-slot", "support-us", "Newsletter", "subscr", "ibe", "cookie", "GDPR", "promo",
              "\u212a", "coo\u212aie", "new\u017fletter", "\u017fpon\u017for", "banner", "donate",
              "membership", "paywall", "sponsor", "advert", "consent", "x", "-", " ", "\n", "main",
              "content"]
    rng = random.Random(14)
    boxes = []
    for k in range(1500):
        marker = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        attribute = rng.choice(("class", "id", "role"))
        tag = rng.choice(("div", "section", "ul", "form", "aside"))
        boxes.append(f'<{tag} {attribute}="{marker}"><p>box {k}</p></{tag}>')
    tree = _parse(f"<html><body>{''.join(boxes)}</body></html>")
    expected = _every_marker(tree)
    assert len(expected) > 400  # most kinds are found many times
    assert repr(htmlpage._furniture(tree)) == repr(expected)
