"""When the rules' segmentation of a text dump stands: its agreement with the line model.

Why a module of its own: ``segment_text`` runs the rules' pass and keeps it only when most of
its body is main text to the line model and it holds enough of the model's main text; the
decoder may stop a pass early once that test provably fails (``Decoder.check_precision`` /
``check_agreement`` in ``decoder.py``), so both places must read the same thresholds and the
same word counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parallax.segment.lines import Line

# every rules result that stands on the seeds and the gold set has precision 1.0, and recall
# >= 0.48 on the seeds' and tests' shapes (an aggregator before its teasers are set aside, an
# appeal and comments the model calls main); real pages the rules get wrong fall below one of
# the two. Eleventh session, training sites out of fold, end to end (with ``RULES_MAX_LINES``
# now also over pages with a comments heading): precision 0.9 -> 0.98 sends the rules' answers
# whose body holds lines the model does not want to the model-guided pass, which scored higher
# on them; the sixth session's 0.95 had cost reader comments, which the thread reading both
# passes now share (tenth session) no longer does. A recall of 0.6 gained a little more but
# broke the appeal-and-comments shape (docs/segmentation.md)
AGREE_PRECISION = 0.98  # of the rules' body words, the share the model calls main text
AGREE_RECALL = 0.45  # of the model's main-text words outside teasers, the share in the body


class Disagrees(Exception):
    """The rules' pass cannot agree with the line model (``Decoder.check_agreement``)."""


#: a teaser's blurb is a sentence or two; a longer "teaser" line is article text the rules
#: misread (bbc.com's story under an inline "Related" box), which the model's wanted text keeps
TEASER_WORDS = 45


def teasers(trace: list[tuple[str, str]]) -> Counter[str]:
    return Counter(t for t, where in trace if where in ("related_body", "related_title")
                   and t.count(" ") < TEASER_WORDS)


def agreement(body: Counter[str], wanted: Counter[str], sizes: dict[str, int]
               ) -> tuple[int, int, int]:
    """Words of the rules' body the model also wants, of the body, and of the wanted text
    (a line's words once per copy; ``sizes``: the page's line texts' ``len(text.split())``,
    which the lines already hold: splitting them again cost ~0.1 ms a rules' pass)."""
    return words(body & wanted, sizes), words(body, sizes), words(wanted, sizes)


def words(counts: Counter[str], sizes: dict[str, int]) -> int:
    return sum(sizes[t] * n if t in sizes else len(t.split()) * n for t, n in counts.items())


def agrees(both: int, body_words: int, wanted_words: int) -> bool:
    """The rules' body shares enough words with the model's wanted text, both ways."""
    return bool(body_words) and both >= AGREE_PRECISION * body_words \
        and both >= AGREE_RECALL * wanted_words


def cannot_agree(body: Sequence[str], model_main: Sequence[str],
                 trace: list[tuple[str, str]], lines_left: Sequence[Line],
                 sizes: dict[str, int]) -> bool:
    """True when the rules' finished main body fails ``agrees`` whatever ``lines_left`` become.

    Why exact: after the main article only teasers can be added, and a teaser takes its text
    out of the model's wanted text, so the shared words (``both``) can only fall and the
    wanted words fall by at most the words of the lines left; every line left may become a
    teaser and take one of its text's copies out, but only a line of fewer than
    ``TEASER_WORDS`` spaces counts as one (``teasers``)."""
    wanted_now = Counter(model_main) - teasers(trace)
    both, body_words, wanted_words = agreement(Counter(body), wanted_now, sizes)
    left = sum(line.words for line in lines_left
               if line.text in wanted_now and line.text.count(" ") < TEASER_WORDS)
    lowest = wanted_words - left
    return not body_words or both < AGREE_PRECISION * body_words \
        or both < AGREE_RECALL * lowest


__all__ = ["AGREE_PRECISION", "AGREE_RECALL", "TEASER_WORDS", "Disagrees", "agreement",
           "agrees", "cannot_agree", "teasers", "words"]
