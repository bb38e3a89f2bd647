"""A site's legal links in English and German ("Privacy Policy", "Impressum") are footer only
as links: ending their line or meeting a separator. An article's sentence opening with the
same word stays in the article. All text is made up."""

from __future__ import annotations

import pytest

from parallax.segment.patterns import boilerplate_kind
from parallax.segment.textdump import segment_text

PARAGRAPHS = [
    "The city council voted on Tuesday to install forty new traffic cameras along the ring "
    "road, despite objections from residents' groups.",
    "Privacy groups have threatened to go to court.",
    "The council said footage would be deleted after thirty days, in a statement on Wednesday "
    "evening after the vote.",
    "The first cameras are due to go up in March.",
]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_a_sentence_opening_with_privacy_stays_in_the_article(sep: str) -> None:
    dump = sep.join(["News | Local", "Council approves traffic cameras", *PARAGRAPHS,
                     "Privacy Policy | Imprint | Contact"]) + "\n"
    seg = segment_text(dump)
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == PARAGRAPHS


@pytest.mark.parametrize("line", ["Privacy Policy", "Privacy policy | Terms of use", "Imprint",
                                  "Impressum: Beispiel GmbH", "Datenschutz", "privacy info",
                                  "Privacy & Security", "Privacy Policy > Contact us"])
def test_the_links_themselves_are_still_footer(line: str) -> None:
    assert boilerplate_kind(line) == "footer"


@pytest.mark.parametrize("line", ["Privacy groups have threatened to go to court.",
                                  "Imprints of the old press were found in the cellar.",
                                  "Datenschutzbeauftragte prüfen den Fall."])
def test_sentences_opening_with_the_words_are_not_footer(line: str) -> None:
    assert boilerplate_kind(line) != "footer"
