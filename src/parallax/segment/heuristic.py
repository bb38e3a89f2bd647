"""The default segmenter (``heuristic/v1``): dispatches on the reader's kind.

- ``text``: shape-based segmentation of text dumps (``textdump``)
- ``html``: trafilatura + furniture report (``htmlpage``)
- ``record``: a feed item or JSONL record whose fields already say title/outlet/date
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import numpy.typing as npt

from parallax.errors import Code, InputRejected
from parallax.records import Article, Boilerplate, Comment, Page, RawDocument
from parallax.registry import register
from parallax.segment.dates import resolve
from parallax.segment.htmlcombine import (
    addable,
    combine_features,
    contained,
    default_combiner,
)
from parallax.segment.htmlpage import HtmlSegments, html_to_paragraphs, segment_html
from parallax.segment.linemodel import default_model
from parallax.segment.lines import Line, LineClassifier, paragraph_like, read_lines
from parallax.segment.patterns import boilerplate_kind
from parallax.segment.render import Block, render
from parallax.segment.textdump import Draft, segment_text
from parallax.settings import Config


class HeuristicSegmenter:
    def __init__(self, config: Config, classifier: LineClassifier | None = None) -> None:
        self.min_chars = int(config["min_article_chars"])
        self.classifier = classifier

    def segment(self, doc: RawDocument) -> Page:
        page = Page(input=doc.input or doc.uri, uri=doc.uri, sha256=doc.sha256, kind=doc.kind,
                    fetched_at=doc.fetched_at, metadata=dict(doc.metadata))
        live = doc.fetched_at if doc.metadata.get("url") and doc.kind != "record" else None
        authors: list[str | None] = []
        if doc.kind == "html":
            drafts, comments, boilerplate, authors = self._html(doc)
        elif doc.kind == "record":
            drafts, comments, boilerplate = self._record(doc), [], []
            for draft in drafts:
                boilerplate += given_text_furniture(draft)
        else:
            seg = segment_text(doc.text, self.classifier)
            drafts, comments, boilerplate = seg.articles, seg.comments, seg.boilerplate
            authors = seg.comment_authors
            drafts = best_block(drafts, seg.model_main, doc.text, self.min_chars)
        main = [d for d in drafts if d.role == "main"]
        if not main or (sum(len(p) for p in main[0].paragraphs) < self.min_chars
                        and not main[0].notes):
            found = sum(len(p) for p in main[0].paragraphs) if main else 0
            raise InputRejected(Code.NO_ARTICLE, f"no article found: the main text has {found} "
                                f"characters, fewer than {self.min_chars} "
                                "(setting min_article_chars)")
        for draft in drafts:
            text = "\n\n".join(draft.paragraphs)
            published = resolve(draft.published, now=live)
            if draft.role == "main" and doc.metadata.get("published_iso") and not published.iso:
                published.iso = str(doc.metadata["published_iso"])
            page.articles.append(Article(
                id=Article.make_id(draft.title, text), role=draft.role,  # type: ignore[arg-type]
                title=draft.title, outlet=draft.outlet or (
                    doc.metadata.get("outlet") if draft.role == "main" else None),
                published=published, text=text, input=page.input,
                url=doc.metadata.get("url") if draft.role == "main" else None,
                author=draft.author,
                language=doc.metadata.get("language") if draft.role == "main" else None,
                notes=list(draft.notes),
            ))
        page.comments = [Comment(text=c, author=authors[i] if i < len(authors) else None)
                         for i, c in enumerate(comments)]
        page.boilerplate = boilerplate
        return page

    def _html(self, doc: RawDocument) -> tuple[
            list[Draft], list[str], list[Boilerplate], list[str | None]]:
        seg = segment_html(doc.text, url=doc.metadata.get("url"))
        draft = Draft(role="main", title=seg.title, outlet=seg.outlet, published=seg.published,
                      author=seg.author, paragraphs=seg.paragraphs)
        # the visible lines and their probabilities, read once for the combiner and the repair;
        # not at all when trafilatura found too little (both then read the page as a dump)
        line_model = default_model()
        enough = sum(len(t) for t in draft.paragraphs) >= self.min_chars
        lines = read_lines(render(*seg.visible, "select_all")) \
            if seg.visible[1] and enough and (HTML_COMBINE or HTML_REPAIR_TRUNCATED) else []
        p = line_model.probabilities(lines) if line_model is not None else np.zeros(0)
        if HTML_COMBINE:
            self._combined(seg, draft, lines, p)
        self._visible_lines(seg.visible, draft, lines, p)
        if seg.language:
            doc.metadata.setdefault("language", seg.language)
        if seg.published_iso:
            doc.metadata.setdefault("published_iso", seg.published_iso)
        drafts = [draft] + [Draft(role="related", title=t.title, outlet=t.outlet,
                                  published=t.published, paragraphs=t.body or [t.title])
                            for t in seg.related]
        return drafts, seg.comments, seg.boilerplate, seg.comment_authors

    def _combined(self, seg: HtmlSegments, draft: Draft, lines: list[Line],
                  p: npt.NDArray[np.float64]) -> bool:
        """The article as the HTML combiner decides it line by line from trafilatura's text and
        the line model's probabilities ``p`` of the visible ``lines`` (``htmlcombine``); False
        when it cannot decide (no combiner or model, or no visible lines: the caller reads none
        when trafilatura found too little, and ``_visible_lines`` rescues that page)."""
        combiner, line_model = default_combiner(), default_model()
        if combiner is None or line_model is None or not lines:
            return False
        texts = [ln.text for ln in lines]
        traf = contained(texts, [draft.title, *draft.paragraphs])
        elsewhere = [*seg.comments, *(t.title for t in seg.related)] + [
            " ".join(t.body) for t in seg.related]
        inside = [bool(t) and any(t in other for other in elsewhere) for t in texts]
        # lines are added only above the first comments/related heading or comment/teaser line
        # after trafilatura's first line: past it, prose is the thread's, not the article's
        first = int(np.argmax(traf > 0)) if traf.any() else 0
        stop = next((i for i in range(first + 1, len(lines))
                     if lines[i].heading is not None or inside[i]), None)
        keep = combiner.keep(combine_features(lines, p, traf, line_model), addable(lines, stop))
        chosen = [t for t, k, other in zip(texts, keep, inside, strict=True)
                  if k and t != draft.title and not other]
        if sum(len(t) for t in chosen) < self.min_chars:
            return False
        draft.paragraphs = chosen
        return True

    def _visible_lines(self, visible: tuple[str, list[Block]], draft: Draft,
                       lines: list[Line], p: npt.NDArray[np.float64]) -> None:
        """Repair what the HTML extractor got wrong with the line model on the page's visible
        lines: when it found (almost) nothing, or a piece (a teaser, a truncated body, one
        paragraph of many) of a block the model finds at least ``HTML_REPAIR_RATIO`` times
        longer that contains most of it, the model's block is the article.

        Why: rejecting or truncating a page that shows an article loses it; chosen on training
        sites (docs/segmentation.md), where it lifted HTML F1 and never cost a page much."""
        title, blocks = visible
        found = sum(len(p.split()) for p in draft.paragraphs)
        if not blocks:
            return
        too_little = sum(len(p) for p in draft.paragraphs) < self.min_chars
        if not too_little and not HTML_REPAIR_TRUNCATED:
            return
        line_model = default_model()
        if too_little or line_model is None:
            seg = segment_text(render(title, blocks, "select_all"), self.classifier)
            model = seg.model_main
        else:  # only the model's lines are needed here: skip the rules' decoding
            model = [ln.text for ln, k in zip(lines, line_model.decode(lines, p), strict=True)
                     if k]
        model_words = sum(len(t.split()) for t in model)
        # the word-multiset overlap is costly and only matters when the model's block is long
        # enough: test the length first (same decision)
        if not too_little and not (model_words >= HTML_REPAIR_RATIO * max(found, 1)
                                   and _contained(draft.paragraphs, model)
                                   >= HTML_REPAIR_INSIDE):
            return
        drafts = best_block(seg.articles, model, "\n".join(b.text for b in blocks),
                            self.min_chars) if too_little else [Draft("main", paragraphs=model)]
        main = next((d for d in drafts if d.role == "main"), None)
        if main is None or sum(len(p) for p in main.paragraphs) < self.min_chars:
            return
        draft.paragraphs = [p for p in main.paragraphs if p != draft.title]
        draft.title = draft.title or main.title
        draft.notes.append(f"low_confidence: the HTML extractor found {found} words of main "
                           f"text; the line model read {model_words} from the visible page")

    def _record(self, doc: RawDocument) -> list[Draft]:
        meta = doc.metadata
        if meta.get("format") == "html":
            paragraphs = html_to_paragraphs(doc.text)
        else:
            paragraphs = [p.strip() for p in doc.text.replace("\r\n", "\n").split("\n")
                          if p.strip()]
        title = str(meta.get("title") or "")
        return [Draft(role="main", title=title, outlet=meta.get("outlet"),
                      published=meta.get("published_text"), author=meta.get("author"),
                      paragraphs=paragraphs)]


TRAILER = re.compile(
    r"^(the post .{1,200} appeared first on .{1,120}|(read more|read the full (story|article|"
    r"report)|continue reading|full story|weiterlesen|mehr lesen|lire la suite|leer más|"
    r"читать далее|читать полностью)\b.{0,80}|\[?(…|\.\.\.)\]?)$", re.IGNORECASE)


def given_text_furniture(draft: Draft) -> list[Boilerplate]:
    """A feed item's or JSONL record's text is the article: only plain furniture is taken out —
    a first line repeating the title, and short trailing "Read more" / "Read the full story on
    …" / "The post … appeared first on …" lines. Never a sentence for a word in it (a sentence
    with "contribution" or "copyright" is article text)."""
    removed: list[Boilerplate] = []
    paragraphs = draft.paragraphs
    if draft.title and paragraphs and " ".join(paragraphs[0].split()).casefold() \
            == " ".join(draft.title.split()).casefold():
        removed.append(Boilerplate(paragraphs.pop(0), "repeated_title"))
    while len(paragraphs) > 1 and len(paragraphs[-1].split()) <= 25 and (
            TRAILER.match(paragraphs[-1]) or boilerplate_kind(paragraphs[-1]) == "read_more"):
        removed.insert(0, Boilerplate(paragraphs.pop(), "read_more"))
    return removed


HTML_REPAIR_RATIO = 2.5
HTML_REPAIR_INSIDE = 0.5
#: the HTML combiner and the repair of truncated bodies, both off: once Dragnet's gold stopped
#: counting reader comments as article text (realpages.split_comments), each lowered HTML F1 on
#: training sites the models never saw (two slices of 153 pages, line model out of fold: 0.891 /
#: 0.871 with only the rescue of pages trafilatura finds too little on, 0.877 / 0.870 with the
#: combiner too, 0.850 / 0.856 with everything; trafilatura alone 0.863 / 0.876). Their earlier
#: gain was comment threads scored as article text. docs/segmentation.md
HTML_COMBINE = False
HTML_REPAIR_TRUNCATED = False


def _contained(paragraphs: list[str], block: list[str]) -> float:
    """Share of the paragraphs' words that also occur in the block (as a multiset)."""
    got = Counter(w for p in paragraphs for w in p.lower().split())
    have = Counter(w for t in block for w in t.lower().split())
    return sum((got & have).values()) / max(sum(got.values()), 1)


def best_block(drafts: list[Draft], model_main: list[str], text: str,
               min_chars: int) -> list[Draft]:
    """Never reject a page that holds prose: when the decoded main article is too short, return
    what the line model found (or else the longest run of prose lines), marked low confidence.

    Why: a rejection loses the article for good, while a low-confidence article can be checked;
    a page is rejected only when it has no run of prose at all.
    """
    main = next((d for d in drafts if d.role == "main"), None)
    if main is not None and sum(len(p) for p in main.paragraphs) >= min_chars:
        return drafts
    block = model_main if sum(len(t) for t in model_main) >= min_chars else longest_prose(text)
    if not any(_prose(t) for t in block):
        block = model_main if any(_prose(t) for t in model_main) else block
    if not any(_prose(t) for t in block):
        return drafts  # no run of prose anywhere: the page is rejected
    found = sum(len(p) for p in main.paragraphs) if main else 0
    note = (f"low_confidence: the page's structure gave {found} characters of main text; this "
            "is the best block of prose on the page")
    if main is None:
        return [Draft(role="main", paragraphs=list(block), notes=[note]), *drafts]
    main.paragraphs = list(block)
    main.notes.append(note)
    return drafts


def _prose(line: str) -> bool:
    """A sentence-length line that reads as prose (what makes a page worth returning)."""
    return len(line.split()) >= 10 and paragraph_like(line)


def longest_prose(text: str) -> list[str]:
    """The longest run (in characters) of prose lines, short lines inside it allowed."""
    best: list[str] = []
    run: list[str] = []
    gap = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if paragraph_like(line):
            run.append(line)
            gap = 0
        elif run and gap < 2 and len(line.split()) <= 12:
            run.append(line)
            gap += 1
        else:
            run, gap = [], 0
        if sum(map(len, run)) > sum(map(len, best)):
            best = list(run)
    while best and not paragraph_like(best[-1]):
        best.pop()
    return best


@register("segment", "heuristic/v1")
def make_heuristic(config: Config) -> HeuristicSegmenter:
    return HeuristicSegmenter(config)
