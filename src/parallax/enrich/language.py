"""Language identification with py3langid, restricted to likely news languages for short text.

Short texts (a one-line comment) are where langid errs most; below 40 characters we restrict
the candidates to the languages Parallax targets, which removes most exotic mislabels.
"""

from __future__ import annotations

import copy
import lzma
import re
import shutil
import zipfile
from array import array
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from parallax.model_cache import copy_path, prune, temporary
from parallax.records import Article
from parallax.registry import register
from parallax.settings import Config
from parallax.titles import language_sample

SHORT_TEXT = 40
# a comment's language other than its page's is shown from this probability on, or when the
# page's scores at most UNLIKE_PAGE of it; the page's when it scores AS_PAGE of the top one
SURE, AS_PAGE, UNLIKE_PAGE = 0.9, 1 / 3, 0.005
#: a handle ("@ dana_w", "@dana"), a web or e-mail address: names of accounts and places,
#: written in no language (a reader comment that is only a reply's handle got one)
_NO_LANGUAGE = re.compile(r"@\s?[\w.-]+|\S+://\S*|www\.\S+|\S+@\S+")
NEWS_LANGUAGES = ["en", "de", "ru", "uk", "fr", "it", "es", "pl", "pt", "bg", "nl"]


@cache
def _models() -> tuple[Any, Any]:
    """Loaded once per process (segmentation and the language stage share them)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = _from_cache(LanguageIdentifier, MODEL_FILE)
    if full is None:
        # py3langid 0.4 renamed the loader
        load = getattr(LanguageIdentifier, "from_model_file", None) \
            or LanguageIdentifier.from_pickled_model
        full = load(MODEL_FILE, norm_probs=True)
    _compact_walk_tables(full)
    # a shallow copy, not a second load: decompressing the model is ~0.5 CPU s per process,
    # and set_languages builds new arrays for the copy instead of changing the shared ones
    short = copy.copy(full)
    short.set_languages(NEWS_LANGUAGES)
    # set_languages keeps the chosen columns in Fortran order: each feature's 11 scores then
    # lie 200 KB apart, and a line's ~60 feature rows cost ~11 cache misses each. A C-order
    # copy (2 MB) holds a row in one cache line; the same values, the same scores
    short.nb_ptc = np.ascontiguousarray(short.nb_ptc)
    return full, short


def _compact_walk_tables(model: Any) -> None:
    """py3langid's automaton walk reads, at every byte of a line, the next row's offset and
    the state's feature from two Python lists of ~105,000 ints: a pointer and a separate int
    object each, ~7 MB scattered, so most reads miss the cache. The same values in two
    C arrays (0.8 MB) are read the same way (``rowbase[state]``, ``out[state]``) and give the
    same counts: ~15 % of the language checks' time in text-dump segmentation. Left as
    they are when this py3langid keeps them in another form."""
    rowbase, output = getattr(model, "_rowbase", None), getattr(model, "tk_output", None)
    if not (isinstance(rowbase, list) and isinstance(output, list)):
        return
    try:
        packed = array("I", rowbase), array("i", output)
    except (OverflowError, TypeError):
        return
    model._rowbase, model.tk_output = packed


def _from_cache(identifier: Any, model_file: Any) -> Any:
    """py3langid's model from a decompressed copy of its npz.xz, written on first use.

    Every command paid ~0.8 CPU s of LZMA decompression before its first document (serial
    start-up, before the workers fork: ~5 % of `analyze`'s wall on 300 articles); reading the
    plain npz takes ~0.05 s. The copy is named by py3langid's version and the model file's
    size (``model_cache.copy_path``) and holds exactly the arrays py3langid reads; None
    (py3langid's own loader then runs) when the file or the cache cannot be used."""
    try:
        from py3langid.langid import MODEL_DIR
        from py3langid.modelio import _to_array

        source = Path(model_file)
        if not source.is_absolute():
            source = Path(MODEL_DIR) / source
        plain = copy_path("langid", "py3langid", source, ".npz")
        if not plain.exists():
            plain.parent.mkdir(parents=True, exist_ok=True)
            tmp = temporary(plain)
            with lzma.open(source) as src, tmp.open("wb") as dst:
                shutil.copyfileobj(src, dst, length=1 << 20)
            tmp.replace(plain)
            prune("langid", plain)
        with np.load(plain, allow_pickle=False) as data:
            return identifier(np.asarray(data["ptc"]), np.asarray(data["pc"]),
                              data["classes"].tolist(), _to_array(data["nextmove"]),
                              data["out_feat"].tolist(), norm_probs=True,
                              tk_row=_to_array(data["nextmove_row"]))
    except (ImportError, OSError, KeyError, ValueError, TypeError, EOFError, lzma.LZMAError,
            zipfile.BadZipFile):  # a damaged copy in the cache must not stop the command
        # (ImportError covers importlib.metadata's PackageNotFoundError too)
        return None


class LangidIdentifier:
    requires = ("text",)
    assigns = ("language",)

    def __init__(self) -> None:
        self._full, self._short = _models()

    def detect(self, text: str, expected: str | None = None) -> str | None:
        """``expected``: the language of the page a reader comment stands on. A comment that
        is a name, a date line or two words ("Fantastic photo!") gets an exotic label at low
        probability (on 250 English training pages of real comments, 15 % of the labels were
        not English, most of them such lines at p < 0.5, while comments really in another
        language scored p >= 0.9): below ``SURE`` another language than the page's is not
        shown; the page's is, when the text scores it at least a third as high, and the top
        one is when it scores the page's at most 1/200 as high (a short Spanish or Russian
        comment on an English page scores English ~1e-5 and ~1e-19 of the top; a name or a
        date line scores every language low)."""
        sample = text.strip()[:5000]
        if next(islice(filter(str.isalpha, sample), 2, None), None) is None:
            return None  # fewer than three letters (counted no further than the third)
        if len(sample) < SHORT_TEXT and ("@" in sample or "/" in sample) and next(islice(
                filter(str.isalpha, _NO_LANGUAGE.sub(" ", sample)), 2, None), None) is None:
            return None  # a handle or an address alone: its letters are no language's
        model = self._short if len(sample) < SHORT_TEXT else self._full
        if expected is None:
            lang, _ = model.classify(sample)
            return str(lang)
        ranked = model.rank(sample)
        top, score = ranked[0]
        if top == expected or score >= SURE:
            return str(top)
        likeness = dict(ranked).get(expected, 0.0) / score
        if likeness >= AS_PAGE:
            return expected
        return str(top) if likeness <= UNLIKE_PAGE else None

    def annotate(self, article: Article) -> None:
        detected = self.detect(language_sample(article.title, article.text, article.notes))
        if detected:
            article.language = detected


@register("language", "langid/v1")
def make_langid(config: Config) -> LangidIdentifier:
    return LangidIdentifier()
