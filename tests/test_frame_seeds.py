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


def test_state_media_piece_does_not_cast_putin_as_antagonist(mains: dict[str, Article]) -> None:
    """The state-media piece presents Putin favourably. Abstaining on him would also pass a bare
    "not Antagonist", so he must be there: with a role other than Antagonist, or portrayed
    positively or neutrally."""
    article = mains["000"]
    role, how = roles(article).get("Vladimir Putin"), portrayal(article, "Vladimir Putin")
    assert role is not None or how is not None, (
        f"Putin has no role and no portrayal; roles: {roles(article)}")
    assert role != "Antagonist"
    assert how in (None, "neutral", "positive"), how


def test_investigative_piece_casts_putin_and_kim_as_antagonists(mains: dict[str, Article]
                                                                 ) -> None:
    cast = roles(mains["004"])
    assert cast["Vladimir Putin"] == "Antagonist"
    assert cast["Kim Jong Un"] == "Antagonist"
    assert "Innocent" in {cast.get("Ukraine"), cast.get("Ukrainians")}


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
