"""Claim alignment across languages and contradiction cues (compare/claims, contradiction)."""

from __future__ import annotations

import copy
from pathlib import Path

from parallax.compare.contradiction import conflict, facts, name_vocabulary, numbers_of
from parallax.compare.evaluate import score_pairs
from parallax.pipeline import build_comparer
from parallax.records import Article, Claim, Mention, Published, Story
from parallax.settings import Config

CLAIM_PAIRS = Path(__file__).resolve().parent / "data" / "claim_pairs" / "pairs.jsonl"
# Floors only go up; measured values are in docs/stories.md.
ALIGNMENT_F1_FLOOR = 0.90
CONTRADICTION_PRECISION_FLOOR = 0.92
CONTRADICTION_RECALL_FLOOR = 0.52

VOCAB = name_vocabulary(["Kaldora", "Tarvia", "Merrinland", "Semyr", "Ludmila Hrabal",
                         "Pavel Drosk"])


def test_claim_pair_quality_gate() -> None:
    result = score_pairs(CLAIM_PAIRS)
    assert result["pairs"] >= 120 and result["cross_lingual"] >= 50
    assert result["alignment"]["f1"] >= ALIGNMENT_F1_FLOOR, result
    detector = result["contradiction_given_alignment"]
    assert detector["precision"] >= CONTRADICTION_PRECISION_FLOOR, result
    assert detector["recall"] >= CONTRADICTION_RECALL_FLOOR, result


def test_numbers_ignore_years_dates_and_separators() -> None:
    assert numbers_of("On 12 May 2026 about 12,000 people left; 5,1 % more") == {
        (12000.0, "~"), (5.1, "=")}
    assert numbers_of("Am 12. Mai wurden 12.000 Menschen gegen vier Uhr evakuiert") == {
        (12000.0, "=")}
    assert numbers_of("Fifty-eight percent voted at 4.12 a.m.") == frozenset()
    assert numbers_of("четырёх человек и 12 тысяч") == {(4.0, "="), (12000.0, "="), (12.0, "=")}
    assert numbers_of("LENSKOW, Oct 21 (CPA) - at least 38 dead") == {(38.0, ">=")}


def test_each_cue_fires_and_agreement_does_not() -> None:
    def cue(a: str, b: str) -> str | None:
        return conflict(facts(a, VOCAB), facts(b, VOCAB))

    assert cue("38 people died in the flood.", "Beim Hochwasser starben 9 Menschen.") == "numbers"
    assert cue("At least 38 people died.", "Es starben 41 Menschen.") is None
    assert cue("About 300 prisoners will be freed.", "Rund 310 Gefangene kommen frei.") is None
    assert cue("12,000 were evacuated.", "Двенадцать тысяч эвакуировали.") is None
    assert cue("Gas prices rose sharply.", "Die Gaspreise sind deutlich gefallen.") == "antonym"
    assert cue("Gas prices rose sharply.", "Gas prices did not fall.") is None
    assert cue("Kaldora agreed to the deal.", "Калдора не согласилась на сделку.") == "antonym"
    assert cue("Tarvia sent troops.", "Tarvia did not send troops.") == "negation"
    assert cue("The sentence against Semyr was handed down by judge Ludmila Hrabal.",
               "Das Urteil gegen Semyr verkündete Richter Pavel Drosk.") == "attribution"
    assert cue("Judge Ludmila Hrabal sentenced Semyr to seven years.",
               "Судья Людмила Грабал приговорила Семыра к семи годам.") is None


def _article(aid: str, outlet: str, language: str, text: str, claim: str) -> Article:
    start = text.index(claim)
    return Article(id=aid, role="main", title=aid, outlet=outlet,
                   published=Published(iso="2026-03-02"), text=text, language=language,
                   entities=[Mention("Kaldora", text.find("Kald"), text.find("Kald") + 7, "GPE",
                                     "Kaldora")] if "Kald" in text else [],
                   claims=[Claim(claim, start, start + len(claim), None, 0.9)])


def test_claims_align_across_languages_and_contradictions_are_marked() -> None:
    de = "Bei dem Dammbruch in Kaldora starben nach Behördenangaben 38 Menschen."
    ru = "При прорыве плотины в Калдоре погибли девять человек, сообщили власти."
    en = "The dam break in Kaldora killed 38 people, officials said."
    other = "The Kaldora central bank raised its key rate to 4 percent on Monday."
    articles = [_article("d", "Rundschau", "de", de, de), _article("r", "Vestnik", "ru", ru, ru),
                _article("e", "Ledger", "en", en, en), _article("o", "Ledger", "en", other, other)]
    result = build_comparer(Config()).compare(Story("s", "t", [a.id for a in articles]),
                                              articles, [])
    clusters = result["claims"]["clusters"]
    (dam,) = [c for c in clusters if len(c["members"]) == 3]
    assert dam["status"] == "contested"
    assert dam["positions"]["Vestnik"] == "contradicts"
    assert dam["contradiction_cues"] == {"Vestnik": "numbers"}
    assert {dam["positions"]["Rundschau"], dam["positions"]["Ledger"]} == {"asserts"}
    (bank,) = [c for c in clusters if len(c["members"]) == 1]
    assert bank["status"] == "exclusive" and bank["members"][0]["article_id"] == "o"


def test_ten_thousand_articles_in_one_story_are_compared_in_bounded_time() -> None:
    text = ("Officials said 38 people died when the dam in Kaldora broke on Monday. "
            "Kaldora promised an inquiry into the collapse of the old dam.")
    claim = text.split(". ")[0] + "."
    base = _article("x", "Outlet", "en", text, claim)
    articles = []
    for i in range(10_000):
        article = copy.copy(base)
        article.id, article.outlet = f"a{i}", f"Outlet {i % 40}"
        article.published = Published(iso=f"2026-03-{1 + i % 28:02d}")
        articles.append(article)
    result = build_comparer(Config()).compare(Story("big", "t", [a.id for a in articles]),
                                              articles, [])
    sampled = result["claims"]["sampled"]
    assert sampled["of"] == 10_000 and sampled["articles"] <= 120
    assert len(result["outlets"]) == 40
    shared = result["claims"]["clusters"][0]
    assert shared["status"] == "shared" and set(shared["positions"].values()) == {"asserts"}
