"""Bugs found reviewing the eighteenth session's changes (helper R); made-up input only."""

from __future__ import annotations

from parallax.ingest.url import redacted
from parallax.records import Article, Published
from parallax.settings import Config


def test_a_password_holding_an_at_sign_is_redacted_whole() -> None:
    # urlsplit takes the authority's last "@" as the end of the user info, so the host here
    # is the news site and the password is "se@cret": no part of it may be echoed or stored
    shown = redacted("http://alice:se@cret@news.example/today")
    assert "cret" not in shown and "alice" not in shown, shown
    assert shown.endswith("@news.example/today"), shown


def _german_entities(text: str) -> dict[str, tuple[str, str]]:
    from parallax.enrich.ner import make_multilingual
    from parallax.enrich.sentences import split_sentences

    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language="de")
    article.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(article)
    return {m.text: (m.type, m.canonical) for m in article.entities if m.type != "DATE"}


def test_a_sentence_opening_determiner_before_a_company_word_is_no_company_name() -> None:
    # "Each GmbH must pay": the capitalised determiner is not the firm's name
    found = _german_entities("Die Steuer steigt im Mai. Jede GmbH muss dann mehr zahlen. "
                             "Der Vorstand der Vorbek AG widersprach.")
    assert "Jede GmbH" not in found, found
    assert found.get("Vorbek AG") == ("ORG", "Vorbek AG"), found


def test_a_noun_made_by_er_is_not_the_listed_name_it_contains() -> None:
    # "Kalte Krieger" are cold warriors, not the Cold War; the war's own case forms still are
    from parallax.enrich.german_places import german_place

    assert german_place("Kalten Krieger") is None
    assert german_place("Kalten Krieges") == ("Cold War", "EVENT")
    assert german_place("Roten Meeres") == ("Red Sea", "GPE")


def test_a_speaker_whose_name_opens_with_an_umlaut_is_named() -> None:
    # "<Name> sagte am Montag, ...": the same sentence with an "O" named its speaker, the
    # one with an "Ö" named none (and lost the attribution's check-worthiness)
    from parallax.enrich.claims import make_claims
    from parallax.records import Sentence

    def attribution(text: str) -> str | None:
        article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                          text=text, language="de", sentences=[Sentence(0, len(text))])
        make_claims(Config()).annotate(article)
        return article.claims[0].attribution if article.claims else "no claim"

    said = "{} sagte am Montag, die Preise seien um 20 Prozent gestiegen."
    assert attribution(said.format("Ozkan")) == "Ozkan"
    assert attribution(said.format("Özkan")) == "Özkan"
    assert attribution(said.format("Ülker")) == "Ülker"


def test_a_syndicated_copy_makes_no_core_that_keeps_one_event_apart() -> None:
    """Two outlets report one hearing in their own words (cast and the two key terms shared,
    eight words each of their own); each report is also carried again as a syndicated copy.
    The copy repeats its outlet, it does not agree with it: the reports must still be one
    story, as they are without the copies."""
    from collections import Counter

    import numpy as np

    from parallax.stories.incremental import IncrementalClusterer
    from parallax.stories.profile import ArticleProfile

    def article(aid: str, side: float, own: dict[str, int],
                copy_of: str | None = None) -> ArticleProfile:
        v = np.asarray([1, 0.3, 0, 0, side] + [0.0] * 507, dtype=np.float32)
        return ArticleProfile(
            id=aid, outlet="O" + aid, language="en", title=f"Hearing report {aid}", lead="",
            keys=Counter({"ranek": 2, "kessi": 1}),
            terms=Counter({"ranek": 2, "harbou": 2, "minist": 1, "panel": 2, "ledger": 2,
                           **own}),
            vector=v / np.linalg.norm(v), duplicate_of=copy_of)

    def grouped(copies: bool) -> bool:
        first = {f"a{i}": 1 for i in range(8)}
        second = {f"b{i}": 1 for i in range(8)}
        profiles = [article("a", 0.2, first), article("b", -0.2, second)]
        if copies:
            profiles += [article("a2", 0.2, first, "a"), article("b2", -0.2, second, "b")]
        for i in range(6):
            other = article(f"x{i}", 0.0, {})
            other.vector = np.asarray([0, 0, 1, i] + [0.0] * 508, dtype=np.float32)
            other.vector /= np.linalg.norm(other.vector)
            other.keys, other.terms = Counter({f"k{i}": 2}), Counter({f"t{i}": 2})
            profiles.append(other)
        clusterer = IncrementalClusterer(Config())
        index = clusterer.new_index()
        clusterer.assign_all(index, profiles)
        return index.story_of["a"] == index.story_of["b"]

    assert grouped(copies=False)
    assert grouped(copies=True)


def test_a_surname_or_firm_ending_in_berg_is_no_town() -> None:
    # met without a given name and without a preposition, "-berg" ends a surname or a firm
    # as often as a town: no label rather than GPE
    found = _german_entities("Die Zinsen steigen weiter, wie Brightberg am Montag berichtete. "
                             "Die Truppen bleiben, sagte Kellberg am Abend in Brüssel.")
    assert found.get("Brightberg", ("none",))[0] != "GPE", found
    assert found.get("Kellberg", ("none",))[0] != "GPE", found
    assert found.get("Brüssel") == ("GPE", "Brussels"), found


def test_a_work_title_in_angle_brackets_stays_in_an_html_title() -> None:
    # browsers show a <title>'s text as written; "<Harbour Lights>" is no HTML element, so it
    # is the work the headline names, not markup to drop (as JSONL names already read it)
    from parallax.segment.htmlpage import segment_html
    from parallax.segment.render import markup_text

    body = "".join(f"<p>Paragraph {i} of a made-up review says the show at the harbour hall "
                   "was long, loud and well worth the ticket price for every seat.</p>"
                   for i in range(4))
    page = ("<html><head><title>Hit &lt;Harbour Lights&gt; tops the charts</title></head>"
            f"<body><article>{body}</article></body></html>")
    assert "Harbour Lights" in (segment_html(page).title or ""), segment_html(page).title
    assert markup_text("Hit <Harbour Lights> tops the charts") == \
        "Hit <Harbour Lights> tops the charts"
    assert markup_text("<b>Daily</b> Post") == "Daily Post"
