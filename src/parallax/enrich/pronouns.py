"""Who a third-person pronoun stands for: one rule for the whole product.

Quotes (``enrich.quotes``) and entity portrayal (``frame.portrayal``) both resolve "he" / "she"
to a person. They used to resolve it differently (the subject of the previous sentence there,
the last name mentioned here), so one article could say that Trump boasted in its quotes and
count the same boast against Putin in its portrayal (the investigative seed: a sentence naming Putin
last, then Trump's quoted boast with "he"). Both now call ``antecedent``.
"""

from __future__ import annotations

from collections.abc import Sequence

#: how many sentences back a pronoun may reach for its antecedent
LOOKBACK = 4


def earlier_subject(position: int, people: Sequence[tuple[int, str]],
                    sentences: Sequence[tuple[int, int]], own_start: int) -> str | None:
    """The first person named in the nearest of the ``LOOKBACK`` sentences before the one that
    starts at ``own_start`` (the subject of the previous sentence is a better guess than the
    last name mentioned, which is often an object); else the last person named before
    ``position``. ``people`` is (start, name), sorted by start."""
    earlier = [s for s in sentences if s[1] <= own_start][-LOOKBACK:]
    for start, end in reversed(earlier):
        named = [name for p, name in people if start <= p < end]
        if named:
            return named[0]
    before = [name for p, name in people if p < position]
    return before[-1] if before else None


def antecedent(position: int, people: Sequence[tuple[int, str]],
               sentences: Sequence[tuple[int, int]]) -> str | None:
    """A person named earlier in the pronoun's own sentence (the last of them), else
    ``earlier_subject``. None when nobody is named before the pronoun."""
    if not any(p < position for p, _ in people):
        return None
    own = next(((s, e) for s, e in sentences if s <= position < e), None)
    if own is None:
        return [name for p, name in people if p < position][-1]
    inside = [name for p, name in people if own[0] <= p < position]
    if inside:
        return inside[-1]
    return earlier_subject(position, people, sentences, own[0])
