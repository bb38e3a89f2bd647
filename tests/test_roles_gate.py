"""The learned role gate (issue 17, sixth session): its features, where it applies, the role it
gives, the shipped model, and the seeds through the whole pipeline."""

from __future__ import annotations

import json

import numpy as np
import pytest

from parallax.frame import role_gate
from parallax.frame.linear import LinearLabeller
from parallax.frame.roles import cast_role, role_candidates
from parallax.records import Article, Mention, PortrayalLabel, Published, Quote

TEXT = ("Dragan ordered the shelling of Kyiv. Dragan lied about it. Dragan threatened Ukraine. "
        "\u201cWe will not stop,\u201d Dragan said in Minsk. Reporters flew to Minsk.")


def _mentions(name: str, kind: str, canonical: str = "") -> list[Mention]:
    out, at = [], TEXT.find(name)
    while at >= 0:
        out.append(Mention(name, at, at + len(name), kind, canonical or name))
        at = TEXT.find(name, at + 1)
    return out


def _article(language: str = "en") -> Article:
    from parallax.enrich.sentences import sentencex_sentences

    mentions = _mentions("Dragan", "PERSON") + _mentions("Minsk", "GPE")
    quote_at = TEXT.index("\u201c")
    return Article(id="g1", role="main", title="Dragan shells Kyiv", outlet=None,
                   published=Published(), text=TEXT, language=language,
                   entities=sorted(mentions, key=lambda m: m.start),
                   quotes=[Quote("We will not stop,", quote_at, quote_at + 19, "Dragan", "said",
                                 True)],
                   sentences=sentencex_sentences(TEXT, language))


def _candidates() -> list[role_gate.Candidate]:
    p = np.array([[0.7, 0.2, 0.1], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1], [0.2, 0.7, 0.1]])
    return [role_gate.Candidate("Dragan", _mentions("Dragan", "PERSON"), 0,
                                PortrayalLabel("Dragan", "negative", 0.9, 4), p,
                                np.array([0.8, 0.15, 0.05])),
            role_gate.Candidate("Minsk", _mentions("Minsk", "GPE"), 1,
                                PortrayalLabel("Minsk", "neutral", 0.6, 2), p[:2], None)]


def test_the_gate_features_describe_how_the_article_treats_each_entity() -> None:
    rows = role_gate.entity_rows(_article(), _candidates(), {"URW"}, 5)
    assert rows.shape == (2, len(role_gate.FEATURES))
    col = {name: i for i, name in enumerate(role_gate.FEATURES)}
    dragan, minsk = rows
    assert dragan[col["mention_share"]] == pytest.approx(4 / 6)
    assert dragan[col["in_title"]] == 1 and minsk[col["in_title"]] == 0
    assert dragan[col["person"]] == 1 and minsk[col["place"]] == 1
    assert dragan[col["first_position"]] == 0 and minsk[col["first_position"]] > 0.5
    assert minsk[col["locative_share"]] == 1 and dragan[col["locative_share"]] == 0
    assert dragan[col["speaker"]] > 0 and minsk[col["speaker"]] == 0
    assert dragan[col["negative"]] == 1 and dragan[col["q_negative"]] == pytest.approx(0.8)
    assert dragan[col["max_negative"]] == pytest.approx(0.7)
    assert dragan[col["ukraine"]] == 1 and dragan[col["climate"]] == 0
    assert dragan[col["inverse_rank"]] == 1 and minsk[col["inverse_rank"]] == 0.5



def test_an_entity_typed_two_ways_as_often_takes_the_type_it_was_named_first() -> None:
    """A tie between types went by the set's hash order, which changes between processes, so
    the gate's row (and the setting-place rule) for such an entity changed from run to run, at
    training as at runtime (made-up text; fails on d8b6e3f in one order or the other)."""
    from parallax.frame.roles import setting_place

    text = "They met in Tarvel. Tarvel said no."
    place = Mention("Tarvel", 12, 18, "GPE", "Tarvel")
    person = Mention("Tarvel", 20, 26, "PERSON", "Tarvel")
    col = {name: i for i, name in enumerate(role_gate.FEATURES)}
    article = Article(id="t1", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", entities=[place, person])
    kinds = []
    for mentions in ([place, person], [person, place]):
        row = role_gate.entity_rows(article, [role_gate.Candidate(
            "Tarvel", mentions, 0, None, None, None)], set(), 2)[0]
        kinds.append((row[col["place"]], row[col["person"]]))
    assert kinds == [(1, 0), (0, 1)]
    assert role_gate.dominant_type([place, person]) == "GPE"
    assert role_gate.dominant_type([person, place]) == "PERSON"
    assert role_gate.dominant_type([person, place, place]) == "GPE"
    assert setting_place(text, [place, person]) and not setting_place(text, [person, place])

def _gate(threshold: float) -> LinearLabeller:
    """A gate that casts by mention share alone (probability = sigmoid(10 * (share - 0.5)))."""
    n = len(role_gate.FEATURES)
    weights = np.zeros((n, 1), np.float32)
    weights[role_gate.FEATURES.index("mention_share"), 0] = 10
    return LinearLabeller(["cast"], weights, np.array([-5.0], np.float32),
                          np.ones(1, np.float32), np.zeros(1, np.float32),
                          np.zeros(1, np.float32),
                          {"features": list(role_gate.FEATURES), "threshold": threshold,
                           "languages": ["en"], "main_rates": {"Antagonist": 0.7}})


def test_the_gate_casts_above_its_threshold_inside_the_domains_in_its_languages() -> None:
    article = _article()
    ranked = [("Dragan", _mentions("Dragan", "PERSON")), ("Minsk", _mentions("Minsk", "GPE"))]
    portrayed = {c.name: (c.portrayal, c.sentence_probs) for c in _candidates()
                 if c.portrayal is not None and c.sentence_probs is not None}
    kept = role_candidates(article, ranked, portrayed, {"URW"}, _gate(0.5), None)
    # the shown score: cast probability 0.841 times the Antagonist share among cast entities
    assert [(name, round(p or 0, 3)) for name, _, p in kept] == [("Dragan", 0.589)]
    assert role_candidates(article, ranked, portrayed, set(), _gate(0.5), None) == []
    kept = role_candidates(article, ranked, portrayed, {"URW"}, _gate(0.01), None)
    assert [name for name, _, _ in kept] == ["Dragan", "Minsk"]
    # an entity without portrayal sentences gets no role
    assert role_candidates(article, ranked, {}, {"URW"}, _gate(0.01), None) == []
    # a language the gate never learnt: the hand rule (a stated lean passes; the setting not)
    russian = _article("ru")
    kept = role_candidates(russian, ranked, portrayed, {"URW"}, _gate(0.01), None)
    assert [(name, p) for name, _, p in kept] == [("Dragan", None)]


def test_below_the_cast_threshold_only_the_hand_rule_entities_keep_the_role_model() -> None:
    from parallax.frame.roles import gate_decision

    gate = _gate(0.4)
    gate.meta["hand_threshold"] = 0.2
    assert gate_decision(0.4, False, gate) == "cast"
    assert gate_decision(0.3, True, gate) == "hand"  # the article is about it: role model
    assert gate_decision(0.3, False, gate) is None
    assert gate_decision(0.1, True, gate) is None  # the gate is sure nobody casts it
    del gate.meta["hand_threshold"]
    assert gate_decision(0.3, True, gate) is None  # no hand tier unless the model has one


def test_the_shipped_gate_gives_no_role_below_its_cast_threshold() -> None:
    """Twentieth session: below the cast threshold the shipped gate shows no role, even for an
    entity the article is clearly about (the hand rule passes). That second tier (the role
    model's choice from a cast probability of 0.2) was right about one time in five out of fold,
    half as often as the cast tier (docs/portrayal.md, "Twentieth session")."""
    from parallax.frame.bundle import load_models
    from parallax.frame.roles import gate_decision

    gate = load_models("")["roles-gate"]
    cut = role_gate.threshold(gate)
    assert gate_decision(cut, False, gate) == "cast"
    assert gate_decision(cut - 0.01, True, gate) is None
    assert gate_decision(0.2, True, gate) is None


def test_a_cast_entity_is_an_antagonist_unless_the_author_praises_it() -> None:
    main = LinearLabeller(["Protagonist", "Antagonist", "Innocent"], np.zeros((1, 3)),
                          np.zeros(3), np.ones(3), np.zeros(3), np.zeros(3),
                          {"hierarchy": {"Protagonist": ["Guardian"],
                                         "Antagonist": ["Instigator", "Tyrant"],
                                         "Innocent": ["Victim"]}})
    fine = LinearLabeller(["Guardian", "Instigator", "Tyrant", "Victim"], np.zeros((1, 4)),
                          np.zeros(4), np.ones(4), np.zeros(4), np.zeros(4))
    pf = np.array([0.9, 0.2, 0.4, 0.95])  # the role model's likeliest fine roles are elsewhere
    neutral = PortrayalLabel("X", "neutral", 0.5, 3)
    assert cast_role(pf, main, fine, neutral, 0.35) == ("Antagonist", ["Tyrant"], 0.35)
    positive = PortrayalLabel("X", "positive", 0.9, 3)
    role, fines, score = cast_role(pf, main, fine, positive, 0.1)
    assert (role, fines) == ("Protagonist", ["Guardian"]) and score == pytest.approx(0.1)


def test_a_names_casting_counts_from_the_other_documents_only() -> None:
    """Twenty-seventh session: the gate also reads how the annotators cast the same name in the
    other training documents (made-up names and counts); a training row leaves its own document
    out, and a name never seen reads as the base rates."""
    table = {"mira osk": [1, 6, 1, 0]}  # no role / Antagonist / Protagonist / Innocent
    base = [0.8, 0.14, 0.04, 0.02]
    cols = role_gate.name_columns(["Mira Osk", "Tal Verin"], table, base)
    a = role_gate.NAME_SMOOTHING
    assert cols[0, 0] == pytest.approx((6 + a * 0.14) / (8 + a))
    assert cols[0, 1] == pytest.approx((1 + a * 0.04) / (8 + a))
    assert cols[0, 3] == pytest.approx(np.log1p(8))
    assert cols[1, :3] == pytest.approx(base[1:]) and cols[1, 3] == 0
    # its own document cast Mira Osk as an Antagonist twice: left out of the row
    own = role_gate.name_columns(["Mira Osk"], table, base, exclude=[[0, 2, 0, 0]])
    assert own[0, 0] == pytest.approx((4 + a * 0.14) / (6 + a)) and own[0, 0] < cols[0, 0]


def _two_label_gate() -> LinearLabeller:
    n = len(role_gate.FEATURES)
    return LinearLabeller(["cast", "Antagonist"], np.zeros((n, 2), np.float32),
                          np.zeros(2, np.float32), np.ones(2, np.float32),
                          np.zeros(2, np.float32), np.zeros(2, np.float32),
                          {"features": list(role_gate.FEATURES), "threshold": 0.4,
                           "antagonist_threshold": 0.3,
                           "main_rates": {"Antagonist": 0.75, "Protagonist": 0.16}})


def test_an_entity_is_an_antagonist_when_the_gate_is_sure_of_that_role_not_of_any_role() -> None:
    """With the ``Antagonist`` label a likely-cast entity is no Antagonist unless that label
    itself passes (a quarter of cast entities are Protagonists or Innocents); an entity the
    author praises is still a Protagonist by the cast probability."""
    from parallax.frame.roles import cast_score

    gate = _two_label_gate()
    assert cast_score(np.array([0.9, 0.2]), "neutral", gate) is None
    assert cast_score(np.array([0.2, 0.35]), "negative", gate) == pytest.approx(0.35)
    assert cast_score(np.array([0.5, 0.9]), "positive", gate) == pytest.approx(0.08)
    assert cast_score(np.array([0.3, 0.9]), "positive", gate) is None
    old = _gate(0.4)  # a gate with the one label: cast, then Antagonist, as before
    assert cast_score(np.array([0.5]), "neutral", old) == pytest.approx(0.35)
    assert cast_score(np.array([0.3]), "neutral", old) is None


def test_a_name_cast_elsewhere_is_no_antagonist_without_the_articles_own_support() -> None:
    """A made-up head of state whose article barely presents it as an adversary (Antagonist
    probability 0.12 with its name read as unseen) is not an Antagonist because other documents
    cast the same name as one (0.53 with the name); with the article's own support (0.22) it is,
    with the named probability as its score."""
    from parallax.frame.roles import ARTICLE_ANTAGONIST_THRESHOLD, cast_score

    gate = _two_label_gate()
    assert 0.12 < ARTICLE_ANTAGONIST_THRESHOLD <= 0.22
    assert cast_score(np.array([0.6, 0.53]), "neutral", gate, np.array([0.3, 0.12])) is None
    assert cast_score(np.array([0.6, 0.53]), "negative", gate,
                      np.array([0.4, 0.22])) == pytest.approx(0.53)
    # the article's support alone does not cast either: the named probability must pass too
    assert cast_score(np.array([0.3, 0.25]), "neutral", gate, np.array([0.3, 0.25])) is None


def test_the_shipped_gate_casts_the_protagonist_of_the_story_not_a_passing_place() -> None:
    from parallax.frame.bundle import load_models
    from parallax.frame.role_gate_train import ANTAGONIST_THRESHOLD, HAND_THRESHOLD, THRESHOLD

    gate = load_models("")["roles-gate"]
    assert gate.meta["features"] == [*role_gate.FEATURES, *role_gate.NAME_FEATURES]
    assert gate.labels == ["cast", "Antagonist"]
    assert gate.meta["threshold"] == THRESHOLD and gate.meta["languages"] == ["en"]
    assert gate.meta["antagonist_threshold"] == ANTAGONIST_THRESHOLD  # as ``make models`` fits
    assert HAND_THRESHOLD is None and "hand_threshold" not in gate.meta  # twentieth session
    assert gate.meta["main_rates"]["Antagonist"] > 0.5
    col = {name: i for i, name in enumerate(role_gate.FEATURES)}
    central, passing = np.zeros((2, len(role_gate.FEATURES)), np.float32)
    for row in (central, passing):
        row[col["log_candidates"]], row[col["log_words"]] = np.log1p(10), np.log1p(600)
        row[col["ukraine"]] = 1
    central[[col["log_mentions"], col["log_sentences"]]] = np.log1p(9)
    central[[col["mention_share"], col["inverse_rank"], col["in_title"], col["in_lead"],
             col["person"], col["negative"]]] = (0.4, 1, 1, 1, 1, 1)
    central[[col["q_negative"], col["mean_negative"], col["max_negative"]]] = (0.6, 0.4, 0.8)
    passing[[col["log_mentions"], col["log_sentences"]]] = np.log1p(1)
    passing[[col["mention_share"], col["inverse_rank"], col["first_position"], col["place"],
             col["locative_share"]]] = (0.03, 0.1, 0.9, 1, 1)
    # column 0, ``cast``, as roles.py reads it
    p_central, p_passing = role_gate.label_probabilities(gate, np.stack([central, passing]))[:, 0]
    assert p_central >= role_gate.threshold(gate) > p_passing
    # the same central row under a name the annotators cast as an Antagonist in most other
    # documents that found it, against a name never seen (base rates)
    table = gate.meta["names"]
    usual = max(table, key=lambda n: (table[n][1] / sum(table[n]), table[n][1]))
    assert table[usual][1] >= 3
    seen, unseen = role_gate.label_probabilities(gate, np.stack([central, central]),
                                                 [usual, "no such name"])[:, 1]
    assert seen > unseen


def test_the_gate_card_reports_out_of_fold_scores() -> None:
    from parallax.frame.bundle import bundled_dir

    card = json.loads((bundled_dir() / "roles-gate.card.json").read_text(encoding="utf-8"))
    oof = card["oof_by_document"]
    # measured 0.472 average precision (base rate 0.172) and 0.50 precision at the threshold
    assert oof["average_precision"] > 2 * oof["base_rate"]
    assert oof["precision"] > 0.4 and card["threshold"] == role_gate.threshold(
        LinearLabeller.load(bundled_dir() / "roles-gate.npz"))



def test_the_gate_trainer_never_fits_on_an_analysis_other_code_made(tmp_path, monkeypatch
                                                                     ) -> None:
    """``make models`` caches what ``analyze`` makes of the training documents. Keyed by the
    line count alone, a cache written by an older pipeline was read back after the entity code
    changed, and the shipped gate was not what ``make models`` rebuilt from today's code
    (thirty-third session). The key now covers the documents and the package's files."""
    from types import SimpleNamespace

    from parallax.frame import role_gate_train as trainer

    doc = SimpleNamespace(id="d1", text="Dragan shelled Kyiv.", roles=[object()],
                          path=tmp_path / "d1.txt")
    runs: list[list[object]] = []

    def analyse(paths: list[object], progress: object = None) -> list[None]:
        runs.append(paths)
        return [None]

    monkeypatch.setattr(trainer, "WORK", tmp_path)
    monkeypatch.setattr(trainer, "read_semeval2025", lambda folder: [doc])
    monkeypatch.setattr(trainer, "held_out", lambda doc_id: False)
    monkeypatch.setattr(trainer, "analyse_files", analyse)
    # an older pipeline's analysis of as many documents
    (tmp_path / "analysed-EN.jsonl").write_text(json.dumps(_article().to_dict()) + "\n",
                                                encoding="utf-8")
    assert trainer.analysed_documents(tmp_path, "EN", print)[1] == [None]
    assert len(runs) == 1
    trainer.analysed_documents(tmp_path, "EN", print)  # the same code and documents: reused
    assert len(runs) == 1
    doc.text = "Dragan shelled Kharkiv."
    trainer.analysed_documents(tmp_path, "EN", print)
    assert len(runs) == 2

@pytest.fixture(scope="module")
def seed_roles() -> dict[str, dict[str, str]]:
    from tests.requirements import shared_path
    from tests.test_portrayal import _seed_article

    names = sorted(p.name for p in shared_path("seeds").iterdir())
    return {prefix: {r.entity: r.main_role for r in
                     _seed_article(next(n for n in names if n.startswith(prefix))).roles}
            for prefix in ("000", "004")}


def test_the_seeds_cast_their_central_figures(seed_roles: dict[str, dict[str, str]]) -> None:
    """The investigative piece (004) casts Kim Jong Un and Putin as antagonists; the state-media
    piece (000) praises Putin ("Putin is no criminal."), so he is never its antagonist."""
    assert seed_roles["004"].get("Kim Jong Un") == "Antagonist"
    assert seed_roles["004"].get("Vladimir Putin") == "Antagonist"
    assert seed_roles["000"].get("Vladimir Putin") == "Protagonist"
    assert len(seed_roles["000"]) <= 8 and len(seed_roles["004"]) <= 8  # not every entity


def test_fine_roles_are_shown_only_when_asked() -> None:
    """Out of fold the fine role under a shown main role was right 0.22 of the time (the most
    frequent one: 0.20), so by default a role is its main role only; ``framing_fine_roles``
    brings the fine role back, one from the taxonomy under that main role."""
    import copy

    from tests.requirements import shared_path
    from tests.test_portrayal import _seed_article

    from parallax.frame.taxonomy import FINE_ROLES
    from parallax.frame.trained import TrainedFraming, make_trained
    from parallax.settings import Config

    name = next(p.name for p in shared_path("seeds").iterdir() if p.name.startswith("004"))
    shipped = _seed_article(name)
    assert shipped.roles and all(r.fine_roles == [] for r in shipped.roles)
    assert make_trained(Config()).fine_roles is False
    article = copy.deepcopy(shipped)
    article.roles = []
    TrainedFraming(fine_roles=True).annotate(article)
    assert [r.main_role for r in article.roles] == [r.main_role for r in shipped.roles]
    assert all(len(r.fine_roles) == 1 and r.fine_roles[0] in FINE_ROLES[r.main_role]
               for r in article.roles)
