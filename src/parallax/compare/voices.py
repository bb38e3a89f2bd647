"""Who each outlet quotes: one row per outlet and speaker, under the name a reader knows.

The quote stage names a speaker per quote (``enrich.quotes_speaker``). Where that speaker is a
body or a place, the audit of the comparison's voices on real news (BASIL dev half, twentieth
session) found it wrong in three shapes the display can tell from the article itself (made-up
examples):

- the body only titles the person who speaks ("... said a Harbor Council spokesman, Ana Ruiz",
  "said Harbor Council Chairman Ana Ruiz"): the voice is the person;
- the place stands inside another subject ("ferry crews in towns bordering Ostmark have
  complained that ..."; read in English only): the place said nothing, so no voice is shown;
- the only mention of the body or place near an indirect quote is in the next sentence ("The
  complaint says ... . Ostmark's mayor said ..."): the quote stage reached past the sentence
  for a subject, so no voice is shown.

A wrong voice is worse than none: a quote left without one still counts nowhere else.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from typing import Any

from parallax.enrich.quotes_checks import object_place
from parallax.records import Article, Mention, Quote

#: how far from a quote the speaker's mention is looked for (a sentence's length)
_NEAR = 160
#: a sentence ends between the quote and the mention: a stop, white space and a capital of any
#: script (``str.isupper`` on the captured letter). ASCII capitals alone missed the end before
#: "Österreich", "Élise" or "Россия" (and an opening „ or «), so a body or place opening the
#: next sentence was taken for an indirect quote's speaker in German, French or Russian
_SENTENCE_END = re.compile(r"[.!?…][\"”’»“)]?\s+[\"“‘„«(]?(\w)")
#: between a body and its person: a possessive, then one to three capitalised title words
#: (" Minority Whip ") or a role noun (" spokesman, ", "'s chief lawyer "); no verb ("the
#: Harbor Post reported that Ana Ruiz ...": the body speaks, the person is what it reports)
_ROLE = (r"(?:spokes(?:man|woman|person)|aide|official|director|chair(?:man|woman)?|chief|"
         r"secretary|president|leader|adviser|advisor|lawyer|attorney|officer|counsel)")
_TITLE_GAP = re.compile(r"(?:['’]s)?(?:(?:\s+[A-Z][\w.-]*){1,3}|(?:\s+[a-z][\w-]*)?\s+"
                        + _ROLE + r"),?\s+$")
#: capitalised words after a body: a title and a name ("Minority Whip Ana Ruiz")
_CAPITALISED_RUN = re.compile(r"(?:\s+[A-Z][\w.'’-]*){2,6}")


def voices(by_outlet: dict[str, list[Article]]) -> list[dict[str, Any]]:
    rows = []
    for outlet, arts in sorted(by_outlet.items()):
        tally: dict[str, dict[str, Any]] = {}
        for a in arts:
            shown = Speakers(a)
            for q in a.quotes:
                speaker = shown(q)
                if not speaker:
                    continue
                row = tally.setdefault(speaker, {"outlet": outlet, "speaker": speaker,
                                                 "direct": 0, "indirect": 0, "examples": [],
                                                 "example_spans": []})
                row["direct" if q.direct else "indirect"] += 1
                if len(row["examples"]) < 2:
                    row["examples"].append(q.text)
                    row["example_spans"].append({"article_id": a.id, "start": q.start,
                                                 "end": q.end, "text": q.text})
        rows.extend(sorted(tally.values(), key=lambda r: -(r["direct"] + r["indirect"])))
    return rows


class Speakers:
    """One article's mentions, indexed once, and the speaker a reader should see for each
    of its quotes."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        # the lower-case word before a place is read in English only: "la France a déclaré",
        # "die Schweiz erklärte" put an article there and the place still speaks
        self.english = (article.language or "").lower().startswith("en")
        self.order = sorted(article.entities, key=lambda m: m.start)
        self.starts = [m.start for m in self.order]
        self.by_name: dict[str, list[Mention]] = defaultdict(list)
        self.people: dict[str, set[str]] = defaultdict(set)
        for m in self.order:
            self.by_name[m.canonical].append(m)
            if m.type == "PERSON" and m.canonical.split():
                self.people[m.canonical.split()[-1]].add(m.canonical)

    def __call__(self, quote: Quote) -> str | None:
        """The quote stage's speaker, except where its body or place only titles a person
        (that person), stands inside another subject or lies past the quote's sentence
        (none)."""
        speaker = quote.speaker
        if not speaker:
            return None
        own = [m for m in self.by_name.get(speaker, ())
               if (quote.start - _NEAR <= m.start and m.end <= quote.start)
               or (quote.end <= m.start and m.end <= quote.end + _NEAR)]
        if not own or any(m.type == "PERSON" for m in own):
            return speaker
        text = self.text

        def apart(m: Mention) -> bool:
            """A sentence ends between the mention and the quote (the gap taken with the
            next word's first letter: a sentence end is a stop and a capital)."""
            gap = text[quote.end:m.start + 1] if m.start >= quote.end else \
                text[m.end:quote.start + 1]
            return any(end.group(1).isupper() for end in _SENTENCE_END.finditer(gap))

        def distance(m: Mention) -> int:
            return quote.start - m.end if m.end <= quote.start else m.start - quote.end

        within = [m for m in own if not apart(m)]
        if not within:
            # an indirect quote's subject is in its own sentence, not the next one
            nearest = min(own, key=distance)
            return None if nearest.start >= quote.end and not quote.direct else speaker
        near = min(within, key=distance)
        person = self._titled_person(near)
        if person is not None:
            return person
        if self.english and object_place(text, near, 0):
            return None
        return speaker

    def _titled_person(self, body: Mention) -> str | None:
        """The person a body's mention titles: the next person mention after a title gap,
        or the article's person whose surname ends the capitalised words after it (the
        entity stage sometimes leaves the full name in such a title unread)."""
        k = bisect_left(self.starts, body.end)
        nxt = self.order[k] if k < len(self.order) else None
        if (nxt is not None and nxt.type == "PERSON" and nxt.start - body.end <= 40
                and _TITLE_GAP.match(self.text, body.end, nxt.start) is not None):
            return nxt.canonical
        run = _CAPITALISED_RUN.match(self.text, body.end)
        if run is None or (nxt is not None and nxt.start < run.end()):
            return None
        # the one person of that surname ("Berg" and "Tomas Berg" are one; not two Bergs)
        names = sorted(self.people.get(run.group(0).split()[-1], ()), key=len)
        if names and all(names[-1].endswith(f" {n}") or n == names[-1] for n in names):
            return names[-1]
        return None
