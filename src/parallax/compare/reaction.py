"""Reader reaction without a language model: recurring themes and a rough stance, extractive.

Themes are content words that come back in at least two comments, each shown with a comment
that uses it, so a reader can check. Stance counts comments that carry agreement or rejection
cues (EN/DE/RU word lists); the rest are "other". Cue counting is rough on purpose: it says what
share of commenters push back, not why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from parallax.textutil import content_words

AGREE = re.compile(r"(?<!\w)(agree\w*|exactly|right|true|well said|thank\w*|genau|richtig|stimmt|"
                   r"zustimm\w*|danke|согласен|согласна|верно|точно|спасибо)(?!\w)", re.IGNORECASE)
REJECT = re.compile(r"(?<!\w)(wrong|nonsense|lies|lie|lying|propaganda|rubbish|biased|falsch|"
                    r"unsinn|quatsch|lüge\w*|propaganda|einseitig|чушь|ложь|бред|враньё|вранье|"
                    r"пропаганда)(?!\w)", re.IGNORECASE)
MAX_THEMES = 5
#: chatty function words that the article-oriented STOPWORDS list lets through in comments
FILLER = frozenset("""nichts seine sein seinen seiner sich konnte kann können muss müssen wird
wurde werden haben hat hatte mehr schon immer wieder einen eine einem einer dieser diese dieses
denn aber doch noch also jetzt mal ganz gibt geht ihm ihn ihnen uns euch would could should just
like really think
even much many very been being have has had will was were был была было были будет может
только ещё еще уже всё все всех этот эта это эти""".split())


def themes(texts: Sequence[str]) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(set(content_words(text)) - FILLER)
    out: list[dict[str, Any]] = []
    for word, count in seen.most_common():
        if count < 2 or len(out) == MAX_THEMES:
            break
        example = next(t for t in texts if word in content_words(t))
        out.append({"theme": word, "comments": count, "example": example})
    return out


def stance(texts: Sequence[str]) -> dict[str, int]:
    counts = {"agree": 0, "reject": 0, "other": 0}
    for text in texts:
        agree, reject = bool(AGREE.search(text)), bool(REJECT.search(text))
        counts["reject" if reject and not agree else "agree" if agree and not reject
               else "other"] += 1
    return counts
