"""Feature vectors the framing models read, built the same way for training data and articles.

Everything starts from sentence embeddings (see ``parallax.embeddings``): a document is the mean
of its sentences, a paragraph the mean of the sentences inside it, an entity mention the sentence
it sits in plus its document. A linear model over a mean is the mean of the model over the
sentences, so the sentences that push a label hardest are exactly its evidence.

A few surface counts (first person, questions, exclamations, quotation marks, attribution verbs,
a dateline) are added for the genre, because opinion and satire show in voice and punctuation,
and a report in attributing what it says, more than in topic.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from parallax.embeddings import DIM, mean_vector
from parallax.enrich.sentences import sentencex_sentences
from parallax.records import Sentence

Encoder = Callable[[Sequence[str]], np.ndarray]

_FIRST_PERSON = re.compile(r"(?<!\w)(I|me|my|we|our|us|ich|mein\w*|wir|unser\w*|je|nous|notre|"
                           r"io|noi|nostr\w*|ja|my|nasz\w*|я|мы|наш\w*|мой|мне)(?!\w)",
                           re.IGNORECASE)
_SECOND_PERSON = re.compile(r"(?<!\w)(you|your|du|ihr|vous|tu|voi|ty|wy|вы|ты|ваш\w*)(?!\w)",
                            re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[\"“”„«»]")
_NUMBER = re.compile(r"\d")
#: attribution, the habit of a report: someone else said it (the six genre training languages).
#: SemEval's English reporting articles attribute 0.35 times a sentence, its opinion ones 0.21.
_ATTRIBUTION = re.compile(
    r"(?<!\w)(said|says|told|according to|stated|announced|"
    r"sagte|sagt|erklärte|zufolge|laut|berichtete|"
    r"a déclaré|a dit|a affirmé|a indiqué|a annoncé|selon|"
    r"ha detto|ha dichiarato|ha affermato|ha spiegato|secondo|"
    r"powiedział\w*|stwierdził\w*|poinformował\w*|według|"
    r"сказал\w*|заявил\w*|сообщил\w*|отметил\w*|по словам|по данным)(?!\w)", re.IGNORECASE)
#: a wire-style dateline opening the text: "WASHINGTON —", "LONDON (Reuters) -"
_DATELINE = re.compile(r"^\s*(?:[^\n]{0,200}\n\s*\n\s*)?[A-ZÀ-ÝА-Я][A-ZÀ-ÝА-Я .,'/-]{2,40}"
                       r"(?:\([^)\n]{1,30}\))?\s*[-—–]")
STYLE_NAMES = ("first_person", "second_person", "question", "exclamation", "quotes", "digits",
               "sentence_length", "length", "attribution", "dateline")


def style_features(text: str, n_sentences: int) -> np.ndarray:
    words = max(1, len(text.split()))
    values = [
        len(_FIRST_PERSON.findall(text)) / words * 20,
        len(_SECOND_PERSON.findall(text)) / words * 20,
        text.count("?") / max(1, n_sentences),
        text.count("!") / max(1, n_sentences),
        len(_QUOTE_MARKS.findall(text)) / words * 20,
        len(_NUMBER.findall(text)) / max(1, len(text)) * 20,
        min(words / max(1, n_sentences) / 25, 3.0),
        min(np.log1p(words) / 7, 2.0),
        min(len(_ATTRIBUTION.findall(text)) / max(1, n_sentences), 2.0),
        float(bool(_DATELINE.match(text[:400]))),
    ]
    return np.asarray(values, dtype=np.float32)


@dataclass(slots=True)
class EmbeddedText:
    """A text with its sentence spans and one unit vector per sentence."""

    text: str
    sentences: list[Sentence]
    vectors: np.ndarray  # (len(sentences), DIM)
    #: (starts, ends) of the sentences when they are in order and apart (the sentence stage's
    #: always are), so a lookup bisects instead of scanning every sentence: each mention and
    #: paragraph scanned all of them, quadratic in a long text (docs/robustness.md, helper B);
    #: None: a scan, as before
    bounds: tuple[list[int], list[int]] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = all(s.start <= s.end for s in self.sentences) and all(
            a.end <= b.start for a, b in itertools.pairwise(self.sentences))
        self.bounds = ([s.start for s in self.sentences],
                       [s.end for s in self.sentences]) if ordered else None

    @property
    def document(self) -> np.ndarray:
        return mean_vector(self.vectors)

    def span_vector(self, start: int, end: int) -> np.ndarray:
        """Mean of the sentences overlapping [start, end)."""
        rows = self.rows_in(start, end)
        return mean_vector(self.vectors[rows]) if rows else np.zeros(DIM, dtype=np.float32)

    def rows_in(self, start: int, end: int) -> list[int]:
        if (bounds := self.bounds) is not None:  # starts and ends both ascend
            return list(range(bisect_right(bounds[1], start), bisect_left(bounds[0], end)))
        return [i for i, s in enumerate(self.sentences) if s.start < end and s.end > start]

    def row_at(self, offset: int) -> int | None:
        if (bounds := self.bounds) is not None:
            i = bisect_right(bounds[0], offset) - 1
            return i if i >= 0 and offset < bounds[1][i] else None
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return None

    def style(self) -> np.ndarray:
        return style_features(self.text, len(self.sentences))


def embed_text(text: str, language: str | None, encoder: Encoder,
               sentences: list[Sentence] | None = None) -> EmbeddedText:
    spans = sentences if sentences is not None else sentencex_sentences(text, language)
    spans = [s for s in spans if text[s.start:s.end].strip()]
    vectors = (encoder([text[s.start:s.end] for s in spans]) if spans
               else np.zeros((0, DIM), dtype=np.float32))
    return EmbeddedText(text, spans, vectors)


def mention_vector(doc: EmbeddedText, start: int, end: int) -> np.ndarray:
    """The sentence around a mention, its neighbours, and the whole document, side by side:
    a role is what the text says right there, read against what the article is about."""
    row = doc.row_at(start)
    if row is None:
        local = np.zeros(DIM, dtype=np.float32)
        around = local
    else:
        local = doc.vectors[row]
        around = mean_vector(doc.vectors[max(0, row - 1):row + 2])
    return np.concatenate([local, around, doc.document])
