"""One small interface per stage kind (design note §1).

Each annotator declares what it ``requires`` and ``assigns`` (after spaCy's pipe analysis) so
``Pipeline`` can check at build time that the configured stages can run in order; a test checks
the default wiring. Default implementations live in their own packages and register by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from parallax.records import Article, Page, RawDocument, Story

if TYPE_CHECKING:
    from parallax.store.base import Store


@runtime_checkable
class Segmenter(Protocol):
    """RawDocument -> Page. Raises ``InputRejected`` when the document holds no article."""

    def segment(self, doc: RawDocument) -> Page: ...


@runtime_checkable
class Annotator(Protocol):
    """Adds one layer of analysis to an article in place.

    ``requires``/``assigns`` name Article fields (``text``, ``language``, ``sentences``,
    ``entities``, ``quotes``, ``claims``, ``roles``, ``narratives``, ``techniques``, ``frames``,
    ``genre``).
    """

    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def annotate(self, article: Article) -> None: ...


@runtime_checkable
class LanguageIdentifier(Annotator, Protocol):
    """An annotator that can also label free text (comments) with a language code."""

    def detect(self, text: str, expected: str | None = None) -> str | None:
        """``expected``: the language of the page the text stands on (a comment's), or None."""
        ...


@runtime_checkable
class StoryClusterer(Protocol):
    """Groups analysed main articles into stories.

    ``previous`` are the stories stored so far; an implementation keeps their ids when their
    membership carries over, so links to a story stay valid as news comes in.
    """

    def cluster(self, articles: Sequence[Article], previous: Sequence[Story]) -> list[Story]: ...


@runtime_checkable
class OnlineClusterer(StoryClusterer, Protocol):
    """A clusterer that keeps its own index in the store and assigns only new articles,
    returning the stories that changed (``ingest`` prefers this when a clusterer offers it)."""

    def update(self, store: Store, articles: Sequence[Article]) -> list[Story]: ...

    def rebuild(self, store: Store) -> list[Story]: ...


@runtime_checkable
class Comparer(Protocol):
    """Story + its articles (+ reader comments) -> the side-by-side comparison (a JSON dict)."""

    def compare(self, story: Story, articles: Sequence[Article],
                comments: Sequence[dict[str, Any]]) -> dict[str, Any]: ...
