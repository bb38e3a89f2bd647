"""Acceptance of the framing stage on the two seed pages
(skipped when ../shared is absent; in CI that fails)."""

from __future__ import annotations

import pytest

from parallax.records import Article, Page


@pytest.fixture(scope="module")
def mains(seed_pages: dict[str, Page]) -> dict[str, Article]:
    return {key: next(a for a in page.articles if a.role == "main")
            for key, page in seed_pages.items()}


def roles(article: Article) -> dict[str, str]:
    return {r.entity: r.main_role for r in article.roles}


def test_state_media_piece_is_an_opinion_discrediting_the_west(mains: dict[str, Article]
                                                                ) -> None:
    article = mains["000"]
    assert "URW: Discrediting the West, Diplomacy" in {n.label for n in article.narratives}
    assert article.genre is not None and article.genre.label == "opinion"
    for label in article.narratives:
        if label.label != "Other":
            assert label.evidence and all(e in article.text for e in label.evidence)


def portrayal(article: Article, entity: str) -> str | None:
    """How the article portrays ``entity`` (negative / neutral / positive); None where the
    framing stage abstains for it."""
    return next((p.polarity for p in article.portrayals if p.entity == entity), None)


def test_state_media_piece_portrays_putin_favourably(mains: dict[str, Article]) -> None:
    """Issue 17: the state-media piece presents Putin favourably, so he is portrayed positively
    (the author's own "Putin is no criminal." in the seed) and never cast as its Antagonist."""
    article = mains["000"]
    role, how = roles(article).get("Vladimir Putin"), portrayal(article, "Vladimir Putin")
    assert how == "positive", (how, roles(article))
    assert role in (None, "Protagonist"), role


def test_investigative_piece_portrays_putin_and_kim_unfavourably(mains: dict[str, Article]
                                                                  ) -> None:
    """Issue 17: the investigative piece is against Putin and Kim Jong Un: each is cast as an
    Antagonist or portrayed negatively, and neither gets a favourable role or portrayal.

    Until the nineteenth session this test also wanted Ukraine (or Ukrainians) cast as Innocent.
    That role came from the role gate's second tier (cast probability 0.2-0.4 and the hand rule:
    the role model's choice), whose roles were right about one time in five out of fold; the
    twentieth session removed the tier (docs/portrayal.md), and no rule that casts victims is
    right often enough to show, so the test no longer asks for a victim."""
    article = mains["004"]
    for name in ("Vladimir Putin", "Kim Jong Un"):
        role, how = roles(article).get(name), portrayal(article, name)
        assert role == "Antagonist" or how == "negative", (name, role, how)
        assert role in (None, "Antagonist") and how != "positive", (name, role, how)


@pytest.mark.parametrize("seed", ["000", "004"])
def test_both_pieces_show_loaded_words_never_a_bare_name(mains: dict[str, Article],
                                                         seed: str) -> None:
    """Issue 17: word-level spans sit on the loaded words (a few of them), never on a name."""
    article = mains[seed]
    words = [t for t in article.techniques
             if t.technique in ("Loaded_Language", "Name_Calling-Labeling")]
    assert words, [t.technique for t in article.techniques]
    names = {(m.start, m.end) for m in article.entities}
    for t in words:
        text = article.text[t.start:t.end]
        assert text.strip() and len(text.split()) <= 4, text
        assert (t.start, t.end) not in names, f"{t.technique} on the bare name {text!r}"
