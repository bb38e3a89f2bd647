"""What readers saw wrong, round two (twenty-ninth session, helper RW2): a title's full stop
ending the sentence for the story page's marks, the moment an undated page was fetched,
copies linked by arrival instead of date, Portuguese place names read as people. Every text
is made up for these tests."""

from __future__ import annotations

from parallax.records import Article, Published


def _shown(text: str) -> list[str]:
    from parallax.stories.marks import shown_marks

    article = Article(id="a", role="main", outlet=None, published=Published(), title="",
                      text=text, language="en")
    return [token for _, token in shown_marks(article)]


def test_a_title_with_a_full_stop_does_not_end_the_sentence_for_the_shown_marks() -> None:
    """"Mrs. May" showed no mark at all on the story page: the full stop after the title
    ended the sentence, and a sentence's first word is capitalised by position. A title's
    full stop ends nothing; a real sentence end still does, and the index's marks (what
    stories are clustered on) are as they were."""
    from parallax.stories.marks import mark_tokens

    assert "May" in _shown("In the end Mrs. May met the envoy Brannick in Vell.")
    assert "May" in _shown("Mrs. May met the envoy Brannick in Vell.")
    assert _shown("The rector Prof. Kessler and Dr. Lund opened the dam at Vell.") == [
        "Prof", "Kessler", "Dr", "Lund", "Vell"]
    # a sentence's end is one: "Vell." then "Officials" is capitalised by position
    assert _shown("The envoy left Vell. Officials said the harbour will open in May.") == [
        "Vell"]
    article = Article(id="a", role="main", outlet=None, published=Published(), title="",
                      text="In the end Mrs. May met Dr. Lund in Vell.", language="en")
    assert [t for _, t in mark_tokens(article)] == ["Mrs", "Dr", "Vell"]
