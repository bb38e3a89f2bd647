"""The small things the thirty-first session left (docs/robustness.md, thirty-second session,
helper N10). Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

from parallax.records import Article, Published

# Welsh, made up: a council closes a bridge for repairs (no framing model learnt Welsh)
CY = ("Mae'r cyngor sir wedi cau'r bont dros yr afon am dri mis er mwyn ei thrwsio ar ôl y "
      "llifogydd. Dywedodd llefarydd y bydd bysiau yn mynd ar hyd ffordd arall a bod y gwaith "
      "yn costio dwy filiwn o bunnoedd. Mae siopwyr yn y pentref yn poeni y bydd llai o bobl "
      "yn dod i'r farchnad bob wythnos. Bydd cyfarfod cyhoeddus yn neuadd y dref nos Iau i "
      "drafod y cynlluniau gyda'r trigolion.")


def test_no_narrative_in_a_language_no_framing_model_learnt() -> None:
    """A Welsh article showed the narrative "Other" (the models' fallback) beside its
    withheld frames; every learnt language keeps the narratives path."""
    from parallax.enrich.sentences import sentencex_sentences
    from parallax.frame import languages
    from parallax.frame.trained import TrainedFraming

    def welsh() -> Article:
        article = Article(id="cy", role="main", title="", outlet=None, published=Published(),
                          text=CY, language="cy")
        article.sentences = sentencex_sentences(CY, "cy")
        return article

    framing = TrainedFraming()
    article = welsh()
    framing.annotate(article)
    assert article.narratives == [] and article.frames == []
    note = [n for n in article.notes if "no narratives for language 'cy'" in n]
    assert note and "never measured" in note[0]
    assert article.genre is not None  # the other fields stay
    framing.languages.add("cy")  # were Welsh learnt, the same article would show a narrative
    shown = welsh()
    framing.annotate(shown)
    assert shown.narratives and not any("no narratives" in n for n in shown.notes)
    learnt = set().union(*(m.meta.get("languages", []) for m in framing.models.values()))
    assert {"de", "en", "fr", "it", "pl", "ru", "bg", "pt"} <= learnt
    assert all(languages.shows_narratives(code, framing.languages)
               for code in learnt - languages.NO_NARRATIVES)
    assert languages.shows_narratives(None, framing.languages)
    assert not languages.shows_narratives("hi", framing.languages)  # on evidence, as before
    assert "third of the time" in languages.withheld_note("narratives", "hi")
