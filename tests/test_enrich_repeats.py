"""A name the English model found once is a mention wherever the article writes it again
(``enrich.repeats``, thirty-third session, helper FR). Made-up text."""

from __future__ import annotations

from parallax.records import Mention


def _entities(text: str) -> list[tuple[str, str, str]]:
    from tests.test_enrich_quotes_fresh import enriched

    return [(m.text, m.type, m.canonical) for m in enriched(text).entities]


def test_a_name_missed_in_one_sentence_is_found_from_its_other_mentions() -> None:
    text = ("Anton Velde, the mayor of Port Ellin, has vowed to stay. Velde, who was a rower, said "
            "the harbour would hold. \"We will not leave,\" Velde said. The OECD opened an inquiry "
            "in March. Critics said the timid OECD did nothing for years.")
    found = _entities(text)
    # the model finds the second "Velde" and misses the third, after the quote
    assert found.count(("Velde", "PERSON", "Anton Velde")) == 2


def test_only_names_that_are_no_common_word_of_the_article_spread() -> None:
    from parallax.enrich.repeats import repeated_names

    text = "Ana Ortiz met Mark Young. Young voters were young once. Ortiz left. Ortiz-Lane stayed."
    mentions = [Mention("Ana Ortiz", 0, 9, "PERSON", "Ana Ortiz"),
                Mention("Mark Young", 14, 24, "PERSON", "Mark Young")]
    spread = repeated_names(mentions, text, lambda: {"voters", "were", "young", "once"})
    # "Young" is a word of the article: not spread; "Ortiz" is, but not into "Ortiz-Lane"
    assert [(m.text, m.start) for m in spread] == [("Ana Ortiz", 0), ("Mark Young", 14),
                                                   ("Ortiz", text.index("Ortiz left"))]


def test_occurrences_in_one_pass_are_those_a_pattern_per_name_finds() -> None:
    """The one-pass search (every name at once, so that an article of thousands of names costs
    milliseconds, not seconds) finds what ``re.finditer`` of each name's whole-word pattern
    finds: not inside a longer word or a hyphenated name, not overlapping itself."""
    import re

    from parallax.enrich.repeats import _occurrences

    text = ("Anna Anna Anna met O'Neill. Anna-Lise, Annabel and xAnna stayed; O'Neill's boat, "
            "New York New York, New York. Anna_b and Anna.")
    names = ["Anna Anna", "Anna", "O'Neill", "New York New York", "New York", "York", "Lise"]
    expected = {name: [m.start() for m in re.finditer(
        r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)] for name in names}
    found = _occurrences(names, text)
    assert {name: found.get(name, []) for name in names} == expected
    assert expected["Anna Anna"] == [0] and expected["Anna"][-1] == text.rindex("Anna")
