"""Entity rows of a wrong shape that a reader saw on real news (twenty-fourth session, helper
E): a rank kept in a person's row, an owner's possessive before another name, a quotation's
mark inside a span, a law as a body, a postal code after a town, a given name alone beside the
full name, the House in two rows, a surname typed a place after "from". Made-up text.
"""

from __future__ import annotations

from parallax.enrich.common_words import CommonWords
from parallax.enrich.mention_links import join_rows
from parallax.enrich.ner import make_multilingual
from parallax.enrich.ner_titles import laws, owners_of_names, quotation_marks, titles_in_names
from parallax.enrich.ner_types import surnames_typed_places
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Mention, Published
from parallax.settings import Config


def entities(text: str) -> list[tuple[str, str, str]]:
    a = Article(id="x", role="main", title="", outlet=None, published=Published(),
                text=text, language="en")
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return [(m.text, m.type, m.canonical) for m in a.entities]


def plain(name: str, etype: str) -> tuple[str, str]:
    return name, etype


def mention(text: str, name: str, etype: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(name, start, start + len(name), etype, name)


def test_a_rank_before_a_surname_is_no_part_of_the_person_s_row() -> None:
    found = entities("The letter reached Cardinal Vellani on Monday. Vellani said he would "
                     "answer it within a week.")
    assert {(t, c) for t, _, c in found} == {("Vellani", "Vellani")}
    found = entities("Earlier, Archbishop Tomasz Dorwick met the mayor. Dorwick later left.")
    assert ("Tomasz Dorwick", "PERSON", "Tomasz Dorwick") in found
    assert not any("Archbishop" in c for _, _, c in found)


def test_a_rank_is_kept_where_it_is_part_of_a_name_or_of_a_body() -> None:
    text = "Pope Caelin and the site Bishop Ledger."
    kept = [mention(text, "Pope Caelin", "PERSON"), mention(text, "Bishop Ledger", "ORG")]
    assert titles_in_names(list(kept), {}, plain) == kept
    body = mention("Bishop Anselm Varek", "Bishop Anselm Varek", "ORG")
    assert [(m.text, m.type) for m in titles_in_names([body], {}, plain)] == [
        ("Anselm Varek", "PERSON")]


def test_an_owner_before_a_name_of_its_own_gives_way_to_that_name() -> None:
    found = entities("Investors in Kestrel Holdings were told that Ward’s Kestrel Holdings "
                     "fund had closed.")
    assert [c for _, _, c in found] == ["Kestrel Holdings", "Kestrel Holdings"]
    text = "The Harbor Ledger’s Marcus Brightwater wrote it. Harbor Ledger sold out."
    found_m = owners_of_names([mention(text, "Harbor Ledger’s Marcus Brightwater", "GPE"),
                               mention(text, "Harbor Ledger", "ORG", 1)], text, plain)
    assert [(m.text, m.type) for m in found_m][:2] == [("Harbor Ledger", "ORG"),
                                                       ("Marcus Brightwater", "PERSON")]


def test_a_possessive_inside_a_body_s_own_name_stays_whole() -> None:
    text = "The Kestrel Institute’s Center for Tide Studies and the Counsel’s Office met."
    kept = [mention(text, "Kestrel Institute’s Center for Tide Studies", "ORG"),
            mention(text, "Counsel’s Office", "ORG")]
    assert owners_of_names(list(kept), text, plain) == kept


def test_a_span_running_into_or_out_of_a_quotation_is_cut_at_the_mark() -> None:
    found = entities("Critics said the plan did not fit Trump’s “Harbor first” agenda, and "
                     "Trump did not reply.")
    assert [c for _, _, c in found] == ["Donald Trump", "Donald Trump"]
    text = "See the review of “Tides and Storm”—Ida Velnor’s book, and Ida “Red” Velnor."
    cut = quotation_marks([mention(text, "Storm”—Ida Velnor", "PERSON"),
                           mention(text, "Ida “Red” Velnor", "PERSON"),
                           mention(text, "“Tides and Storm", "ORG")], plain)
    assert [m.text for m in cut] == ["Ida Velnor", "Ida “Red” Velnor"]


def test_a_law_is_no_row() -> None:
    text = "The Ninth Amendment, SB 2211, the Harbor Act and the Harbor Act Coalition."
    found = [mention(text, "Ninth Amendment", "PERSON"), mention(text, "SB 2211", "EVENT"),
             mention(text, "Harbor Act", "ORG"), mention(text, "Harbor Act Coalition", "ORG")]
    assert [m.text for m in laws(found)] == ["Harbor Act Coalition"]


def test_a_postal_code_after_a_town_is_the_state() -> None:
    found = entities("DALLAS, TX — Protesters gathered downtown. Texas officials said the "
                     "square would reopen.")
    assert ("TX", "GPE", "Texas") in found


def test_a_given_name_alone_is_the_article_s_one_person_of_that_name() -> None:
    found = entities("Marla Quenby said the council had ignored her. Marla added that she "
                     "would appeal.")
    assert [c for _, _, c in found] == ["Marla Quenby", "Marla Quenby"]
    text = "Marla Quenby and Marla Doss met. Marla left. Hollin Police and Hollin."
    two = [mention(text, "Marla Quenby", "PERSON"), mention(text, "Marla Doss", "PERSON"),
           mention(text, "Marla", "PERSON", 2), mention(text, "Hollin Police", "PERSON"),
           mention(text, "Hollin", "PERSON", 1)]
    join_rows(two, text, {})
    assert [m.canonical for m in two] == ["Marla Quenby", "Marla Doss", "Marla",
                                          "Hollin Police", "Hollin"]


def test_the_house_alone_beside_its_full_name_is_one_row() -> None:
    found = entities("The House of Representatives met at noon. The House then voted on the "
                     "bill, and House leaders left.")
    assert {c for _, _, c in found} == {"House"}


def test_a_surname_typed_a_place_after_from_is_the_person() -> None:
    text = "Officials spoke separately from Velnor. Ida Velnor said the report was late."
    found = [mention(text, "Velnor", "GPE"), mention(text, "Ida Velnor", "PERSON")]
    surnames_typed_places(found, text, {})
    assert found[0].type == "PERSON"
    text = "The ferry sails in Velnor. Ida Velnor said the report was late."
    place = [mention(text, "Velnor", "GPE"), mention(text, "Ida Velnor", "PERSON")]
    surnames_typed_places(place, text, {})
    assert place[0].type == "GPE"


def test_a_title_alone_and_an_ideology_are_no_rows() -> None:
    text = "The Nuncio said it. Msgr. Tovani agreed. The Justice of it all."
    found = titles_in_names([mention(text, "Nuncio", "PERSON"), mention(text, "Msgr", "GPE"),
                             mention(text, "Justice", "ORG")], {}, plain)
    assert [m.text for m in found] == ["Justice"]
    text = "Critics of Vellanism met in Harlow."
    common = CommonWords(text)
    assert common.not_a_name(mention(text, "Vellanism", "GPE"))
    assert not common.not_a_name(mention(text, "Harlow", "GPE"))


def test_a_surname_after_mr_is_never_taken_for_a_given_name() -> None:
    text = "Harlan Vetch Ready to Sail. Mr. Harlan said the ferry was late."
    found = [mention(text, "Harlan Vetch Ready", "PERSON"), mention(text, "Harlan", "PERSON", 1)]
    join_rows(found, text, {})
    assert [m.canonical for m in found] == ["Harlan Vetch Ready", "Harlan"]


def test_a_given_name_after_a_title_and_before_the_surname_still_joins() -> None:
    text = "Rep. Marla Quenby spoke. Marla left early."
    found = [mention(text, "Marla Quenby", "PERSON"), mention(text, "Marla", "PERSON", 1)]
    join_rows(found, text, {})
    assert [m.canonical for m in found] == ["Marla Quenby", "Marla Quenby"]
