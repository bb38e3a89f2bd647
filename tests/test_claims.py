"""Claim alignment across languages and contradiction cues (compare/claims, contradiction).
The sentences are written for these tests; public figures appear by name only."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from tests.requirements import shared_path

from parallax.compare.alignment import same_fact, wording
from parallax.compare.contradiction import (
    conflict,
    conflict_values,
    facts,
    name_vocabulary,
    numbers_of,
    quantities,
)
from parallax.compare.evaluate import score_pairs
from parallax.compare.judged import (
    compare_event,
    is_tune_event,
    load_events,
    read_judged,
    score_comparisons,
)
from parallax.enrich.claims import source_phrase
from parallax.pipeline import build_comparer
from parallax.records import Article, Claim, Mention, Published, Story
from parallax.settings import Config

DATA = Path(__file__).resolve().parent / "data" / "claim_pairs"
CLAIM_PAIRS = DATA / "pairs.jsonl"
JUDGED = DATA / "basil_judged.jsonl"
# Floors only go up; measured values are in docs/claims.md. The fictional pairs were written
# with the cues the old cosine-only alignment looked for; requiring shared wording for
# same-language pairs (real news: shared precision 0.27 -> 0.86) cost alignment recall there,
# so their floors were reset to the 2026-12-04 measurement (docs/claims.md says so).
ALIGNMENT_F1_FLOOR = 0.77
CONTRADICTION_PRECISION_FLOOR = 0.92
CONTRADICTION_RECALL_FLOOR = 0.50
# judged real news (basil-tune, held-out events): the targets
SHARED_PRECISION_FLOOR = 0.85
CONTESTED_PRECISION_FLOOR = 0.80
CONTESTED_RECALL_FLOOR = 0.40
MIN_SHARED_CLUSTERS = 15

VOCAB = name_vocabulary(["Kaldora", "Tarvia", "Merrinland", "Semyr", "Ludmila Hrabal",
                         "Pavel Drosk"])


def test_claim_pair_quality_gate() -> None:
    result = score_pairs(CLAIM_PAIRS)
    assert result["pairs"] >= 120 and result["cross_lingual"] >= 50
    assert result["alignment"]["f1"] >= ALIGNMENT_F1_FLOOR, result
    detector = result["contradiction_given_alignment"]
    assert detector["precision"] >= CONTRADICTION_PRECISION_FLOOR, result
    assert detector["recall"] >= CONTRADICTION_RECALL_FLOOR, result


def test_judged_real_news_gate(tmp_path: Path) -> None:
    """End to end on the held-out events of basil-tune: ingest (the real pipeline finds
    sentences, entities and claims), compare each gold event, score against the judged pairs."""
    dataset = shared_path("datasets/stories/basil-tune.jsonl")
    held_out = tmp_path / "held_out.jsonl"
    held_out.write_text("".join(
        line + "\n" for line in dataset.read_text(encoding="utf-8").splitlines()
        if line.strip() and not is_tune_event(json.loads(line)["event"])), encoding="utf-8")
    config = Config()
    events = load_events(held_out, tmp_path / "basil.db", config)
    assert len(events) == 17 and all(len(e.articles) == 3 for e in events)
    result = score_comparisons({e.event: compare_event(e, config) for e in events},
                               read_judged(JUDGED))
    shared, contested = result["shared"], result["contested"]
    assert shared["correct"] + shared["wrong"] >= MIN_SHARED_CLUSTERS, result
    assert shared["precision"] >= SHARED_PRECISION_FLOOR, result
    assert shared["unjudged"] <= 0.2 * (shared["correct"] + shared["wrong"]), result
    assert contested["precision"] is not None, result
    assert contested["precision"] >= CONTESTED_PRECISION_FLOOR, result
    assert contested["recall"] >= CONTESTED_RECALL_FLOOR, result


def test_judged_set_commits_no_text() -> None:
    rows = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300
    assert {r["label"] for r in rows} <= {"same", "related", "different", "conflicting"}
    for r in rows:
        assert set(r) == {"event", "outlet_a", "key_a", "outlet_b", "key_b", "label"}
        assert len(r["key_a"]) == len(r["key_b"]) == 12


def test_same_fact_needs_shared_wording_not_only_topic() -> None:
    def same(a: str, b: str, cosine: float, who_a: str | None = None,
             who_b: str | None = None) -> bool:
        return same_fact(wording(a, who_a, "en"), wording(b, who_b, "en"), cosine)

    # one statement, paraphrased
    assert same("Council Majority Leader Ana Ruiz said she will not take up any budget "
                "to reopen the ferry line that the mayor has not endorsed.",
                "Ruiz said she had no intention of putting budgets for the ferry line "
                "to the council if the mayor would not endorse them.", 0.71)
    # same people and topic, a different statement
    assert not same("The mayor has said the $40 million she wants for the sea wall cannot be "
                    "negotiated.",
                    "The mayor promised during her campaign that the province would pay for the "
                    "sea wall.", 0.70)
    # two speakers saying similar things are different voices
    assert not same("The charter is plain and you cannot end the right of residence with a "
                    "decree, Ruiz said.",
                    "The governor cannot erase the charter's residence guarantee with a decree, "
                    "said Lena Moen.", 0.71, "Ana Ruiz", "Lena Moen")
    # near-verbatim passes on the cosine
    assert same("a", "b", 0.95)


def test_numbers_conflict_only_when_they_count_the_same_thing() -> None:
    def cue(a: str, b: str) -> str | None:
        return conflict(facts(a, set(), "en"), facts(b, set(), "en"))

    assert quantities("Democrats picked up just six seats and hold 194 seats.") == {
        "seat": frozenset({(6.0, "="), (194.0, "=")})}
    # different quantities that share a number or a "$" are not a conflict...
    assert cue("The Constitution has been amended 27 times.",
               "The reading was new to the chamber in all its 221-year history.") is None
    assert cue("Trump demands $5 billion for the wall.",
               "Trump is insisting on $5.7 billion for the wall.") is None  # rounding
    # ...the same quantity with other values is
    assert cue("Trump demands $5.7 billion for the wall.",
               "Trump demands $2.5 billion for the wall.") == "numbers"
    assert cue("Ruiz has led the Harbour Greens since 2002.",
               "Ruiz has led the Harbour Greens since 2003.") == "year"
    assert cue("He was first elected in 2006 and again in 2010.",
               "He was first elected in 2006.") is None
    a, b = (facts("The dam break killed 38 people, officials said.", set(), "en"),
            facts("The dam break killed nine people.", set(), "en"))
    assert conflict_values(a, b, "numbers") == ("38 people", "nine people")
    # a negation of another word is no negation of the claim
    assert cue("We want the mayor to open up the ferry line. So why will she not do it?",
               "We want the mayor to open the ferry line.") is None
    assert cue("Failure to pass the budget would raise the risk of a second slump.",
               "To pass the budget would raise the risk of a second slump.") == "negation"


def test_claim_source_is_a_named_person_or_organisation_in_full() -> None:
    assert source_phrase("The DNC Communications Director said the party would fight.",
                         "DNC Communications", [], set()) == "The DNC Communications Director"
    assert source_phrase("Obama's decision on troops in Afghanistan was criticised.",
                         "Afghanistan", [], {"afghanistan"}) is None
    assert source_phrase("Lena Hart, Governor Tom Ruiz's chief economic adviser, "
                         "said the plan will be ruinous.", "Ruiz", [], set()) == (
        "Governor Tom Ruiz's chief economic adviser")
    assert source_phrase("Trump's decision was criticised, officials said.", "Trump", [],
                         set()) is None
    assert source_phrase("“I feel badly for him,” he said.", "Donald Trump", [], set()) is None


def test_claims_stage_names_the_speaker_not_a_place_or_a_right() -> None:
    from parallax.enrich.claims import make_claims
    from parallax.records import Sentence

    def attribution(text: str, mentions: list[tuple[str, str]]) -> str | None:
        entities = [Mention(t, text.index(t), text.index(t) + len(t), kind, t)
                    for t, kind in mentions]
        article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                          text=text, language="en", sentences=[Sentence(0, len(text))],
                          entities=entities)
        make_claims(Config()).annotate(article)
        return article.claims[0].attribution if article.claims else "no claim"

    assert attribution("Lena Hart, a Colorado lawyer who drafted Measure 12, said the "
                       "suit by two towns is 20 times weaker than claimed.",
                       [("Lena Hart", "PERSON"), ("Colorado", "GPE")]) == "Lena Hart"
    assert attribution("Citing the Fifth Amendment right to stay silent, the "
                       "former adviser turned down 12 subpoenas on Monday.", []) is None
    assert attribution("According to the Red Cross, 38 people died in the flood on Monday.",
                       [("Red Cross", "ORG")]) == "the Red Cross"


def test_numbers_ignore_years_dates_and_separators() -> None:
    assert numbers_of("On 12 May 2026 about 12,000 people left; 5,1 % more") == {
        (12000.0, "~"), (5.1, ".")}  # ".": exact, one digit and decimals (may be shortened)
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


def _claims_article(aid: str, outlet: str, sentences: list[str],
                    attributions: list[str | None] | None = None) -> Article:
    text = " ".join(sentences)
    claims = []
    for i, sentence in enumerate(sentences):
        start = text.index(sentence)
        who = attributions[i] if attributions else None
        claims.append(Claim(sentence, start, start + len(sentence), who, 0.9))
    return Article(id=aid, role="main", title=aid, outlet=outlet,
                   published=Published(iso="2026-03-02"), text=text, language="en",
                   claims=claims)


def test_real_news_shapes_shared_first_conflict_in_one_line_and_voices_apart() -> None:
    quote = "“We want the mayor to open the ferry line,” Moen said on Wednesday."
    articles = [
        _claims_article("a", "Ledger", [
            quote, "Ruiz has led the Harbour Greens since 2002, her office said.",
            "The Port Ellery dockworkers went on strike over automation plans."]),
        _claims_article("b", "Courier", [
            quote.replace("Wednesday", "Wednesday afternoon"),
            "Ruiz has led the Harbour Greens since 2003, her office said.",
            "The charter is pretty clear and you cannot change it with a governor's decree."],
            [None, None, "Omar Jadwat"]),
        _claims_article("c", "Herald", [
            "The charter's guarantee is clear: no decree from the governor can end the "
            "right of residence.",
            "Ticket prices at the stadium rose by 4 percent this season."],
            ["Paul Ryan", None]),
    ]
    result = build_comparer(Config()).compare(Story("s", "t", [a.id for a in articles]),
                                              articles, [])
    clusters = result["claims"]["clusters"]
    first = clusters[0]
    assert first["status"] == "shared" and "the mayor to open" in first["text"]
    (contested,) = [c for c in clusters if c["status"] == "contested"]
    assert contested["conflict"]["summary"] == "Ledger: since 2002 · Courier: since 2003"
    # two speakers saying much the same are two voices, not a shared fact
    assert not any(len(c["members"]) > 1 and "charter" in c["text"] for c in clusters)
    # nothing conflicts in a story without a real disagreement
    calm = build_comparer(Config()).compare(Story("q", "t", ["a", "c"]),
                                            [articles[0], articles[2]], [])
    assert calm["claims"]["contested"] == []


def test_articles_without_outlet_are_not_merged_into_one_outlet() -> None:
    """Two pasted pages whose outlets nobody knows are two sources, not one."""
    text = "The dam in Kaldora holds 40 million cubic metres of water, officials said."
    claim = "The dam in Kaldora holds 40 million cubic metres of water"
    first, second = _article("p", "x", "en", text, claim), _article("q", "x", "en", text, claim)
    first.outlet, first.input = None, "dumps/first.txt"
    second.outlet, second.input = None, "dumps/second.txt"
    fed = _article("f", "x", "en", text, claim)
    fed.outlet, fed.url, fed.input = None, "https://www.example.org/dam", "feed.xml#item-2"
    result = build_comparer(Config()).compare(Story("s", "t", ["p", "q", "f"]),
                                              [first, second, fed], [])
    assert [o["outlet"] for o in result["outlets"]] == [
        "Unknown outlet (example.org)", "Unknown outlet (first.txt)",
        "Unknown outlet (second.txt)"]
    (shared,) = result["claims"]["clusters"]
    assert shared["status"] == "shared" and len(shared["positions"]) == 3


def _claim_of_one_sentence(text: str, mentions: list[tuple[str, str]],
                           speaker: str | None = None) -> Claim | None:
    """The claim the claims stage makes of a one-sentence English article whose ``mentions``
    (text, type) it was given, with a quote by ``speaker`` over the whole sentence."""
    from parallax.enrich.claims import make_claims
    from parallax.records import Quote, Sentence

    entities = [Mention(t, text.index(t), text.index(t) + len(t), kind, t)
                for t, kind in mentions]
    quotes = [Quote(text, 0, len(text), speaker, "said", False)] if speaker else []
    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", sentences=[Sentence(0, len(text))],
                      entities=entities, quotes=quotes)
    make_claims(Config()).annotate(article)
    return article.claims[0] if article.claims else None


def _attribution_of_one_sentence(text: str, mentions: list[tuple[str, str]],
                                 speaker: str | None = None) -> str | None:
    found = _claim_of_one_sentence(text, mentions, speaker)
    assert found is not None, "the sentence stays a claim"
    return found.attribution


def test_claim_source_is_never_a_pronoun_a_word_fragment_or_a_name_the_verb_does_not_govern(
) -> None:
    """Wrong sources the claims stage showed on real news, in made-up sentences: a pronoun,
    "der" cut from "founder", "cia" found inside "officials", a person named after the verb
    while another name is its subject, a name before "who he said"."""
    attribution = _attribution_of_one_sentence

    assert attribution("He said the new bridge over the Vell river cost 40 million dollars.",
                       [], "Ana Lund") is None
    assert attribution("It said 12 wards of the clinic in Orvik would close on Monday.", [],
                       "Orvik Clinic") is None
    assert attribution("Harbour club founder Ana Lund said 300 boats were moored on Monday.",
                       [("Ana Lund", "PERSON")]) == "Ana Lund"
    assert attribution("Senior staff officials relayed that some CIA officials met the 12 "
                       "envoys.", [("CIA", "ORG")], "CIA") == "CIA officials"
    assert attribution("Lund said she doubts that the board would grant Berg 30 more days.",
                       [("Berg", "PERSON")], "Ben Berg") is None
    assert attribution("She also criticised Cy Holm, who she said “lost 40 votes in 2020.”",
                       [("Cy Holm", "PERSON")], "Cy Holm") is None
    assert attribution("Ana Lund, Ben Berg and Cy Holm said 40 boats sank in the storm.",
                       [("Ben Berg", "PERSON")]) == "Ben Berg"
    assert attribution("Port officials on Wednesday said 40 boats sank in the storm.", [],
                       "port officials") == "Port officials"
    assert attribution("Ana Lund, a harbour guide, showed 40 pupils the docks, when she said "
                       "the quay was 300 years old.", [("Ana Lund", "PERSON")]) == "Ana Lund"
    assert attribution("The leaders of the Vell Harbour Board committee said 40 boats sank.",
                       [("Vell Harbour Board", "ORG")]) is None
    assert attribution("Ana Lund's lawyer Ben Berg said 40 boats sank.",
                       [("Ana Lund", "PERSON")]) == "Ben Berg"


def test_claim_source_is_the_speaker_not_a_word_inside_a_word_a_reason_or_whom_he_speaks_for(
) -> None:
    """Wrong sources left after the fifteenth session's first fix, in made-up sentences: "citing"
    read inside "reciting", a "citing" clause that names a reason, and the principal of "Ben
    Berg, a spokesman for Ana Lund, said" given as the speaker."""
    claim, attribution = _claim_of_one_sentence, _attribution_of_one_sentence

    # "reciting" is no "citing": no source, and no bonus for reported words either
    assert claim("The choir kept reciting old hymns after the dam collapsed in the valley.",
                 []) is None
    assert attribution("The choir kept reciting old hymns in 12 towns of the Vell valley.",
                       []) is None
    assert attribution("The port closed 12 of its 40 docks on Monday, citing budget pressures.",
                       []) is None
    assert attribution("The port closed 12 of its 40 docks on Monday, citing Lund's audit.",
                       [("Lund", "PERSON")]) is None
    assert attribution("The port closed 12 of its 40 docks, citing two officials at the board.",
                       []) == "two officials at the board"
    assert attribution("Ben Berg, a spokesman for Senator Ana Lund, said 40 boats sank on "
                       "Monday.", [("Ben Berg", "PERSON"), ("Ana Lund", "PERSON")]) == "Ben Berg"
    assert attribution("Ben Berg, spokesman for Senator Ana Lund (Vell), said 40 boats sank.",
                       [("Ana Lund", "PERSON")], "Ana Lund") == "Ben Berg"
    assert attribution("Cy Holm, who was a clerk under the Ana Lund board, told reporters 40 "
                       "boats sank.", [("Cy Holm", "PERSON"), ("Ana Lund", "PERSON")]) == "Cy Holm"
    assert attribution("Forty boats sank on Monday, a spokeswoman for the Vell Harbour Board "
                       "confirmed.", [("Vell Harbour Board", "ORG")]) == (
        "a spokeswoman for the Vell Harbour Board")
    assert attribution("“No boat may enter,” said the chief aide to Ana Lund, Ben Berg.",
                       [("Ana Lund", "PERSON")], "Ana Lund") == "Ben Berg"


def test_source_after_according_to_ends_with_its_noun_phrase_not_at_a_full_stop_or_comma(
) -> None:
    """Sources cut or run on by the words after "according to" / "laut" (fifteenth session,
    helper Q3), in made-up sentences: an abbreviation's full stop is no end, a relative pronoun
    or a rule things go by is no source (a poll is one), and a German source ends where its
    noun phrase ends, not at the next comma."""
    attribution = _attribution_of_one_sentence

    assert attribution("Forty boats sank on Monday, according to a U.S. official at the port.",
                       []) == "a U.S. official at the port"
    assert attribution("Two ferries ran late on Monday, according to harbour master J. R. Lund.",
                       []) == "harbour master J. R. Lund"
    assert attribution("Forty boats sank in 2020, according to Dr. Ana Lund of Vell Corp.",
                       []) == "Dr. Ana Lund of Vell Corp."
    assert attribution("Forty boats may dock at the pier, according to the terms of the 2019 "
                       "lease.", []) is None
    assert attribution("The board backed the view according to which 40 boats may dock.",
                       []) is None
    assert attribution("Forty boats sank, according to a poll of 300 harbour workers.",
                       []) == "a poll of 300 harbour workers"
    assert attribution("Forty boats sank, according to Bill Kaplan, who runs the port.",
                       []) == "Bill Kaplan"  # a name, not a bill or a plan
    assert attribution("Forty boats may dock, according to the bill's sponsors in the senate.",
                       []) == "the bill's sponsors in the senate"
    assert attribution("Der Bau am Kai dauert laut Sprecherin Ana Lund noch 12 Jahre, sagt sie.",
                       []) == "Sprecherin Ana Lund"
    assert attribution("Nach Angaben der staatlichen Hafenbehörde sanken 40 Boote im Sturm.",
                       []) == "der staatlichen Hafenbehörde"
    assert attribution("Laut Hafengesetz dürfen 40 Boote am Kai der Stadt Vell liegen.",
                       []) is None


def test_russian_source_after_po_slovam_ends_with_its_noun_phrase_not_at_the_next_comma(
) -> None:
    """Russian sources ran on to the next comma (fifteenth session, helper Q4), in made-up
    sentences: a participle clause, a date or an "interview" phrase after the source is not
    part of it, a time word right after "сообщает" is no source (the source after it is, the
    seventeenth session), and a long genitive chain or an initial stays whole."""
    attribution = _attribution_of_one_sentence

    assert attribution("В порту затонули 40 лодок, по словам министра финансов заявившего "
                       "журналистам в понедельник.", []) == "министра финансов"
    assert attribution("В порту Вела затонули 40 лодок, сообщает агентство Вестник 3 мая.",
                       []) == "агентство Вестник"
    assert attribution("По данным главы портовой службы Ивана Лунева в интервью газете Вестник, "
                       "затонули 40 лодок.", []) == "главы портовой службы Ивана Лунева"
    # seventeenth session: the time between the cue and the source is passed over (it was
    # None); a time word with no source after it still names no one
    assert attribution("В порту затонули 40 лодок, сообщает сегодня, 3 мая, пресс-служба "
                       "порта.", []) == "пресс-служба порта"
    assert attribution("В порту затонули 40 лодок, сообщает в пятницу, пресс-служба порта.",
                       []) == "пресс-служба порта"
    assert attribution("Как сообщает сегодня, в порту затонули 40 лодок.", []) is None
    assert attribution("По словам бывшего главы правящей партии А. Лунева, затонули 40 лодок.",
                       []) == "бывшего главы правящей партии А. Лунева"
    assert attribution("В порту затонули 40 лодок, как сообщает РИА «Вестник».",
                       []) == "РИА «Вестник»"


def test_a_german_statement_signed_with_so_names_its_source() -> None:
    """Sixteenth session (helper Q5): German signs a reported statement with "so" and its
    source at the sentence's end; the claims stage showed no source (made-up sentences)."""
    from parallax.enrich.claims import make_claims
    from parallax.records import Sentence

    def attribution(text: str) -> str | None:
        article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                          text=text, language="de", sentences=[Sentence(0, len(text))])
        make_claims(Config()).annotate(article)
        assert article.claims, "the sentence stays a claim"
        return article.claims[0].attribution

    assert attribution("Der Umsatz des Hafens ist im Jahr 2025 um zwölf Prozent gesunken, so "
                       "die Hafenbehörde.") == "die Hafenbehörde"
    assert attribution("Im Hafen von Velden sind 40 Boote gesunken, so Ana Lundberg.") == (
        "Ana Lundberg")
    assert attribution("Im Hafen von Velden sind 40 Boote gesunken, so dass der Kai gesperrt "
                       "wurde.") is None


def test_a_sentence_an_article_prints_twice_is_one_exclusive_fact() -> None:
    """A pull quote repeats a sentence of the text: the outlet's exclusive fact is shown once."""
    repeated = "The Harbour Greens will close the old ferry pier on 3 May."
    a = _claims_article("a", "Ledger", [repeated, "Ruiz said the repairs cost 4 million.",
                                        repeated])
    b = _claims_article("b", "Courier", ["Ticket prices at the stadium rose by 4 percent."])
    result = build_comparer(Config()).compare(Story("s", "t", ["a", "b"]), [a, b], [])
    texts = [c["text"].casefold() for c in result["claims"]["clusters"]]
    assert texts.count(repeated.casefold()) == 1, texts
