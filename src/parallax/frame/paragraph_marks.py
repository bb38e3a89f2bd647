"""Loaded language the paragraph model is sure of where no word passes a cut-off (issue 17:
"techniques at the paragraph level first, then the span inside it").

Why: in news languages loaded language is shown on words (the news model's words over its
cut-off, the SemEval span scorer's words it backs, the span scorer's best word over its
cut-off). Where the paragraph model calls a paragraph loaded and none of those finds a word, the
label was dropped. Out of fold through ``analyze``'s path (English SemEval-2023 training
articles, every model of the fold that never saw the article; ``scripts/techniques_oof.py``)
such paragraphs were right at least half the time only from ``PARAGRAPH_MARKS``' paragraph
probability: 9 of 18 on folds 0-2, where it was chosen (from 0.30 up, every lower band was
right 0.38-0.49 of the time), and 9 of 17 on folds 3-4; name-calling without a word never
reached half (0.33-0.39), so it is not listed. There the label is shown on the word the news
model rates highest, under its own cut-off: the likeliest word, not a sure one (out of fold it
lay inside a gold loaded-language span 0.21 of the time, TQ4's count), so the span is flagged
``low_confidence`` (the web page shows it as unsure) and the article gets a note saying so (the
lead, after helper R's review). The whole sentence was measured instead: right at the sentence
level on BABE's real news (6 of 6 sentences held an expert's loaded word), but every word of it
counts as marked, and BABE's loaded-word precision fell 0.821 -> 0.657; the likeliest word kept
it (docs/framing.md, thirtieth session, helper TQ4).
"""

from __future__ import annotations

from parallax.frame.spans import Scored, SpanScorer

#: per language, per technique: the lowest paragraph probability from which a paragraph with no
#: word over any cut-off shows its likeliest word (absent: never)
PARAGRAPH_MARKS: dict[str, dict[str, float]] = {"en": {"Loaded_Language": 0.70}}

NOTE = ("framing: {n} loaded-language mark(s) shown as unsure rest on the paragraph: the "
        "paragraph model is sure of loaded language there but no word passed a cut-off, so the "
        "likeliest word is marked; such paragraphs were right about half the time out of fold, "
        "the marked word itself about one time in five")


def likeliest_word(scorer: SpanScorer, label: str, language: str | None, p: float, text: str,
                   start: int, end: int, names: list[tuple[int, int]], scored: Scored
                   ) -> tuple[int, int] | None:
    """The word ``scorer`` rates highest in [start, end) (never a name), when the paragraph's
    probability ``p`` reaches the language's ``PARAGRAPH_MARKS`` floor for ``label``."""
    floor = PARAGRAPH_MARKS.get(language or "", {}).get(label)
    if floor is None or p < floor:
        return None
    best = scorer.best_word(text, start, end, label, names, 1e-6, scored)
    return (best[0], best[1]) if best is not None else None
