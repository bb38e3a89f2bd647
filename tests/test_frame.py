from __future__ import annotations

from parallax.enrich.entities import make_gazetteer
from parallax.enrich.sentences import split_sentences
from parallax.frame.lexicon import make_lexicon
from parallax.frame.taxonomy import (
    FINE_ROLES,
    FRAMES,
    GENRES,
    narratives,
    subnarratives,
    techniques,
)
from parallax.records import Article, Published
from parallax.settings import Config

TEXT = ("The warmonger Aurel Dragan shelled the dam, a brutal and cynical attack. "
        "Aurel Dragan lied about the victims. The so-called peace talks are a farce. "
        "I think the fading West is too weak to act, and the military threat grows.")


def framed(text: str = TEXT, outlet: str | None = "Test Daily") -> Article:
    article = Article(id="t", role="main", title="", outlet=outlet, published=Published(),
                      text=text, language="en")
    article.sentences = split_sentences(text)
    make_gazetteer(Config()).annotate(article)
    make_lexicon(Config()).annotate(article)
    return article


def test_taxonomies_ship_with_official_labels() -> None:
    assert len(techniques()) == 23 and "Loaded_Language" in techniques()
    assert "Other" in narratives() and len(narratives()) == 22
    assert all(": ".join(s.split(": ")[:2]) in narratives()
               for s in subnarratives() if s != "Other")
    assert len(FRAMES) == 14 and GENRES == ("opinion", "reporting", "satire")
    assert sum(len(v) for v in FINE_ROLES.values()) == 22


def test_labels_are_from_the_taxonomies_with_valid_spans() -> None:
    article = framed()
    names = {t.technique for t in article.techniques}
    assert {"Name_Calling-Labeling", "Loaded_Language", "Doubt"} <= names
    assert names <= set(techniques())
    assert all(0 <= t.start < t.end <= len(article.text) for t in article.techniques)
    assert {n.label for n in article.narratives} <= set(narratives())
    assert {n.sub for n in article.narratives if n.sub} <= set(subnarratives())
    assert {f.label for f in article.frames} <= set(FRAMES)
    assert article.genre is not None and article.genre.label == "opinion"


def test_roles_carry_evidence() -> None:
    article = framed()
    (role,) = [r for r in article.roles if r.entity == "Aurel Dragan"]
    assert role.main_role == "Antagonist"
    assert role.fine_roles[0] in FINE_ROLES["Antagonist"]
    assert role.evidence and all(s in article.text for s in role.evidence)


def test_plain_reporting_and_satire() -> None:
    report = framed("The council approved the budget on Tuesday. The vote was 31 to 12. "
                    "The new budget takes effect in January, the council said.")
    assert report.genre is not None and report.genre.label == "reporting"
    assert [n.label for n in report.narratives] == ["Other"]
    satire = framed("The council approved the budget on Tuesday.", outlet="The Weekly Gadfly")
    assert satire.genre is not None and satire.genre.label == "satire"
