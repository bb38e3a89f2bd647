"""Acceptance of the enrich stage on the two seed pages
(skipped when ../shared is absent; in CI that fails)."""

from __future__ import annotations

from parallax.records import Article, Page


def canon(article: Article) -> set[str]:
    return {m.canonical for m in article.entities}


def test_entities_and_cross_document_aliases(seed_pages: dict[str, Page]) -> None:
    western = seed_pages["004"].articles[0]
    assert {"Donald Trump", "Vladimir Putin", "Kim Jong Un", "Volodymyr Zelensky",
            "Friedrich Merz", "Joint Base Elmendorf-Richardson", "Alaska", "Kursk",
            "North Korea", "Ukraine"} <= canon(western)
    aggregator = seed_pages["000"].articles
    zelensky = {m.canonical for a in aggregator for m in a.entities if "Zelensky" in m.text}
    assert zelensky == {"Volodymyr Zelensky"} and "Volodymyr Zelensky" in canon(western)
    kyiv = {m.canonical for a in [*aggregator, western] for m in a.entities
            if m.text.startswith(("Kiev", "Kyiv"))}
    assert kyiv == {"Kyiv"}
    for article in [*aggregator, western]:
        for m in article.entities:
            assert article.text[m.start:m.end] == m.text


def _quote(article: Article, fragment: str) -> tuple[str | None, str | None, bool]:
    (q,) = [q for q in article.quotes if fragment in q.text and q.direct]
    return q.speaker, q.cue, q.direct


def test_quotes_with_speakers(seed_pages: dict[str, Page]) -> None:
    western = seed_pages["004"].articles[0]
    assert _quote(western, "measures that the Russian")[0] == "Kim Jong Un"
    assert _quote(western, "I make deals")[0] == "Donald Trump"
    main, _, second, _ = seed_pages["000"].articles
    speaker, cue, _ = _quote(second, "end the war with Russia")
    assert (speaker, cue) == ("Donald Trump", "wrote")
    assert _quote(second, "Russia must end this war")[0] == "Volodymyr Zelensky"
    speaker, _, _ = _quote(main, "What does Trump want?")
    assert speaker is not None and speaker != "Donald Trump" and "author" in speaker


def test_claims_with_attribution(seed_pages: dict[str, Page]) -> None:
    western = seed_pages["004"].articles[0]
    soldiers = [c for c in western.claims if "Fifteen thousand North Korean soldiers" in c.text]
    assert soldiers and soldiers[0].attribution == "South Korean intelligence"
    second = seed_pages["000"].articles[2]
    assert any("Crimea" in c.text and "2014" in c.text and "referendum" in c.text
               for c in second.claims)
    for article in seed_pages["000"].articles:
        assert not any(c.text.startswith("That's the root contradiction") for c in article.claims)
