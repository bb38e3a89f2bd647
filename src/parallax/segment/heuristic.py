"""The default segmenter (``heuristic/v1``): dispatches on the reader's kind.

- ``text``: shape-based segmentation of text dumps (``textdump``)
- ``html``: trafilatura + furniture report (``htmlpage``)
- ``record``: a feed item or JSONL record whose fields already say title/outlet/date
"""

from __future__ import annotations

from parallax.errors import Code, InputRejected
from parallax.records import Article, Boilerplate, Comment, Page, RawDocument
from parallax.registry import register
from parallax.segment.dates import resolve
from parallax.segment.htmlpage import html_to_paragraphs, segment_html
from parallax.segment.lines import STRONG_KINDS, LineClassifier
from parallax.segment.patterns import boilerplate_kind
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
            for draft in drafts:  # feeds and exports carry furniture too ("Read the full story")
                kept = []
                for paragraph in draft.paragraphs:
                    kind = boilerplate_kind(paragraph)
                    if kind in STRONG_KINDS and len(paragraph.split()) <= 40:
                        boilerplate.append(Boilerplate(paragraph, kind))
                    else:
                        kept.append(paragraph)
                draft.paragraphs = kept
        else:
            seg = segment_text(doc.text, self.classifier)
            drafts, comments, boilerplate = seg.articles, seg.comments, seg.boilerplate
            authors = seg.comment_authors
        main = [d for d in drafts if d.role == "main"]
        if not main or sum(len(p) for p in main[0].paragraphs) < self.min_chars:
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
        if seg.language:
            doc.metadata.setdefault("language", seg.language)
        if seg.published_iso:
            doc.metadata.setdefault("published_iso", seg.published_iso)
        drafts = [draft] + [Draft(role="related", title=t.title, outlet=t.outlet,
                                  published=t.published, paragraphs=t.body or [t.title])
                            for t in seg.related]
        return drafts, seg.comments, seg.boilerplate, seg.comment_authors

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


@register("segment", "heuristic/v1")
def make_heuristic(config: Config) -> HeuristicSegmenter:
    return HeuristicSegmenter(config)
