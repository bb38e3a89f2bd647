"""An article's own "Comments" link or count beside its header opens no reader thread, and a
"Latest" list of two-word headlines is no thread of readers' names. All pages are made up."""

from __future__ import annotations

import pytest

from parallax.segment.decoder import Decoder
from parallax.segment.lines import LineClassifier, read_lines
from parallax.segment.textdump import segment_text
from parallax.segment.threads import decoder_heads, thread_marks

# menu, a welcome blurb, the "Comments" link, headline, byline, date, four paragraphs, the
# thread's count, two readers (name, date, words, reply), footer
PAGES = {
    "en": (["Home", "News", "Business", "Sport", "Contact"],
           "Welcome to the Harbour Times! If you are new here, read about us and sign up for our "
           "free weekly letter.", "Comments", "14 Comments",
           ["Harbour ferry gets a second evening crossing", "By Clara Venn", "March 4, 2026"], [
               "The harbour ferry will add a second evening crossing from next month, the operator "
               "said on Tuesday after a year of complaints from commuters.",
               "The new crossing leaves the north pier at half past nine and returns forty minutes "
               "later, giving late shift workers a way home without a taxi.",
               "Council members welcomed the change but said the timetable still leaves the island "
               "without a service on Sunday mornings.",
               "The operator said it would review the weekend timetable in the autumn once it had "
               "counted how many people used the new crossing."],
           ["Tom Ashby", "March 4, 2026 at 9:12 pm",
            "About time, I have been taking a taxi home twice a week for a year.", "Reply",
            "Greta Lind", "March 5, 2026 at 7:40 am",
            "Still nothing on Sundays, which is when the island needs it most.", "Reply"]),
    "de": (["Startseite", "Nachrichten", "Wirtschaft", "Sport", "Kontakt"],
           "Willkommen beim Hafenblatt! Wenn Sie neu hier sind, lesen Sie mehr über uns und "
           "bestellen Sie den Wochenbrief.", "Kommentare", "14 Kommentare",
           ["Hafenfähre bekommt eine zweite Abendfahrt", "Von Clara Venn", "4. März 2026"], [
               "Die Hafenfähre fährt vom nächsten Monat an ein zweites Mal am Abend, teilte der "
               "Betreiber am Dienstag nach einem Jahr voller Beschwerden von Pendlern mit.",
               "Die neue Fahrt legt um halb zehn am Nordanleger ab und kehrt vierzig Minuten "
               "später zurück, sodass Spätschichten ohne Taxi nach Hause kommen.",
               "Die Ratsmitglieder begrüßten die Änderung, sagten aber, dass die Insel am "
               "Sonntagmorgen weiterhin ohne Verbindung bleibt.",
               "Der Betreiber will den Fahrplan am Wochenende im Herbst prüfen, sobald er gezählt "
               "hat, wie viele Menschen die neue Fahrt nutzen."],
           ["Tom Ashby", "4. März 2026 um 21:12",
            "Wurde auch Zeit, ich fahre seit einem Jahr zweimal die Woche mit dem Taxi heim.",
            "Antworten", "Greta Lind", "5. März 2026 um 7:40",
            "Sonntags immer noch nichts, dabei braucht die Insel es gerade dann.", "Antworten"]),
    "fr": (["Accueil", "Actualités", "Économie", "Sport", "Contact"],
           "Bienvenue sur le Journal du Port ! Si vous êtes nouveau, découvrez qui nous sommes "
           "et abonnez-vous à la lettre.", "Commentaires", "14 commentaires",
           ["Le bac du port aura une seconde traversée le soir", "Par Clara Venn", "4 mars 2026"], [
               "Le bac du port assurera une seconde traversée en soirée dès le mois prochain, a "
               "annoncé mardi l'exploitant après un an de plaintes des usagers.",
               "La nouvelle traversée quitte la jetée nord à vingt et une heures trente et revient "
               "quarante minutes plus tard, pour les salariés qui finissent tard.",
               "Les élus ont salué le changement mais regrettent que l'île reste sans liaison le "
               "dimanche matin.",
               "L'exploitant réexaminera les horaires du week-end à l'automne, une fois qu'il aura "
               "compté les passagers de la nouvelle traversée."],
           ["Tom Ashby", "4 mars 2026 à 21:12",
            "Enfin, je prends un taxi deux fois par semaine depuis un an pour rentrer.",
            "Répondre", "Greta Lind", "5 mars 2026 à 7:40",
            "Toujours rien le dimanche, alors que c'est là que l'île en a le plus besoin.",
            "Répondre"]),
    "ru": (["Главная", "Новости", "Экономика", "Спорт", "Контакты"],
           "Добро пожаловать в «Портовые вести»! Если вы здесь впервые, узнайте о нас и "
           "подпишитесь на рассылку.", "Комментарии", "Комментарии (14)",
           ["Паром в гавани получит второй вечерний рейс", "Автор: Клара Венн", "4 марта 2026"], [
               "Со следующего месяца паром в гавани будет ходить вечером дважды, сообщил во "
               "вторник перевозчик после года жалоб со стороны пассажиров.",
               "Новый рейс отходит от северного причала в половине десятого и возвращается через "
               "сорок минут, чтобы работники поздних смен могли добраться домой без такси.",
               "Депутаты приветствовали изменение, но отметили, что по воскресеньям утром остров "
               "по-прежнему остаётся без сообщения.",
               "Перевозчик обещал пересмотреть расписание выходных осенью, когда подсчитает, "
               "сколько людей пользуется новым рейсом."],
           ["Том Эшби", "4 марта 2026 в 21:12",
            "Наконец-то, я уже год дважды в неделю езжу домой на такси.", "Ответить",
            "Грета Линд", "5 марта 2026 в 7:40",
            "По воскресеньям всё так же ничего, а острову это нужнее всего.", "Ответить"]),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("where", ["menu link over the header", "count under the header"])
@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_comments_link_beside_the_articles_header_opens_no_thread(
        lang: str, where: str, sep: str) -> None:
    """The line model's block holds a welcome blurb and the article's prose, not all of its
    headline, byline and date (as on two training sites); a "Comments" link over the header,
    or the article's own count under it (after the menu), opened the thread and the whole
    article became reader comments. A headline with a byline or date under it and prose after
    is an article starting, not a thread."""
    menu, welcome, link, count, header, body, thread = PAGES[lang]
    if where == "menu link over the header":
        page, kept = [*menu, welcome, link, *header, *body], {welcome, link, *body}
    else:
        page, kept = [welcome, *menu, *header, count, *body], \
            {welcome, menu[-1], header[0], count, *body}
    page += [count, *thread, "© 2026"]
    lines = read_lines(sep.join(page) + "\n")
    mask = [line.text in kept for line in lines]
    mask[len(lines) - 1 - [x.text for x in reversed(lines)].index(count)] = False
    seg = Decoder(lines, LineClassifier(), mask,
                  decoder_heads(lines, thread_marks(lines), mask)).run()
    main = next(d for d in seg.articles if d.role == "main")
    assert all(p in main.paragraphs for p in body)
    assert not set(body) & set(seg.comments)
    assert thread[2] in seg.comments and thread[6] in seg.comments
    assert link not in main.paragraphs and count not in main.paragraphs


BODY = ["The town council voted on Tuesday to build three kilometres of protected cycle lanes "
        "along the river road.",
        "Work is expected to start in spring and take about six months, the council's planning "
        "office said.",
        "Shop owners on the road had asked for loading bays to stay, and the plan keeps four of "
        "them.",
        "The council expects the lanes to double the number of people cycling to work within "
        "three years."]
BODY_DE = ["Der Stadtrat hat am Dienstag beschlossen, drei Kilometer geschützte Radwege entlang "
           "der Uferstraße zu bauen.",
           "Die Arbeiten sollen im Frühjahr beginnen und etwa sechs Monate dauern, teilte das "
           "Planungsamt mit.",
           "Die Geschäftsleute an der Straße hatten Ladezonen gefordert, der Plan behält vier "
           "davon.",
           "Der Stadtrat erwartet, dass sich die Zahl der Pendler auf dem Rad in drei Jahren "
           "verdoppelt."]
# a "Latest" list: two-word title-case headlines, relative stamps, teasers
LATEST = {
    "en": ("Town council approves new cycle lanes", BODY, "Latest", [
        "Strike Ends", "2 hours ago", "Dock workers ended their strike on Monday after the port "
        "agreed to new shift rules.",
        "Prices Rise", "3 hours ago", "Food prices rose again in March, the statistics office "
        "said.",
        "Port Reopens", "5 hours ago", "The port reopened to container ships after a week of "
        "repairs to the north quay."]),
    "de": ("Stadtrat beschließt neue Radwege", BODY_DE, "Neueste", [
        "Streik Beendet", "vor 2 Stunden", "Die Hafenarbeiter haben ihren Streik am Montag nach "
        "einer Einigung beendet.",
        "Preise Steigen", "vor 3 Stunden", "Die Preise für Lebensmittel steigen im März erneut, "
        "meldet das Statistikamt.",
        "Hafen Offen", "vor 5 Stunden", "Der Hafen ist nach einer Woche Reparaturen am Nordkai "
        "wieder offen."]),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(LATEST))
def test_a_latest_list_of_two_word_headlines_is_no_thread(lang: str, sep: str) -> None:
    """"Strike Ends" / "2 hours ago" / a teaser, three times, has the rhythm of a pasted
    thread and two capitalised words where a reader's name stands: its teasers were read as
    reader comments under the headlines as names. A teaser repeats a word of its headline; a
    reader's comment does not hold its writer's name."""
    title, body, heading, items = LATEST[lang]
    page = [title, *body, heading, *items, "Contact us", "Privacy Policy | Terms"]
    seg = segment_text(sep.join(page) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert all(p in main.paragraphs for p in body)
    assert not seg.comments and not seg.comment_authors
