"""Wires the configured stages: raw document -> page -> analysed articles.

The pipeline owns no logic of its own beyond order and error handling: every input ends as a
``Page`` or a ``Rejection`` with a reason, never as an exception that loses the rest of a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parallax import registry
from parallax.errors import Code, InputRejected, ParallaxError
from parallax.records import Article, Page, RawDocument, Rejection
from parallax.settings import Config
from parallax.stages import Annotator, Comparer, LanguageIdentifier, Segmenter, StoryClusterer

if TYPE_CHECKING:
    from parallax.segment.sitememory import Sibling

log = logging.getLogger(__name__)

ANNOTATOR_ORDER = ("language", "sentences", "entities", "quotes", "claims", "framing")
PROVIDED_BY_SEGMENT = ("text", "title", "outlet", "published")


def run_stage(annotator: Annotator, articles: list[Article]) -> None:
    """One stage over a batch: a stage with ``annotate_many`` gets the whole batch (spaCy's
    nlp.pipe), the others one article at a time."""
    many = getattr(annotator, "annotate_many", None)
    if many is not None:
        many(articles)
    else:
        for article in articles:
            annotator.annotate(article)


@dataclass(slots=True)
class Pipeline:
    config: Config
    segmenter: Segmenter
    annotators: list[tuple[str, Annotator]]

    @classmethod
    def from_config(cls, config: Config, *, analyse: bool = True) -> Pipeline:
        segmenter = registry.create("segment", config.stages["segment"], config)
        annotators: list[tuple[str, Annotator]] = []
        if analyse:
            for kind in ANNOTATOR_ORDER:
                annotators.append((kind, registry.create(kind, config.stages[kind], config)))
            check_wiring(annotators)
        return cls(config=config, segmenter=segmenter, annotators=annotators)

    def process(self, doc: RawDocument) -> Page | Rejection:
        """Segment and analyse one document; any failure becomes a Rejection with a reason."""
        page = self.segment(doc)
        if isinstance(page, Rejection):
            return page
        try:
            self.analyse(page)
        except Exception as exc:
            log.exception("analysis failed for %s", doc.uri)
            return Rejection(input=doc.input or doc.uri,
                             reason=f"analysis failed: {type(exc).__name__}: {exc}",
                             code=Code.INTERNAL.value)
        return page

    def segment(self, doc: RawDocument) -> Page | Rejection:
        try:
            page = self.segmenter.segment(doc)
            for article in page.articles:  # an undated one is read as of it (roles_on)
                article.read_at = page.fetched_at or None
            return page
        except InputRejected as exc:
            return Rejection(input=doc.input or doc.uri, reason=exc.reason, code=exc.code.value)
        except Exception as exc:  # hostile input must not take the batch down
            log.exception("segmentation failed for %s", doc.uri)
            return Rejection(input=doc.input or doc.uri,
                             reason=f"could not segment the page: {type(exc).__name__}: {exc}",
                             code=Code.PARSE.value)

    def segment_many(self, docs: list[RawDocument],
                     stored: Mapping[str, Sequence[Sibling]] | None = None
                     ) -> list[Page | Rejection]:
        """Each document segmented, then the batch's site memory applied (see
        ``process_many``); a batch of one without ``stored`` siblings is ``segment`` exactly."""
        from parallax.segment.sitelines_model import remembering, resegment_with_siblings
        from parallax.segment.sitememory import Searched, drop_site_furniture

        searched = Searched()  # (both sibling searches hash each dump's lines once)
        with remembering(docs, stored):  # (the second reading starts from the first's lines)
            results = [self.segment(doc) for doc in docs]
            resegment_with_siblings(docs, results, self.segment, stored, searched=searched)
        drop_site_furniture(docs, results, stored, searched)
        return results

    def process_many(self, docs: list[RawDocument],
                     stored: Mapping[str, Sequence[Sibling]] | None = None
                     ) -> list[Page | Rejection]:
        """Like ``process`` for each document, but the articles of all of them go through each
        stage together, so a stage with ``annotate_many`` gets a batch (spaCy's nlp.pipe: the
        profile of a batch worker showed per-article spaCy calls as its largest cost). If the
        batch fails, every document is processed alone, so only the culprit is rejected (and
        read alone: without the batch's site memory).

        Segmentation reads the batch twice: each document alone, then the lines that text
        dumps of one template repeat are moved out of their articles (``segment.sitememory``;
        ``stored``: a document's sha256 -> stored dumps read as its siblings too, ``ingest``)."""
        results = self.segment_many(docs, stored)
        pages = [r for r in results if isinstance(r, Page)]
        try:
            self.analyse_articles([a for page in pages for a in page.articles])
            for page in pages:
                self._comment_languages(page)
        except Exception:
            log.warning("batch analysis failed; analysing its %d documents one by one",
                        len(docs), exc_info=True)
            return [self.process(doc) for doc in docs]  # fresh pages: nothing half-annotated
        return results

    def analyse(self, page: Page) -> None:
        self.analyse_articles(page.articles)
        self._comment_languages(page)

    def _comment_languages(self, page: Page) -> None:
        """A comment is read against its page's language (``LanguageIdentifier.detect``):
        a short one alone is where the identifier errs most."""
        language = self.language_identifier
        if language is not None:
            expected = next((a.language for a in page.articles if a.role == "main"), None)
            for comment in page.comments:
                comment.language = language.detect(comment.text, expected)

    def analyse_articles(self, articles: list[Article]) -> None:
        """Stage by stage over the batch (see :func:`run_stage`). A main text over
        ``max_analysed_chars`` is analysed over its first part only (:func:`analysed_part`):
        several stages compare each sentence or quote with the whole text, so a pasted e-book
        cost minutes and a gigabyte (docs/robustness.md). The article keeps its whole text;
        every offset the stages give lies in the part they read, and a note says where the
        analysis stopped."""
        limit = int(self.config.get("max_analysed_chars") or 0)
        cut = [(a, a.text) for a in articles if limit and len(a.text) > limit]
        for article, text in cut:
            article.text = text[:analysed_part(text, limit)]
        try:
            for _, annotator in self.annotators:
                run_stage(annotator, articles)
        finally:
            for article, text in cut:
                read = len(article.text)
                article.text = text
                article.notes.append(f"analysis: only the first {read:,} of {len(text):,} "
                                     "characters were analysed (max_analysed_chars); the whole "
                                     "text is kept")

    @property
    def language_identifier(self) -> LanguageIdentifier | None:
        for kind, annotator in self.annotators:
            if kind == "language" and isinstance(annotator, LanguageIdentifier):
                return annotator
        return None

    def run(self, docs: Iterator[RawDocument | Rejection]) -> Iterator[Page | Rejection]:
        for doc in docs:
            yield doc if isinstance(doc, Rejection) else self.process(doc)


def analysed_part(text: str, limit: int) -> int:
    """Where the analysis of a text longer than ``limit`` stops: at the last paragraph end in
    its second half, else the last line end, sentence end or space there, so no word or
    sentence is read half; a text with none of them is cut at ``limit``."""
    window = text[:limit]
    for mark, keep in (("\n\n", 0), ("\n", 0), (". ", 1), ("! ", 1), ("? ", 1), (" ", 0)):
        at = window.rfind(mark)
        if at >= limit // 2:
            return at + keep
    return limit


def check_wiring(annotators: list[tuple[str, Annotator]]) -> None:
    """Fail at build time, not mid-batch, when a stage needs a field nobody set before it."""
    assigned = set(PROVIDED_BY_SEGMENT)
    for kind, annotator in annotators:
        missing = [field for field in annotator.requires if field not in assigned]
        if missing:
            raise ParallaxError(
                Code.CONFIG,
                f"stage '{kind}' ({type(annotator).__name__}) requires {missing}, "
                "which no earlier stage assigns; check [stages] in your config",
            )
        assigned.update(annotator.assigns)


def build_clusterer(config: Config) -> StoryClusterer:
    clusterer: StoryClusterer = registry.create("stories", config.stages["stories"], config)
    return clusterer


def build_comparer(config: Config) -> Comparer:
    comparer: Comparer = registry.create("compare", config.stages["compare"], config)
    return comparer
