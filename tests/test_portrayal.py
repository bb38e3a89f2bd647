"""Entity portrayal: target-dependent features, pronouns, decisions, the role gate, and the
bundled models on the seeds (Putin positive in the state-media piece, negative in the
investigative one; Kim Jong Un negative there)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from parallax.frame.hashing import _bucket
from parallax.frame.linear import LinearLabeller
from parallax.frame.portrayal import (
    BUCKETS,
    LABELS,
    decide,
    narrated,
    own_words,
    pronoun_rows,
    target_buckets,
    target_label,
)
from parallax.frame.portrayal_marks import act_verdict
from parallax.frame.roles import ROLE_MIN_SENTENCES, choose_role, may_get_role
from parallax.records import PortrayalLabel


def _labeller(labels: list[str], meta: dict | None = None) -> LinearLabeller:
    n = len(labels)
    return LinearLabeller(labels, np.zeros((1, n), np.float32), np.zeros(n, np.float32),
                          np.ones(n, np.float32), np.zeros(n, np.float32),
                          np.full(n, 0.5, np.float32), meta or {})


def test_target_is_masked_and_its_neighbours_marked_by_side() -> None:
    sentence = "Critics said Dragan ordered the shelling of Lindau."
    start = sentence.index("Dragan")
    ids = set(target_buckets(sentence, [(start, start + len("Dragan"))]))
    assert _bucket("dragan", BUCKETS) not in ids  # a name carries no sentiment of its own
    assert _bucket("R:ordered", BUCKETS) in ids and _bucket("L:said", BUCKETS) in ids
    assert _bucket("<t> ordered", BUCKETS) in ids
    other = set(target_buckets(sentence, [(sentence.index("Lindau"), len(sentence) - 1)]))
    assert other != ids  # the same sentence reads differently from another target


def test_pronoun_goes_to_the_person_named_last_and_alone() -> None:
    text = "Aurel Dragan arrived on Monday. He was booed. Mira Kos and Dragan spoke; she left."
    sentences = [(0, 31), (32, 45), (46, len(text))]
    people = {"Aurel Dragan": [0, text.index("Dragan spoke")], "Mira Kos": [text.index("Mira")]}
    rows = pronoun_rows(text, sentences, people)
    assert rows["Aurel Dragan"] == {1: [(32, 34)]}
    assert "Mira Kos" not in rows  # two people named in that sentence: left unresolved


def test_decision_offsets_keep_close_calls_neutral() -> None:
    model = _labeller(list(LABELS), {"offsets": [0.0, 0.5, 0.0]})
    assert decide(np.array([0.45, 0.35, 0.2]), model)[0] == "neutral"
    assert decide(np.array([0.7, 0.2, 0.1]), model)[0] == "negative"


def _at(sentence: str, name: str) -> list[tuple[int, int]]:
    start = sentence.index(name)
    return [(start, start + len(name))]


def test_author_label_counts_only_for_the_noun_phrase_of_the_target() -> None:
    s = ("While Dragan thanked the island's dictator for the \u201ccourage, grit\u201d of "
         "his guards, Oduya in return promised support.")
    assert target_label(s, _at(s, "Oduya"), {"Dragan": _at(s, "Dragan")}) == -1
    assert target_label(s, _at(s, "Dragan"), {"Oduya": _at(s, "Oduya")}) == 0  # not about Dragan
    for text, want in [("North Korean dictator Kim Jong Un met aides.", -1),
                       ("Kim Jong Un, the North Korean dictator, met aides.", -1),
                       ("Kim Jong Un is a brutal dictator.", -1),
                       ("Kim Jong Un is not a dictator.", 1),  # the author's denial
                       ("Kim Jong Un is no criminal.", 1),
                       ("Kim Jong Un isn't a hero.", -1),
                       ("Kim Jong Un met no criminal.", 0),
                       ('Critics call him a "dictator", Kim Jong Un said.', 0),
                       ("Asked whether Kim Jong Un is a dictator, aides left.", 0),
                       ("Kim Jong Un has a criminal record.", 0),
                       ("Kim Jong Un praised the hero of the day.", 0),
                       ("Kim Jong Un, the hero of the right, spoke.", 1)]:
        assert target_label(text, _at(text, "Kim Jong Un"), {}) == want, text


def test_a_sports_title_is_no_praise_a_champion_of_a_cause_is() -> None:
    """"champion" is a verdict only in its "champion of ..." sense; as a title before or after
    a name it is a sports result (fresh real news: most leans shown were such titles)."""
    for text, want in [("World champion Mara Oduya won the race in Berlin.", 0),
                       ("Mara Oduya, the 2011 marathon champion, won again.", 0),
                       ("Mara Oduya is a champion of free speech.", 1),
                       ("Mara Oduya, the champion of the poor, spoke.", 1)]:
        assert target_label(text, _at(text, "Mara Oduya"), {}) == want, text


def test_the_author_s_verdict_on_an_act_of_the_entity_is_a_mark() -> None:
    """"It is <verdict> when/that <X> <acts>": the author judges X's act. Only the author's
    own, unhedged, unnegated verdict on an act X does counts."""
    for text, want in [("It is hypocrisy when Mara Oduya lectures others on thrift.", -1),
                       ("It was a disgrace that Mara Oduya ignored the flood warnings.", -1),
                       ("It is cynicism of the worst kind when Mara Oduya thanks the looters "
                        "for their 'courage'.", -1),
                       ("But it's a travesty that Mara Oduya keeps the files secret.", -1),
                       ("It was a triumph when Mara Oduya finished the bridge on time.", 1),
                       ("It is not hypocrisy when Mara Oduya lectures others on thrift.", 0),
                       ("It is \u201chypocrisy\u201d when Mara Oduya lectures others.", 0),
                       ("Is it hypocrisy when Mara Oduya lectures others on thrift?", 0),
                       ("If it is hypocrisy when Mara Oduya lectures others, so be it.", 0),
                       ("Critics argue it is hypocrisy when Mara Oduya lectures others.", 0),
                       ("It was outrageous that Mara Oduya was denied a visa.", 0),
                       ("It was a scandal that Mara Oduya's aide leaked the memo.", 0),
                       ("It was hypocrisy when the council praised Mara Oduya.", 0),
                       ("It is a pity when Mara Oduya lectures others on thrift.", 0)]:
        assert act_verdict(text, _at(text, "Mara Oduya")) == want, text


def _portrayed(text: str, name: str) -> PortrayalLabel:
    from parallax.enrich.sentences import sentencex_sentences
    from parallax.frame.trained import TrainedFraming
    from parallax.records import Article, Mention, Published

    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    mentions = [Mention(name, i, i + len(name), "PERSON", name) for i in starts]
    article = Article(id="p16", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", entities=mentions,
                      sentences=sentencex_sentences(text, "en"))
    TrainedFraming().annotate(article)
    return next(p for p in article.portrayals if p.entity == name)


def test_an_article_s_verdict_on_the_entity_s_act_shows_a_lean_a_reported_one_does_not(
        ) -> None:
    """End to end through the framing stage: the author's verdict on an act shows a negative
    portrayal with that sentence as evidence; the same words reported as a critic's do not."""
    body = ("Mayor Tamsin Vell opened the new harbour office on Monday. Tamsin Vell cut the "
            "ribbon and toured the quay with engineers. {} Tamsin Vell will seek a second term "
            "next spring.")
    verdict = ("It is hypocrisy of the highest order when Tamsin Vell lectures the council on "
               "thrift.")
    shown = _portrayed(body.format(verdict), "Tamsin Vell")
    assert shown.polarity == "negative" and any(verdict in s for s in shown.evidence)
    reported = ("It is hypocrisy when Tamsin Vell lectures the council on thrift, a rival "
                "said.")
    assert _portrayed(body.format(reported), "Tamsin Vell").polarity == "neutral"


def test_a_lean_is_shown_only_above_its_threshold_with_evidence() -> None:
    model = _labeller(list(LABELS), {"show_min": [0.5, 0.0, 0.4], "evidence_min": 0.5})
    leaning = np.array([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    flat = np.array([[0.45, 0.45, 0.1]])
    assert decide(np.array([0.55, 0.3, 0.15]), model, leaning)[0] == "negative"
    assert decide(np.array([0.45, 0.3, 0.25]), model, leaning)[0] == "neutral"  # below 0.5
    assert decide(np.array([0.55, 0.3, 0.15]), model, flat)[0] == "neutral"  # no evidence
    marks = np.array([0, -1], dtype=np.int8)  # the author calls it a dictator
    assert decide(np.array([0.2, 0.5, 0.3]), model, leaning, marks)[0] == "negative"
    both = np.array([1, -1], dtype=np.int8)
    assert decide(np.array([0.2, 0.5, 0.3]), model, leaning, both)[0] == "neutral"
    quoted = np.array([False, True])  # the leaning sentence is a quote: the source's stance
    assert decide(np.array([0.55, 0.3, 0.15]), model, leaning, None, quoted)[0] == "neutral"
    assert decide(np.array([0.55, 0.3, 0.15]), model, leaning, None, ~quoted)[0] == "negative"


def test_model_leans_pass_only_where_as_precise_as_the_authors_labels() -> None:
    """The ninth session's decision rule (``portrayal_eval.lean_curve``): a curve point passes
    only with enough shown leans, each right at least as often as the author's labels."""
    from parallax.frame.portrayal_eval import CURVE_MIN_SHOWN, lean_curve

    n = CURVE_MIN_SHOWN
    gold = ["positive"] * n + ["neutral"] * n + ["negative", "negative"]
    q = np.array([[0.1, 0.2, 0.7]] * n + [[0.1, 0.8, 0.1]] * n + [[0.2, 0.5, 0.3]] * 2)
    evidence = [np.array([[0.1, 0.3, 0.6]])] * (2 * n + 2)
    stated = [None] * (2 * n) + [np.array([-1], np.int8), np.array([0, -1], np.int8)]
    rule = lean_curve(q, evidence, gold, {"negative": 2, "neutral": n, "positive": n},
                      stated, 0.5)
    assert rule["author_labels"] == {"n": 2, "right": 2, "precision": 1.0}
    at = {(c["label"], c["at"]): c for c in rule["curve"]}
    assert at[("positive", 0.7)]["shown"] == n and at[("positive", 0.7)]["precision"] == 1.0
    assert at[("positive", 0.4)]["recall"] == 1.0 and at[("negative", 0.4)]["shown"] == 0
    assert rule["model_leans_pass"] == ["positive >= 0.4", "positive >= 0.5",
                                        "positive >= 0.6", "positive >= 0.7"]
    gold[0] = "neutral"  # one wrong lean in ten: less precise than the author's labels
    worse = lean_curve(q, evidence, gold, {"negative": 2, "neutral": n + 1, "positive": n - 1},
                       stated, 0.5)
    assert worse["model_leans_pass"] == []
    weak = [np.array([[0.1, 0.6, 0.3]])] * (2 * n + 2)  # no sentence leans enough: no evidence
    assert lean_curve(q, weak, gold, {"negative": 2, "neutral": n, "positive": n}, stated,
                      0.5)["curve"][4]["shown"] == 0


def test_by_default_only_the_authors_own_label_shows_a_lean() -> None:
    """portrayal_model_leans = false (the default): the model's lean alone is not shown, the
    author's label of the entity still is; the setting turns model leans back on."""
    from parallax.frame.trained import make_trained
    from parallax.settings import Config

    model = _labeller(list(LABELS), {"show_min": [0.5, 0.0, 0.4], "evidence_min": 0.5})
    leaning = np.array([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    marks = np.array([0, -1], dtype=np.int8)
    q = np.array([0.55, 0.3, 0.15])
    assert decide(q, model, leaning, None, None, model_leans=False)[0] == "neutral"
    assert decide(q, model, leaning, marks, None, model_leans=False)[0] == "negative"
    framing = make_trained(Config())
    assert framing.portrayer is not None and framing.portrayer.model_leans is False
    config = Config()
    config.values["portrayal_model_leans"] = True
    on = make_trained(config)
    assert on.portrayer is not None and on.portrayer.model_leans is True


def test_reported_speech_is_not_the_authors_own_words() -> None:
    assert own_words("Dragan ordered the shelling of the town.")
    assert not own_words("Dragan said the shelling was justified.")
    assert not own_words("\u201cHe is a great leader,\u201d an aide added.")
    # a scare quote or a cited phrase stays the author's sentence; a quoted statement does not
    assert own_words("It is hypocrisy when Dragan lauds the raiders for their \u201cvalour\u201d.")
    long = ("Dragan promised support for \u201cevery step the council decides to take in the "
            "months to come.\u201d")
    assert not own_words(long) and narrated(long)
    assert not narrated("\u201cWe will win. They")  # inside a longer quote
    assert not narrated("Dragan is a liar, critics said.")


def decide_role(pm: np.ndarray, pf: np.ndarray, main: LinearLabeller, fine: LinearLabeller,
                portrayal: PortrayalLabel | None, in_domain: bool
                ) -> tuple[str, list[str], float] | None:
    """What ``TrainedFraming._roles`` does for one entity: the gate, then the choice."""
    if portrayal is None or not may_get_role(portrayal, in_domain):
        return None
    return choose_role(pm, pf, main, fine, portrayal)


def test_roles_only_in_domain_and_never_against_the_lean() -> None:
    main = _labeller(["Protagonist", "Antagonist", "Innocent"],
                     {"priors": [0.2, 0.6, 0.2],
                      "hierarchy": {"Protagonist": ["Guardian"], "Antagonist": ["Instigator"],
                                    "Innocent": ["Victim"]}})
    fine = _labeller(["Guardian", "Instigator", "Victim"])
    pm, pf = np.array([0.6, 0.3, 0.1]), np.array([0.5, 0.5, 0.1])
    negative = PortrayalLabel("X", "negative", 0.8, 1)
    neutral = PortrayalLabel("X", "neutral", 0.8, ROLE_MIN_SENTENCES)
    assert decide_role(pm, pf, main, fine, negative, in_domain=False) is None
    role = decide_role(pm, pf, main, fine, negative, in_domain=True)
    assert role is not None and role[0] != "Protagonist"  # a stated lean, even in one sentence
    assert decide_role(pm, pf, main, fine, None, in_domain=True) is None  # not portrayed
    role = decide_role(pm, pf, main, fine, neutral, in_domain=True)
    assert role is not None and role[0] == "Protagonist"  # no lean: the likeliest main role
    passing = PortrayalLabel("X", "neutral", 0.8, ROLE_MIN_SENTENCES - 1)
    assert decide_role(pm, pf, main, fine, passing, in_domain=True) is None  # merely mentioned


def test_the_main_role_leans_to_the_likelier_role_more_than_the_plain_ratio() -> None:
    """Base rates count at the power ROLE_PRIOR_POWER: an Antagonist at 0.55 (base rate 0.6)
    stays one against a Protagonist at 0.3 (0.2), where the plain ratio (0.92 < 1.5) turned
    it into a Protagonist."""
    main = _labeller(["Protagonist", "Antagonist", "Innocent"],
                     {"priors": [0.2, 0.6, 0.2],
                      "hierarchy": {"Protagonist": ["Guardian"], "Antagonist": ["Instigator"],
                                    "Innocent": ["Victim"]}})
    fine = _labeller(["Guardian", "Instigator", "Victim"])
    neutral = PortrayalLabel("X", "neutral", 0.8, ROLE_MIN_SENTENCES)
    role = decide_role(np.array([0.3, 0.55, 0.15]), np.array([0.5, 0.5, 0.1]), main, fine,
                       neutral, in_domain=True)
    assert role is not None and role[:2] == ("Antagonist", ["Instigator"])


@functools.cache  # the seed fixtures here and in test_roles_gate.py share one run per seed
def _seed_article(name: str):  # type: ignore[no-untyped-def]
    from tests.requirements import shared_path

    from parallax.ingest import read_inputs
    from parallax.pipeline import Pipeline
    from parallax.records import Page, RawDocument
    from parallax.settings import load_config

    path = shared_path(f"seeds/{name}")
    pipeline = Pipeline.from_config(load_config(None))
    (doc,) = [d for d in read_inputs([str(path)], pipeline.config) if isinstance(d, RawDocument)]
    page = pipeline.process(doc)
    assert isinstance(page, Page)
    return next(a for a in page.articles if a.role == "main")


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict[str, PortrayalLabel]]:
    from tests.requirements import shared_path

    names = sorted(p.name for p in shared_path("seeds").iterdir())
    out = {}
    for prefix in ("000", "004"):
        article = _seed_article(next(n for n in names if n.startswith(prefix)))
        out[prefix] = {p.entity: p for p in article.portrayals}
    return out


def test_the_investigative_seed_labels_kim_jong_un_a_dictator(
        seeds: dict[str, dict[str, PortrayalLabel]]) -> None:
    """In 004 the author calls Kim a dictator as the object of Putin's thanks: the praise is
    Putin's, the verdict "dictator" is the author's, and it is about Kim."""
    kim = seeds["004"]["Kim Jong Un"]
    assert kim.polarity == "negative"
    assert any("dictator" in sentence for sentence in kim.evidence)


def test_the_state_media_seed_portrays_putin_positively(
        seeds: dict[str, dict[str, PortrayalLabel]]) -> None:
    """"Putin is no criminal.": the author's own denial of a verdict noun reads as a defence."""
    putin = seeds["000"]["Vladimir Putin"]
    assert putin.polarity == "positive" and 0.0 < putin.score <= 1.0
    assert any("no criminal" in sentence for sentence in putin.evidence)


def test_the_investigative_seed_portrays_putin_negatively(
        seeds: dict[str, dict[str, PortrayalLabel]]) -> None:
    """The author never labels Putin with a noun in 004 but judges one of his acts in the
    "it is <verdict> when <X> <acts>" frame (``act_verdict``); that sentence is the evidence."""
    putin = seeds["004"]["Vladimir Putin"]
    assert putin.polarity == "negative"
    assert any(act_verdict(s, [(s.index("Putin"), s.index("Putin") + 5)]) == -1
               for s in putin.evidence if "Putin" in s)


def test_other_languages_get_portrayal_marked_low_confidence() -> None:
    from parallax.enrich.sentences import sentencex_sentences
    from parallax.frame.trained import TrainedFraming
    from parallax.records import Article, Mention, Published

    text = ("Генерал Аурел Драган приказал обстрелять мирный город. Драган лгал о жертвах, "
            "говорят жители. Драган снова угрожает соседям, пишут газеты всего региона.")
    mentions = [Mention("Драган", m, m + 6, "PERSON", "Аурел Драган")
                for m in (text.index("Драган"), text.index("Драган лгал"),
                          text.index("Драган снова"))]
    article = Article(id="r1", role="main", title="", outlet=None, published=Published(),
                      text=text, language="ru", entities=mentions,
                      sentences=sentencex_sentences(text, "ru"))
    TrainedFraming().annotate(article)
    (label,) = article.portrayals
    assert label.entity == "Аурел Драган" and label.low_confidence


def test_the_role_sentence_minimum_is_a_setting() -> None:
    from parallax.frame.roles import role_candidate
    from parallax.frame.trained import make_trained
    from parallax.settings import load_config

    twice = PortrayalLabel("X", "neutral", 0.8, 2)
    assert not role_candidate(twice) and role_candidate(twice, 1)
    assert role_candidate(PortrayalLabel("X", "negative", 0.8, 1))  # a stated lean
    config = load_config(None)
    assert make_trained(config).role_min_sentences == ROLE_MIN_SENTENCES
    config.values["framing_role_min_sentences"] = 1
    assert make_trained(config).role_min_sentences == 1


def test_a_place_named_as_the_setting_gets_no_role() -> None:
    """The summit seeds cast "Alaska" as an Instigator and "Anchorage" as a Victim because
    things happened there; a place mostly named after in/at/to/... is the setting."""
    from parallax.frame.roles import setting_place
    from parallax.records import Mention

    def mentions(text: str, name: str, kind: str) -> list[Mention]:
        out, at = [], text.find(name)
        while at >= 0:
            out.append(Mention(name, at, at + len(name), kind, name))
            at = text.find(name, at + 1)
        return out

    text = ("Leaders met in Alaska on Friday. Alaska welcomed them. Alaska voters watched. "
            "Russia attacked Ukraine again. Russia denied it. Russia blamed the West. "
            "Russia threatened Kyiv. Russia recalled its envoy. Reporters flew to Russia.")
    assert setting_place(text, mentions(text, "Alaska", "GPE"))  # 1 of 3 locative
    assert not setting_place(text, mentions(text, "Russia", "GPE"))  # 1 of 6: an actor
    assert not setting_place("He met Putin in Moscow and Putin smiled.",
                             mentions("He met Putin in Moscow and Putin smiled.", "Putin",
                                      "PERSON"))
    # the one gate both ``analyze`` and ``scripts/roles_cv.py --rescore`` apply
    from parallax.frame.roles import may_get_role

    leaning = PortrayalLabel("Alaska", "negative", 0.8, 3)
    assert not may_get_role(leaning, True, text, mentions(text, "Alaska", "GPE"))
    assert may_get_role(PortrayalLabel("Russia", "negative", 0.8, 6), True, text,
                        mentions(text, "Russia", "GPE"))
    assert not may_get_role(PortrayalLabel("Russia", "negative", 0.8, 6), False, text,
                            mentions(text, "Russia", "GPE"))  # outside the domains
