"""Language identification with py3langid, restricted to likely news languages for short text.

Short texts (a one-line comment) are where langid errs most; below 40 characters we restrict
the candidates to the languages Parallax targets, which removes most exotic mislabels.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from parallax.records import Article
from parallax.registry import register
from parallax.settings import Config

SHORT_TEXT = 40
NEWS_LANGUAGES = ["en", "de", "ru", "uk", "fr", "it", "es", "pl", "pt", "bg", "nl"]


@cache
def _models() -> tuple[Any, Any]:
    """Loaded once per process (segmentation and the language stage share them)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid 0.4 renamed the loader
    load = getattr(LanguageIdentifier, "from_model_file", None) \
        or LanguageIdentifier.from_pickled_model
    full = load(MODEL_FILE, norm_probs=True)
    # a shallow copy, not a second load: decompressing the model is ~0.5 CPU s per process,
    # and set_languages builds new arrays for the copy instead of changing the shared ones
    short = copy.copy(full)
    short.set_languages(NEWS_LANGUAGES)
    return full, short


class LangidIdentifier:
    requires = ("text",)
    assigns = ("language",)

    def __init__(self) -> None:
        self._full, self._short = _models()

    def detect(self, text: str) -> str | None:
        sample = text.strip()[:5000]
        if sum(map(str.isalpha, sample)) < 3:
            return None
        model = self._short if len(sample) < SHORT_TEXT else self._full
        lang, _ = model.classify(sample)
        return str(lang)

    def annotate(self, article: Article) -> None:
        detected = self.detect(f"{article.title}\n{article.text}")
        if detected:
            article.language = detected


@register("language", "langid/v1")
def make_langid(config: Config) -> LangidIdentifier:
    return LangidIdentifier()
