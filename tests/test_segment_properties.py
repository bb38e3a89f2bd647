"""Property-based tests: segmentation never crashes and never loses or duplicates text."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.errors import InputRejected
from parallax.records import RawDocument
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.segment.textdump import segment_text
from parallax.segment.unwrap import unwrap
from parallax.settings import Config

TYPICAL = [
    "logo", "Harbour strike enters second week", "Coastal Wire3 hours ago", "time2 hours ago",
    "  • Coastal Wire", "Related Articles", "Comments", "No comments yet...", "DOWNLOAD THE APP",
    "Get Started Now: Download the App", "app-storeplay-store", "Try Our AI Features",
    "Independent journalism needs your support.", "Support us",
    "Dock workers in the port city of Marlow extended their strike on Monday, leaving forty "
    "ships waiting offshore, the port authority said.",
    "The union said the workers would not return until the pay offer matches inflation.",
    "Das war doch klar, dass die Ausschreibung so endet, wie alle es erwartet haben.",
    "Endlich wird mal über die Bahn berichtet!", "Nordblick · 17.10.2026 · Von Anna Berg",
    "By Jane Roe", "Share", "Photo: Reuters", "Markus", "2 hours ago", "",
    "„Wir sind froh“, sagte sie.", "Правительство заявило, что мост откроется на неделе.",
]
line = st.one_of(st.sampled_from(TYPICAL), st.text(max_size=80).map(
    lambda s: s.replace("\n", " ").replace("\r", " ")))
page = st.lists(line, max_size=40).map("\n".join)


def nonblank(text: str) -> Counter[str]:
    return Counter(ln.strip() for ln in text.splitlines() if ln.strip())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
def test_every_line_is_accounted_for_exactly_once(text: str) -> None:
    # the trace accounts for the page as read: a hard-wrapped paragraph rejoined is one line
    # (``unwrap`` keeps every word in order: test below)
    seg = segment_text(text)
    assert Counter(t for t, _ in seg.trace) == nonblank(unwrap(text))
    body_lines = Counter(t for t, w in seg.trace if w in ("body", "related_body"))
    assert body_lines == Counter(p for a in seg.articles for p in a.paragraphs)
    assert [t for t, w in seg.trace if w == "comment"] == seg.comments
    boiler = Counter(t for t, w in seg.trace if w == "boilerplate")
    # titles the decoder or the title check set aside are boilerplate of their own kinds
    orphan = Counter(b.text for b in seg.boilerplate
                     if b.kind in ("orphan_title", "unconfirmed_title"))
    assert boiler + orphan == Counter(b.text for b in seg.boilerplate)


wide_line = st.lists(st.sampled_from([*TYPICAL[10:20], "a", "wrapped", "paragraph,"]),
                     min_size=1, max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(page, st.lists(wide_line, max_size=40).map("\n".join)))
def test_unwrap_keeps_every_word_in_order(text: str) -> None:
    out = unwrap(text)
    assert out.split() == text.split()
    assert len(out.splitlines()) <= len(text.splitlines())


def test_a_short_page_of_similar_lines_is_not_read_as_wrapped() -> None:
    # found by the property above: four copies of a 41-character comment under a 43-character
    # appeal were joined into one line (the lines are too narrow for a terminal's wrapper)
    comment = "Endlich wird mal über die Bahn berichtet!"
    text = "\n".join(["Independent journalism needs your support.", *[comment] * 3, "logo"])
    assert unwrap(text) == text


@settings(max_examples=150, deadline=None)
@given(page)
def test_segmenter_never_crashes(text: str) -> None:
    doc = RawDocument(uri="p.txt", kind="text", text=text, fetched_at="", sha256="0",
                      input="p.txt")
    try:
        result = HeuristicSegmenter(Config()).segment(doc)
    except InputRejected as exc:
        assert exc.reason
        return
    assert result.articles and result.articles[0].role == "main"
