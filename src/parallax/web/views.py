"""Turning records into what templates show: highlight layers over an article's text, small bar
charts as SVG geometry, summaries. Templates hold no logic, and nothing here marks text safe:
every piece of article text reaches the page through Jinja2's autoescaping.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from parallax.records import Article, Story

LAYERS = ("entities", "quotes", "claims", "techniques")
_SPAN = re.compile(r"^(\d{1,7})-(\d{1,7})$")
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.DOTALL)


def story_summary(story: Story) -> dict[str, Any]:
    return {"id": story.id, "title": story.title,
            "article_count": story.main_count or len(story.article_ids),
            "outlets": story.outlets, "languages": story.languages,
            "key_entities": story.key_entities, "start": story.start, "end": story.end}


@dataclass(slots=True)
class Piece:
    """A run of text with the same highlights: ``layers`` its classes, ``notes`` what each
    highlight says (entity type, speaker, technique), shown as a tooltip."""

    text: str
    layers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    linked: bool = False
    anchor: bool = False  # the first linked piece carries the #span anchor


def parse_span(span: str | None, size: int) -> tuple[int, int] | None:
    if span and (m := _SPAN.match(span[:20])):
        start, end = int(m.group(1)), int(m.group(2))
        if 0 <= start < end <= size:
            return start, end
    return None


def _marks(article: Article) -> list[tuple[int, int, str, str]]:
    size = len(article.text)
    marks = [(m.start, m.end, "entities", f"{m.canonical} ({m.type})") for m in article.entities]
    marks += [(q.start, q.end, "quotes", f"quote: {q.speaker or 'unnamed speaker'} ("
               + ("partial" if q.kind == "partial" else "direct" if q.direct else "indirect")
               + ")") for q in article.quotes]
    marks += [(c.start, c.end, "claims", "claim" + (f", attributed to {c.attribution}"
                                                     if c.attribution else ""))
              for c in article.claims]
    marks += [(t.start, t.end, "techniques", t.technique.replace("_", " ")
               + (f" (in a quote by {t.quoted.speaker or 'a speaker not found'})"
                  if t.quoted else ""))
              for t in article.techniques]
    return [(max(0, a), min(size, b), layer, note) for a, b, layer, note in marks if b > a]


class _Sweep:
    """The marks over each of a run of ascending, non-overlapping ranges, in the marks' own
    order (a piece's notes keep it). Each range asked about all marks before: a 2 MB article
    page took a minute (docs/robustness.md, helper B); a sweep over the marks by start keeps
    only those still open."""

    def __init__(self, marks: list[tuple[int, int, str, str]]) -> None:
        self.marks = marks
        self.by_start = sorted(range(len(marks)), key=lambda i: marks[i][0])
        self.next = 0
        self.open: list[int] = []

    def over(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        """Marks with start < b and end > a; ranges must come in ascending order."""
        while self.next < len(self.by_start) and self.marks[self.by_start[self.next]][0] < b:
            self.open.append(self.by_start[self.next])
            self.next += 1
        self.open = [i for i in self.open if self.marks[i][1] > a]
        return [self.marks[i] for i in sorted(self.open)]


def layered_paragraphs(article: Article, span: str | None = None) -> list[list[Piece]]:
    """Paragraphs cut at every highlight boundary; each piece knows which layers cover it and
    whether it is the span a comparison statement linked to (``?span=START-END``)."""
    text = article.text or ""
    marks = _marks(article)
    linked = parse_span(span, len(text))
    out: list[list[Piece]] = []
    paragraphs = _Sweep(marks)
    for m in _PARAGRAPH.finditer(text):
        a, b = m.start(), m.end()
        local = paragraphs.over(a, b)
        cuts = {a, b}
        for start, end, _, _ in local:
            cuts.update(x for x in (start, end) if a < x < b)
        if linked:
            cuts.update(x for x in linked if a < x < b)
        edges = sorted(cuts)
        pieces = []
        covering = _Sweep(local)
        for lo, hi in itertools.pairwise(edges):
            # every mark's ends are cuts, so a mark over part of a piece covers all of it
            over = [(layer, note) for _, _, layer, note in covering.over(lo, hi)]
            pieces.append(Piece(text=text[lo:hi],
                                layers=sorted({layer for layer, _ in over}),
                                notes=[note for _, note in over],
                                linked=bool(linked and linked[0] <= lo and hi <= linked[1])))
        out.append(pieces)
    first = next((p for para in out for p in para if p.linked), None)
    if first is not None:
        first.anchor = True
    return out


def entity_rows(article: Article) -> list[dict[str, Any]]:
    """Mentions repeat; one line per (text, canonical, type) with a count reads better. A
    date is no entity (no entity page: ``store.browse.facets_of``): ``date_names`` lists it."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for m in article.entities:
        if m.type == "DATE":
            continue
        key = (m.text, m.canonical, m.type)
        if key in seen:
            seen[key]["count"] += 1
        else:
            seen[key] = {"text": m.text, "canonical": m.canonical, "type": m.type, "count": 1}
    return list(seen.values())


def date_names(article: Article) -> list[str]:
    """The dates the article names ("2024", "October 12"), once each, as written."""
    return list(dict.fromkeys(m.text for m in article.entities if m.type == "DATE"))


def technique_rows(article: Article) -> list[dict[str, Any]]:
    size = len(article.text)
    return [{"name": t.technique, "score": t.score, "start": t.start, "end": t.end,
             "unsure": t.low_confidence,
             "text": article.text[max(0, t.start):min(size, t.end)] if t.end > t.start else "",
             "quoted": ({"speaker": t.quoted.speaker, "direct": t.quoted.direct}
                        if t.quoted is not None else None)}
            for t in article.techniques]


def bars(rows: list[dict[str, Any]], value: str = "count", label: str = "label",
         width: int = 240) -> list[dict[str, Any]]:
    """Rows with a bar width in SVG units (attributes, not inline style: the CSP forbids it);
    the number is always printed beside the bar, so colour and length are never the only
    carriers of the value."""
    top = max((float(r.get(value) or 0) for r in rows), default=0.0) or 1.0
    return [{"label": str(r.get(label) or ""), "value": r.get(value) or 0,
             "width": max(2, round(width * float(r.get(value) or 0) / top)), "y": i * 22}
            for i, r in enumerate(rows)]


def download_name(story_id: str, suffix: str) -> str:
    """Header values must never carry request text verbatim (CR/LF, quotes)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "", story_id)[:64] or "story"
    return f'attachment; filename="parallax-{safe}{suffix}"'
