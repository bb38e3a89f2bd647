"""A photo gallery pasted as text: its position counters ("2 of 5") are no article text. All
text is made up."""

from __future__ import annotations

import pytest

from parallax.segment.textdump import segment_text

LEAD = ("Thousands of lanterns lit the water at Old Harbour on Saturday night as the festival "
        "returned after a two-year break. Organisers said about 40,000 people came.")
CAPTIONS = ["Children release paper lanterns from the north pier.",
            "A lantern shaped like a heron floats past the fish market.",
            "Volunteers spent three weeks building the largest lantern, a six-metre whale."]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_gallery_counters_are_not_article_text(sep: str) -> None:
    lines = ["Home | Photos | Travel | Food", "In pictures: the lantern festival returns", LEAD]
    for k, caption in enumerate(CAPTIONS, 1):
        lines += [f"{k} of {len(CAPTIONS)}", caption]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert LEAD in main.paragraphs
    assert not any(p.endswith(f"of {len(CAPTIONS)}") for p in main.paragraphs), main.paragraphs
    assert {f"{k} of 3" for k in (1, 2, 3)} <= {b.text for b in seg.boilerplate}


# (headline, lead, counter word, captions, closing sentence, teaser heading, teasers): made up
GALLERIES = {
    "en": ("In pictures: the lantern festival returns to Old Harbour", LEAD, "of", [
        "Children release paper lanterns from the north pier. Photo: Ines Moravec",
        "A lantern shaped like a heron floats past the fish market. Photo: Ines Moravec",
        "Volunteers spent three weeks building the largest lantern. Photo: Karl Dent",
        "Fireworks closed the evening at ten o'clock. Photo: Karl Dent",
        "Street food stalls stayed open until midnight. Photo: Ines Moravec"],
        "The festival continues on Sunday with a parade along the harbour at six.",
        "More galleries", ["Winter swimmers brave the lake", "Autumn colours in the hills"]),
    "de": ("Bilder: Das Laternenfest im alten Hafen ist zurück",
           "Tausende Laternen haben am Samstagabend das Wasser im alten Hafen erleuchtet, als "
           "das Fest nach zwei Jahren Pause zurückkehrte. Rund 40.000 Menschen kamen.", "von", [
               "Kinder lassen Papierlaternen vom Nordpier steigen. Foto: Ines Moravec",
               "Eine Laterne in Form eines Reihers treibt am Fischmarkt vorbei. Foto: Karl Dent",
               "Freiwillige bauten drei Wochen an der größten Laterne. Foto: Karl Dent",
               "Ein Feuerwerk beendete den Abend um zehn Uhr. Foto: Karl Dent",
               "Die Essensstände blieben bis Mitternacht geöffnet. Foto: Ines Moravec"],
           "Das Fest geht am Sonntag mit einem Umzug entlang des Hafens weiter.",
           "Weitere Bildergalerien", ["Winterschwimmer im kalten See", "Herbstfarben im Bergland"]),
    "fr": ("En images : la fête des lanternes revient au vieux port",
           "Des milliers de lanternes ont illuminé le vieux port samedi soir, pour le retour "
           "de la fête après deux ans d'absence. Environ 40 000 personnes sont venues.", "sur", [
               "Des enfants lâchent des lanternes en papier depuis la jetée. Photo : Ines Moravec",
               "Une lanterne en forme de héron passe devant la criée. Photo : Karl Dent",
               "Les bénévoles ont construit la plus grande lanterne en trois semaines.",
               "Un feu d'artifice a clos la soirée à dix heures. Photo : Karl Dent",
               "Les stands sont restés ouverts jusqu'à minuit. Photo : Ines Moravec"],
           "La fête continue dimanche avec un défilé le long du port.",
           "Autres galeries", ["Baignade d'hiver dans le lac", "Les couleurs de l'automne"]),
    "ru": ("Фото: в старую гавань вернулся праздник фонарей",
           "Тысячи фонарей осветили воду в старой гавани в субботу вечером: праздник вернулся "
           "после двухлетнего перерыва. Пришли около сорока тысяч человек.", "из", [
               "Дети запускают бумажные фонари с северного пирса. Фото: Инес Моравец",
               "Фонарь в виде цапли проплывает мимо рыбного рынка. Фото: Карл Дент",
               "Волонтёры три недели строили самый большой фонарь. Фото: Карл Дент",
               "Вечер завершился фейерверком в десять часов. Фото: Карл Дент",
               "Палатки с едой работали до полуночи. Фото: Инес Моравец"],
           "В воскресенье праздник продолжится шествием вдоль гавани.",
           "Другие фотогалереи", ["Моржи купаются в озере", "Осенние краски в горах"]),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(GALLERIES))
def test_a_gallery_keeps_its_captions_and_the_sentence_under_it(lang: str, sep: str) -> None:
    """The line model's block ended inside the captions; the rest of the gallery and the
    closing sentence below it were lost."""
    headline, lead, of, captions, closing, more, teasers = GALLERIES[lang]
    lines = ["Home | Photos | Travel | Food", headline, lead]
    for k, caption in enumerate(captions, 1):
        lines += [f"{k} {of} {len(captions)}", caption]
    lines += [closing, more, *teasers]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == [lead, *captions, closing]
    assert more not in main.paragraphs


# (headline, lead, three dated paragraphs): made up; the dates skip days, as an event's do
DATED = {
    "en": ("Harbour festival week: what happened each day",
           "The harbour festival drew more visitors than in any year before, organisers said "
           "on Sunday evening.",
           ["The opening night brought a lantern parade along the quay, with some four "
            "thousand people watching from the piers.",
            "On the third day the rowing clubs raced across the bay, and the youngest crew won "
            "the cup for the first time.",
            "The last day closed with a concert by the town's brass band and fireworks over "
            "the water."]),
    "de": ("Hafenfest: Was an jedem Tag geschah",
           "Das Hafenfest hat mehr Besucher angezogen als in jedem Jahr zuvor, sagten die "
           "Veranstalter am Sonntagabend.",
           ["Am Eröffnungsabend zog ein Laternenumzug über den Kai, rund viertausend Menschen "
            "sahen von den Stegen aus zu.",
            "Am dritten Tag ruderten die Vereine quer durch die Bucht, und die jüngste "
            "Mannschaft gewann zum ersten Mal den Pokal.",
            "Der letzte Tag endete mit einem Konzert der Blaskapelle und einem Feuerwerk über "
            "dem Wasser."]),
    "fr": ("Fête du port : ce qui s'est passé chaque jour",
           "La fête du port a attiré plus de visiteurs que jamais, ont déclaré les "
           "organisateurs dimanche soir.",
           ["La soirée d'ouverture a offert un défilé de lanternes le long du quai, devant "
            "quelque quatre mille personnes.",
            "Le troisième jour, les clubs d'aviron ont traversé la baie, et l'équipage le plus "
            "jeune a remporté la coupe pour la première fois.",
            "La dernière journée s'est terminée par un concert de la fanfare et un feu "
            "d'artifice sur l'eau."]),
    "ru": ("Праздник порта: что происходило каждый день",
           "Праздник порта собрал больше гостей, чем в любой прошлый год, сообщили "
           "организаторы в воскресенье вечером.",
           ["В первый вечер по набережной прошло шествие с фонарями, за которым наблюдали "
            "около четырёх тысяч человек.",
            "На третий день гребные клубы соревновались в заливе, и самая молодая команда "
            "впервые выиграла кубок.",
            "Последний день завершился концертом духового оркестра и фейерверком над водой."]),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(DATED))
def test_day_month_dates_over_paragraphs_are_no_gallery(lang: str, sep: str) -> None:
    """"1/12", "3/12", "5/12" alone on their lines were gallery counters: boilerplate."""
    headline, lead, days = DATED[lang]
    lines = [headline, lead]
    for date, text in zip(("1/12", "3/12", "5/12"), days, strict=True):
        lines += [date, text]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert [p for p in main.paragraphs if "/12" in p] == ["1/12", "3/12", "5/12"]
    assert all(text in main.paragraphs for text in days)
    assert not any("/12" in b.text for b in seg.boilerplate)


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_slash_counters_counting_up_stay_counters(sep: str) -> None:
    """A gallery numbered "1/3", "2/3", "3/3" (one total, one by one) keeps its counters out."""
    lines = ["Home | Photos | Travel | Food", "In pictures: the lantern festival returns", LEAD]
    for k, caption in enumerate(CAPTIONS, 1):
        lines += [f"{k}/{len(CAPTIONS)}", caption]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert not any(p.endswith("/3") for p in main.paragraphs), main.paragraphs
    assert {f"{k}/3" for k in (1, 2, 3)} <= {b.text for b in seg.boilerplate}
