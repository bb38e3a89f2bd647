"""SemEval-2025 entity roles, decided from the portrayal: which entities may get a role, and
which role.

Kept apart from ``portrayal`` (how the article presents an entity) because roles are a second,
narrower decision on top of it: only inside the taxonomy's domains, only for entities the article
is about, never for a place that is only the setting, and the lean narrows the roles. Every rule
here was chosen out of fold on the SemEval-2025 EN training documents, end to end
(``scripts/roles_cv.py``, docs/portrayal.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parallax.frame import role_gate
from parallax.frame.linear import LinearLabeller
from parallax.frame.portrayal import article_probs, article_row
from parallax.frame.units import with_fine_role
from parallax.records import Article, Mention, PortrayalLabel

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
#: an Antagonist also needs this ``Antagonist`` probability from the same gate with its name read
#: as a name never seen (the base rates): the article's own support. Why: the names' casting in
#: other documents alone lifted borderline entities over ``antagonist_threshold`` (an
#: article-only 0.15 became 0.53 for one head of state), and a role says how THIS article casts
#: the entity. Chosen out of fold by document, name counts nested in the folds, by a rule fixed
#: beforehand (the highest of 0.10/0.15/0.20/0.25 keeping main-role accuracy per gold mention
#: >= 0.141 and roles right at least as often as without it): 0.15, 146 roles shown, 75 right
#: (0.514; without it 153, 77, 0.503), main 0.147 (0.150); 0.20 gave 130, 72, 0.554 but main
#: 0.1408 (docs/framing.md, "Twenty-seventh session (helper RG)").
ARTICLE_ANTAGONIST_THRESHOLD = 0.15


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
    return with_fine_role(index, pm, pf, main, fine, main.meta.get("hierarchy") or {})


#: a place mentioned this often after a locative preposition ("in Alaska", "to Kyiv") is where
#: things happen, not who acts or suffers: no role. Out of fold on the SemEval-2025 EN training
#: documents, roles on such places were right 15 times of 102 (0.15) against 89 of 261 (0.34)
#: for the other shown roles; F0.5 over shown roles 0.273 -> 0.298 (0.15: 0.284, 0.25: 0.289).
SETTING_SHARE = 0.2
PLACE_TYPES = frozenset({"GPE", "LOC"})


def setting_place(text: str, mentions: list[Mention]) -> bool:
    """Whether an entity is a place the article mostly names as the setting of events.

    Why: places are a third of the candidates for a role, and on the seeds "Alaska" came out an
    Instigator and "Anchorage" a Victim because the summit happened there. English prepositions
    only (``role_gate.locative_share``): roles in other languages are not affected."""
    if not mentions:
        return False
    if role_gate.dominant_type(mentions) not in PLACE_TYPES:
        return False
    return role_gate.locative_share(text, mentions) >= SETTING_SHARE


def gate_decision(cast: float, may: bool, gate: LinearLabeller) -> str | None:
    """How an entity with cast probability ``cast`` gets its role: "cast" (``cast_role``) at or
    above the gate's ``threshold``; "hand" (``choose_role``) at or above its ``hand_threshold``
    when the hand rule ``may_get_role`` also passes (``may``); else None.

    The shipped gate has no ``hand_threshold`` since the twentieth session: out of fold by
    document on the SemEval-2025 EN training documents that second tier's roles were right about
    one time in five, half as often as the cast tier's (docs/portrayal.md, "Twentieth session").
    The tier stays here for a gate trained with ``role_gate_train.HAND_THRESHOLD`` set, so that
    ``scripts/roles_cv.py --rescore`` can still measure it."""
    if cast >= role_gate.threshold(gate):
        return "cast"
    if may and cast >= float(gate.meta.get("hand_threshold", 1.0)):
        return "hand"
    return None


def role_candidates(article: Article, ranked: list[tuple[str, list[Mention]]],
                    portrayed: dict[str, tuple[PortrayalLabel, np.ndarray]], domains: set[str],
                    gate: LinearLabeller | None, article_model: LinearLabeller | None,
                    min_sentences: int | None = None,
                    ) -> list[tuple[str, list[Mention], float | None]]:
    """The entities that get a role, each with its shown score when ``cast_role`` decides its
    role (``cast_score``; None: ``choose_role``).

    With the learned gate (``role_gate``, sixth session) for an article in one of its languages:
    inside the domains, ``gate_decision``. Otherwise the hand rule ``may_get_role``.
    ``portrayed`` maps a name to its portrayal and sentence probabilities
    (``Portrayer.portray``); an entity without them gets no role."""
    def may(name: str, ms: list[Mention]) -> bool:
        return may_get_role(portrayed[name][0] if name in portrayed else None, bool(domains),
                            article.text, ms, min_sentences)

    if gate is None or article.language not in gate.meta.get("languages", ()):
        return [(name, ms, None) for name, ms in ranked if may(name, ms)]
    ranked = [(name, ms) for name, ms in ranked if name in portrayed]
    if not domains or not ranked:
        return []
    candidates = []
    for rank, (name, ms) in enumerate(ranked):
        label, p = portrayed[name]
        q = (article_probs(article_model, article_row(p))
             if article_model is not None and len(p) else None)
        candidates.append(role_gate.Candidate(name, ms, rank, label, p, q))
    rows = role_gate.entity_rows(article, candidates, domains, len(article.sentences))
    probs = role_gate.label_probabilities(gate, rows, [name for name, _ in ranked])
    unnamed = role_gate.label_probabilities(gate, rows, [])
    out: list[tuple[str, list[Mention], float | None]] = []
    for (name, ms), c, p, u in zip(ranked, candidates, probs, unnamed, strict=True):
        polarity = c.portrayal.polarity if c.portrayal is not None else "neutral"
        score = cast_score(p, polarity, gate, u)
        if score is not None:
            out.append((name, ms, score))
        elif gate_decision(float(p[0]), may(name, ms), gate) == "hand":
            out.append((name, ms, None))
    return out


def cast_score(probs: np.ndarray, polarity: str, gate: LinearLabeller,
               unnamed: np.ndarray | None = None) -> float | None:
    """The shown score of the role ``cast_role`` gives an entity with the gate's ``probs``
    (``role_gate.label_probabilities``), or None when the gate does not cast it. ``unnamed``:
    the same with the name read at the base rates (default ``probs``); its ``Antagonist``
    probability must also reach ``ARTICLE_ANTAGONIST_THRESHOLD`` (twenty-seventh session,
    helper RG), so that who the entity is cannot cast it without the article.

    An entity the author praises is a Protagonist when its cast probability reaches the gate's
    ``threshold`` (score: that probability times the Protagonist share among cast entities). Any
    other entity is an Antagonist: with a gate that has the ``Antagonist`` label (twenty-seventh
    session) when that probability reaches ``antagonist_threshold`` (score: the probability
    itself), else as before when the cast probability reaches ``threshold`` (score: times the
    Antagonist share). Why the second label: "cast at all" then "Antagonist" was wrong by
    construction on the quarter of cast entities that are Protagonists or Innocents; learning
    the shown label directly, with the names' casting in other documents, shows fewer roles
    that are right more often at the same main-role accuracy per gold mention
    (docs/framing.md, "Twenty-seventh session (helper RO)")."""
    labels, rates = gate.labels, gate.meta.get("main_rates", {})
    if polarity != "positive" and "Antagonist" in labels:
        k = labels.index("Antagonist")
        p = float(probs[k])
        own = float((probs if unnamed is None else unnamed)[k])
        if own < ARTICLE_ANTAGONIST_THRESHOLD:
            return None
        return p if p >= float(gate.meta.get("antagonist_threshold", 0.5)) else None
    if float(probs[0]) < role_gate.threshold(gate):
        return None
    role = "Protagonist" if polarity == "positive" else "Antagonist"
    return float(probs[0]) * float(rates.get(role, 1.0))


def cast_role(pf: np.ndarray, main: LinearLabeller, fine: LinearLabeller,
              portrayal: PortrayalLabel, score: float) -> tuple[str, list[str], float]:
    """The role of an entity the learned gate casts: Antagonist, or Protagonist when the
    portrayal is positive, and the role model's likeliest fine role under it.

    Why not the role model's main role: on the entities the annotators cast, out of fold by
    document on the SemEval-2025 EN training documents, its argmax was right for 0.64 of them and
    "Antagonist" for 0.70; its confident Protagonist / Innocent calls (probability >= 0.5) were
    right 6 of 52 and 1 of 15 times (docs/portrayal.md, "Roles, sixth session"; twenty-seventh
    session: 6 of 17 and 2 of 5). Its fine role under Antagonist is right 0.28 of the time
    against 0.20 for the domain's most frequent one. ``score`` (``cast_score``) is the chance
    that this role is the annotators' one, as far as the models can tell."""
    role = "Protagonist" if portrayal.polarity == "positive" else "Antagonist"
    hierarchy = main.meta.get("hierarchy") or {}
    candidates = [fine.labels.index(f) for f in hierarchy.get(role, ()) if f in fine.labels]
    fines = [fine.labels[max(candidates, key=lambda k: pf[k])]] if candidates else []
    return role, fines, score
