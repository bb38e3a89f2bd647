"""The narrative domain gate and the word-level span placement (issue 17): a taxonomy's
narratives only on articles in its domain, and no loaded-language span on a bare name."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from parallax.frame import units
from parallax.frame.domains import in_domains
from parallax.frame.linear import LinearLabeller
from parallax.frame.spans import BUCKETS, SpanScorer, bucket


def test_domains_need_the_subject_itself() -> None:
    us = ("The party chairman said on Tuesday that Washington had failed Connecticut. "
          "Obama and Bush were both criticised for the political climate in the capital.")
    assert in_domains(us) == set()
    assert in_domains("Russia probe: Mueller subpoenas Russia-linked firms over Russian "
                      "meddling.") == set()
    assert in_domains("Ukraine says Russian forces shelled Kharkiv; Kyiv asked NATO for "
                      "air defence.") == {"URW"}
    assert in_domains("Украина заявила, что ВСУ отбили атаку под Бахмутом.") == {"URW"}
    assert in_domains("Climate change is driving record heat; carbon emissions rose again.") \
        == {"CC"}
    assert in_domains("A Ucrânia e a Rússia; Kiev pede ajuda. As emissões de carbono e o "
                      "aquecimento global.") == {"URW", "CC"}


def test_a_passing_mention_of_ukraine_does_not_put_an_article_in_the_war_domain() -> None:
    """A long column on a party's foreign policy that names Ukraine once among many Russia and
    NATO mentions is not about the war (it showed a war narrative, twenty-third session); the
    same mention in a short report, or Ukraine named in several of the paragraphs, still is."""
    filler = ("The senator told the convention that the party had drifted from its old "
              "principles on trade, spending and the courts, and that voters had noticed.")
    column = "\n".join([filler] * 14 + [
        "Russia, he argued, is a declining power; NATO should not grow toward Ukraine or "
        "Georgia, and Moscow knows it.",
        "He added that Putin and the Kremlin would welcome a quarrel inside NATO."] +
        [filler] * 14)
    assert in_domains(column) == set()
    short = ("Russia, he argued, is a declining power; NATO should not grow toward Ukraine, "
             "and Moscow knows it.")
    assert in_domains(short) == {"URW"}
    several = "\n".join([filler, "Kyiv said Russian drones hit the port.", filler,
                         "Ukraine asked NATO for more air defence.", filler] * 4)
    assert in_domains(several) == {"URW"}


def test_climate_words_with_another_sense_do_not_make_a_climate_article() -> None:
    """A car's climate control, carbon fibre, light emission and a fossil are not climate change
    (real blogs and news got climate roles from them alone, twelfth session); the same words next
    to one that means the climate still count."""
    car = ("The new model has carbon fibre panels and dual-zone climate control; the climate "
           "settings sit beside the navigation screen.")
    telescope = ("The telescope measured a fossil radiation field: light from the emission of "
                 "distant galaxies, carbon-rich dust included.")
    assert in_domains(car) == set() and in_domains(telescope) == set()
    assert in_domains(car + " Its makers say climate change shaped the design.") == {"CC"}
    assert in_domains("The COP28 climate summit opened; the climate was tense.") == {"CC"}
    assert in_domains("Carbon and fossil fuel firms fought the tax.") == {"CC"}


def _labeller(labels: list[str], p: float) -> LinearLabeller:
    n = len(labels)
    return LinearLabeller(labels, np.zeros((1, n), np.float32), np.zeros(n, np.float32),
                          np.ones(n, np.float32), np.zeros(n, np.float32),
                          np.full(n, p, np.float32))


def test_out_of_domain_articles_get_other() -> None:
    coarse = _labeller(["CC: Criticism of climate movement", "URW: Blaming the war on others",
                        "Other"], 0.3)
    fine = _labeller(["CC: Criticism of climate movement: Ad hominem attacks on key "
                      "activists", "URW: Blaming the war on others: The West are the "
                      "aggressors", "Other"], 0.3)
    pc = np.array([0.2, 0.9, 0.1])
    pf = np.array([0.1, 0.8, 0.1])
    assert [c.label for c in units.decode_narratives(pc, pf, coarse, fine)] == \
        ["URW: Blaming the war on others"]
    (other,) = units.decode_narratives(pc, pf, coarse, fine, allowed=set())
    assert other.label == "Other" and abs(other.score - 0.1) < 1e-6
    assert [c.label for c in units.decode_narratives(pc, pf, coarse, fine, {"CC"})] == \
        ["Other"]  # 0.2 is under the 0.3 threshold of the only allowed domain


def test_a_narrative_under_the_floor_is_not_shown_whatever_its_threshold() -> None:
    """Rare narratives have thresholds down to 0.05; shown at 0.1 they are wrong 19 times in
    20 out of fold. Under units.NARRATIVE_MIN_SCORE the article gets Other instead."""
    coarse = _labeller(["URW: Hidden plots", "URW: Praise of Russia", "Other"], 0.05)
    fine = _labeller(["URW: Hidden plots: Other", "URW: Praise of Russia: Other", "Other"], 0.05)
    pf = np.array([0.5, 0.5, 0.1])
    low = units.decode_narratives(np.array([0.12, 0.08, 0.1]), pf, coarse, fine, {"URW"})
    assert [c.label for c in low] == ["Other"]
    both = units.decode_narratives(np.array([0.12, units.NARRATIVE_MIN_SCORE, 0.1]), pf, coarse,
                                   fine, {"URW"})
    assert [c.label for c in both] == ["URW: Praise of Russia"]
    assert [c.label for c in units.decode_narratives(np.array([0.12, 0.08, 0.1]), pf, coarse,
                                                     fine, {"URW"}, min_score=0.0)] == \
        ["URW: Hidden plots", "URW: Praise of Russia"]


def _scorer(tmp_path: Path) -> SpanScorer:
    weights = np.zeros((BUCKETS, 1), np.float32)
    for word in ("outrageous", "obama"):
        weights[bucket(f"w:{word}"), 0] = 8.0
    scorer = SpanScorer(["Loaded_Language"], weights, np.array([-4.0], np.float32),
                        np.array([0.5], np.float32))
    scorer.save(tmp_path / "spans.npz")
    return SpanScorer.load(tmp_path / "spans.npz")


def test_spans_sit_on_loaded_words_never_on_a_bare_name(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path)
    text = "Critics said the outrageous plan by Obama failed, and Obama said no."
    names = [(m, m + 5) for m in (text.index("Obama"), text.rindex("Obama"))]
    spans = scorer.spans(text, 0, len(text), "Loaded_Language", names)
    assert [text[s:e] for s, e, _ in spans] == ["outrageous"]
    # a name the entity stage missed is still not a span when capitalised mid-sentence
    spans = scorer.spans(text, 0, len(text), "Loaded_Language", [])
    assert [text[s:e] for s, e, _ in spans] == ["outrageous"]
