"""SemEval-2025 entity roles, decided from the portrayal: which entities may get a role, and
which role.

Kept apart from ``portrayal`` (how the article presents an entity) because roles are a second,
narrower decision on top of it: only inside the taxonomy's domains, only for entities the article
is about, never for a place that is only the setting, and the lean narrows the roles. Every rule
here was chosen out of fold on the SemEval-2025 EN training documents, end to end
(``scripts/roles_cv.py``, docs/portrayal.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from parallax.frame.linear import LinearLabeller
from parallax.records import Mention, PortrayalLabel

#: an entity with no clear lean gets a role only when at least this many of the article's
#: sentences are about it (named, or a pronoun resolved to it): the article must be about the
#: entity, not merely mention it. Chosen by F0.5 (precision counted twice) out of fold on the
#: SemEval-2025 EN training documents, end to end (``scripts/roles_cv.py``, docs/portrayal.md):
#: with 1, 15 roles per article and 11% of them right (the entity annotated with that main role);
#: with 4, 2 per article and 29% right. A lean the author states (``Portrayer.label_marks``)
#: always qualifies.
ROLE_MIN_SENTENCES = 4
#: the main role is the one with the highest probability over base rate ** this power: 1 (the
#: plain ratio, before the third session) casts too few Antagonists, 0 (plain argmax) too many;
#: out of fold on the SemEval-2025 EN training documents main-role accuracy was 0.429 / 0.511 /
#: 0.509 for powers 1 / 0.25 / 0, exact match 0.150 / 0.163 / 0.153
ROLE_PRIOR_POWER = 0.25
#: the main roles each portrayal allows: a victim is written about with negative words too
ALLOWED_MAIN = {"negative": ("Antagonist", "Innocent"), "positive": ("Protagonist", "Innocent"),
                "neutral": ("Antagonist", "Protagonist", "Innocent")}


def role_candidate(portrayal: PortrayalLabel, minimum: int | None = None) -> bool:
    """Whether the article is about the entity enough for a role: a lean the author states, or
    ``minimum`` sentences about it (None: ``ROLE_MIN_SENTENCES``, the setting
    ``framing_role_min_sentences``)."""
    least = ROLE_MIN_SENTENCES if minimum is None else minimum
    return portrayal.polarity != "neutral" or portrayal.mentions >= least


def may_get_role(portrayal: PortrayalLabel | None, in_domain: bool, text: str = "",
                 mentions: Sequence[Mention] = (), min_sentences: int | None = None) -> bool:
    """The one gate for "may this entity get a role at all", used by ``analyze`` and by
    ``scripts/roles_cv.py --rescore`` alike so that the measured rule is the shipped one: inside
    the taxonomy's domains (Ukraine war, climate change), an entity the article portrays (a lean
    the author states, or ``ROLE_MIN_SENTENCES`` sentences about it), and not a place that is
    only the setting (``setting_place`` over ``mentions`` in ``text``)."""
    return (in_domain and portrayal is not None and role_candidate(portrayal, min_sentences)
            and not setting_place(text, list(mentions)))


def choose_role(pm: np.ndarray, pf: np.ndarray, main: LinearLabeller, fine: LinearLabeller,
                portrayal: PortrayalLabel) -> tuple[str, list[str], float] | None:
    """The role of an entity that passed ``may_get_role``. The lean narrows the main roles (a
    negative portrayal is never a Protagonist); among those, the highest probability over base
    rate ** ``ROLE_PRIOR_POWER``, then the likeliest fine role under it. None = no role allowed."""
    allowed = [j for j, name in enumerate(main.labels)
               if name in ALLOWED_MAIN.get(portrayal.polarity, ())]
    if not allowed:
        return None
    priors = np.asarray(main.meta.get("priors") or np.ones(len(main.labels)), dtype=np.float32)
    index = max(allowed, key=lambda j: float(pm[j]) / max(float(priors[j]), 1e-3)
                ** ROLE_PRIOR_POWER)
    role = main.labels[index]
    hierarchy = main.meta.get("hierarchy") or {}
    candidates = [fine.labels.index(f) for f in hierarchy.get(role, ()) if f in fine.labels]
    if not candidates:
        return role, [], float(pm[index])
    best = max(candidates, key=lambda k: pf[k])
    return role, [fine.labels[best]], float(pm[index])


#: a place mentioned this often after a locative preposition ("in Alaska", "to Kyiv") is where
#: things happen, not who acts or suffers: no role. Out of fold on the SemEval-2025 EN training
#: documents, roles on such places were right 15 times of 102 (0.15) against 89 of 261 (0.34)
#: for the other shown roles; F0.5 over shown roles 0.273 -> 0.298 (0.15: 0.284, 0.25: 0.289).
SETTING_SHARE = 0.2
PLACE_TYPES = frozenset({"GPE", "LOC"})
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|near|across|into|inside|outside|throughout|around|"
                       r"over|toward|towards|via)\s+(?:the\s+)?$", re.IGNORECASE)


def setting_place(text: str, mentions: list[Mention]) -> bool:
    """Whether an entity is a place the article mostly names as the setting of events.

    Why: places are a third of the candidates for a role, and on the seeds "Alaska" came out an
    Instigator and "Anchorage" a Victim because the summit happened there. English prepositions
    only: roles in other languages are not affected."""
    if not mentions:
        return False
    types = [m.type for m in mentions]
    if max(set(types), key=types.count) not in PLACE_TYPES:
        return False
    located = sum(bool(_LOCATIVE.search(text[max(0, m.start - 20):m.start]))
                  for m in mentions if 0 <= m.start <= len(text))
    return located >= SETTING_SHARE * len(mentions)
