"""Fields withheld by language (frame/languages.py) and names in letters beyond ASCII.

Made-up text only. Each test also runs the field with the language allowed, so that it fails
if the field were never produced in the first place."""

from __future__ import annotations

import pytest

from parallax.enrich.aliases import load_aliases
from parallax.enrich.entities import GazetteerEntities
from parallax.enrich.sentences import sentencex_sentences
from parallax.frame import languages
from parallax.frame.trained import TrainedFraming
from parallax.records import Article, Mention, Published

# Russian, about the war (the domain gate passes), one made-up general in every sentence
RU = ("Генерал Аурел Драган приказал обстрелять мирный город на Украине. Драган лгал о "
      "жертвах в Киеве, говорят жители. Драган снова угрожает Украине и Зеленскому. "
      "Драган называет войну спецоперацией, пишут газеты. Драган и Кремль отвергают "
      "переговоры с Киевом.")
# Hindi, about the war in Ukraine, Kyiv and Zelensky (Devanagari and the Latin glosses)
HI = ("यूक्रेन (Ukraine) में युद्ध जारी है और कीव (Kyiv) पर फिर हमला हुआ। ज़ेलेंस्की "
      "(Zelensky) ने कहा कि रूस (Russia) के हमले बढ़ रहे हैं। डोनबास (Donbas) और क्रीमिया "
      "(Crimea) में लड़ाई तेज़ हो गई है, और पश्चिम के नेता चुप हैं। लोगों ने कहा कि "
      "यह युद्ध जल्दी ख़त्म नहीं होगा और गाँवों में खाना नहीं है।")


def _article(text: str, language: str, entities: list[Mention] | None = None) -> Article:
    article = Article(id="t", role="main", title="", outlet=None, published=Published(),
                      text=text, language=language, entities=entities or [])
    article.sentences = sentencex_sentences(text, language)
    return article


def _russian() -> Article:
    starts = [i for i in range(len(RU)) if RU.startswith("Драган", i)]
    return _article(RU, "ru", [Mention("Драган", s, s + 6, "PERSON", "Аурел Драган")
                               for s in starts])


@pytest.mark.parametrize("allowed", [True, False])
def test_roles_only_in_the_languages_that_show_them(allowed: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if allowed:
        monkeypatch.setattr(languages, "ROLE_LANGUAGES", frozenset({"en", "ru"}))
    article = _russian()
    TrainedFraming().annotate(article)
    assert article.portrayals  # portrayal stays in every language
    if allowed:
        assert [r.entity for r in article.roles] == ["Аурел Драган"]
    else:
        assert article.roles == []
        assert any("no roles for language 'ru'" in note for note in article.notes)


@pytest.mark.parametrize("withheld", [True, False])
def test_no_narratives_where_they_are_mostly_wrong(withheld: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if not withheld:
        monkeypatch.setattr(languages, "NO_NARRATIVES", frozenset())
    article = _article(HI, "hi")
    TrainedFraming().annotate(article)
    noted = any("no narratives for language 'hi'" in note for note in article.notes)
    assert noted == withheld
    assert bool(article.narratives) != withheld
    assert article.genre is not None  # the other fields stay


# German, made up, arguing against the West's part in the war (the domain gate passes)
DE = ("Die Ukraine und ihre westlichen Sponsoren verlängern den Krieg im Donbass. Kiew erhält "
      "immer neue Waffen aus Washington, während die Menschen in Europa für Gas und Strom "
      "bezahlen. Selenski fordert weitere Milliarden, doch die Sanktionen gegen Russland "
      "schaden vor allem der deutschen Wirtschaft. Moskau hat mehrfach Verhandlungen angeboten, "
      "aber die NATO will keinen Frieden in der Ukraine. Die Regierung in Berlin folgt blind "
      "den Vorgaben aus Washington und ignoriert die Interessen der eigenen Bürger.")


@pytest.mark.parametrize("raised", [True, False])
def test_weak_narratives_held_back_in_languages_the_models_never_saw(
        raised: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """German has no SemEval-2025 document: only narratives at 0.6 or above are shown there,
    with a note; at the shipped floor (0.3) the same article shows a weaker one too."""
    if not raised:
        monkeypatch.setattr(languages, "UNSEEN_NARRATIVE_FLOOR", 0.3)
    article = _article(DE, "de")
    TrainedFraming().annotate(article)
    shown = [n for n in article.narratives if n.label != "Other"]
    assert shown
    weak = [n for n in shown if n.score < 0.6]
    noted = any("under 0.60 not shown for language 'de'" in note for note in article.notes)
    assert (weak == [] and noted) if raised else (weak != [] and not noted)


def test_the_floor_follows_the_models_training_languages() -> None:
    trained = ["bg", "en", "hi", "pt", "ru"]
    assert languages.narrative_floor("de", trained) == languages.UNSEEN_NARRATIVE_FLOOR
    assert languages.narrative_floor("ru", trained) == 0.3
    assert languages.narrative_floor("en", trained) == 0.3
    # an unknown language, or a model that does not say what it learnt from: the shipped floor
    assert languages.narrative_floor(None, trained) == 0.3
    assert languages.narrative_floor("de", None) == 0.3


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Ontem a ministra Conceição Araújo visitou a aldeia. Araújo falou com os agricultores.",
     "pt", "Conceição Araújo"),
    ("Wczoraj minister Zbigniew Żądełko odwiedził wieś. Żądełko rozmawiał z rolnikami.",
     "pl", "Zbigniew Żądełko"),
    # a capitalised word that opens the sentence is no part of the name after it
    ("Rolnicy czekali długo. Następnie Zbigniew Żądełko odwiedził wieś.", "pl",
     "Zbigniew Żądełko"),
    ("Les paysans attendaient. Peut-être Hélène Duvoisin viendra demain.", "fr",
     "Hélène Duvoisin"),
])
def test_names_keep_their_letters(text: str, language: str, name: str) -> None:
    """Letters missing from the name pattern cut names short ("Conceiç") and the stub became
    an entity."""
    article = _article(text, language)
    GazetteerEntities(load_aliases()).annotate(article)
    assert name in {m.canonical for m in article.entities}
    assert all(text[m.start:m.end] in name for m in article.entities if m.type == "PERSON")
