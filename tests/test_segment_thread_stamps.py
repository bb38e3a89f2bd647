"""A reader thread's time stamps and count line in the forms each language writes them.

Why: a French stamp "<date> à 21 h 12", a Spanish "<date> a las 21:12" or a day word with a
clock time ("hier à 21 h 12", "вчера в 21:12", "heute um 21:12 Uhr") was no date nor time
to the line reader, and a Russian count in its plural of many ("14 комментариев") opened no
thread: the readers' names and stamps became comment lines, or the whole thread stayed in the
article. All pages here are made up.
"""

from __future__ import annotations

import pytest

from parallax.segment.dates import clock_stamp
from parallax.segment.lines import meta_kind
from parallax.segment.patterns import comments_start
from parallax.segment.textdump import segment_text

BODY = {
    "en": ["The town library will open on Sunday afternoons from next month, the council said "
           "on Monday after a petition signed by two thousand residents.",
           "Opening on Sundays will cost about forty thousand a year, paid from the budget that "
           "used to cover the mobile library van, which was sold last spring.",
           "Staff said the afternoons would be run by a team of six, half of them new hires.",
           "The council will look again at the hours in the autumn, once it knows how many "
           "people came on the first eight Sundays."],
    "de": ["Die Stadtbibliothek öffnet vom nächsten Monat an auch am Sonntagnachmittag, teilte "
           "die Stadt am Montag nach einer Unterschriftensammlung mit.",
           "Die Öffnung am Sonntag kostet rund vierzigtausend im Jahr und wird aus dem Geld "
           "bezahlt, das bisher für den Bücherbus vorgesehen war.",
           "Das Personal sagte, die Nachmittage würden von sechs Leuten betreut, drei davon neu.",
           "Im Herbst will die Stadt die Zeiten erneut prüfen, wenn sie weiß, wie viele "
           "Menschen an den ersten acht Sonntagen gekommen sind."],
    "fr": ["La bibliothèque municipale ouvrira le dimanche après-midi dès le mois prochain, a "
           "annoncé lundi la mairie après une pétition signée par deux mille habitants.",
           "L'ouverture du dimanche coûtera environ quarante mille par an, pris sur le budget "
           "du bibliobus qui a été vendu au printemps dernier.",
           "Le personnel a indiqué que ces après-midi seraient assurés par six agents.",
           "La mairie réexaminera les horaires à l'automne, quand elle saura combien de "
           "personnes sont venues lors des huit premiers dimanches."],
    "ru": ["Городская библиотека со следующего месяца будет работать по воскресеньям после "
           "обеда, сообщила в понедельник мэрия после петиции двух тысяч жителей.",
           "Работа по воскресеньям обойдётся примерно в сорок тысяч в год, деньги возьмут из "
           "бюджета передвижной библиотеки, которую продали прошлой весной.",
           "Сотрудники сказали, что по воскресеньям будут работать шесть человек.",
           "Осенью мэрия снова рассмотрит часы работы, когда станет известно, сколько "
           "людей пришло в первые восемь воскресений.",
           "В мэрии добавили, что по субботам библиотека будет открыта на час дольше, "
           "чем сейчас, а читальный зал останется бесплатным для всех школьников."],
    "es": ["La biblioteca municipal abrirá los domingos por la tarde a partir del mes que viene, "
           "anunció el lunes el ayuntamiento tras una petición de dos mil vecinos.",
           "Abrir los domingos costará unos cuarenta mil al año, que saldrán del presupuesto "
           "del bibliobús que se vendió la primavera pasada.",
           "El personal dijo que las tardes las cubrirá un equipo de seis personas.",
           "El ayuntamiento revisará el horario en otoño, cuando sepa cuántas personas "
           "acudieron los ocho primeros domingos."],
}
TITLE = {"en": "Town library to open on Sundays", "de": "Stadtbibliothek öffnet sonntags",
         "fr": "La bibliothèque ouvrira le dimanche", "ru": "Библиотека откроется по воскресеньям",
         "es": "La biblioteca abrirá los domingos"}
SAID = {"en": ["Finally, my kids can do their homework there at the weekend.",
               "I hope the reading room stays quiet on Sundays too."],
        "de": ["Endlich können meine Kinder am Wochenende dort lernen.",
               "Hoffentlich bleibt der Lesesaal auch sonntags ruhig."],
        "fr": ["Enfin, mes enfants pourront y faire leurs devoirs le week-end.",
               "J'espère que la salle de lecture restera calme le dimanche."],
        "ru": ["Наконец-то дети смогут заниматься там в выходные.",
               "Надеюсь, в читальном зале и по воскресеньям будет тихо."],
        "es": ["Por fin mis hijos podrán hacer allí los deberes el fin de semana.",
               "Espero que la sala de lectura siga tranquila los domingos."]}
READERS = ["Ines Varga", "Otto Brell"]
COUNT = {"en": "2 Comments", "de": "2 Kommentare", "fr": "2 commentaires",
         "ru": "2 комментария", "es": "2 comentarios"}
REPLY = {"en": "Reply", "de": "Antworten", "fr": "Répondre", "ru": "Ответить", "es": "Responder"}
FOOTER = {"en": "Privacy Policy", "de": "Impressum", "fr": "Mentions légales",
          "ru": "Политика конфиденциальности", "es": "Aviso legal"}

#: (language, count line, the two readers' stamps): each thread's stamps or count was unread
CASES = [
    ("en", None, ("Yesterday at 9:12 pm", "Today at 7:40 am")),
    ("de", None, ("heute um 21:12 Uhr", "gestern um 7:40 Uhr")),
    ("fr", None, ("4 mars 2026 à 21 h 12", "5 mars 2026 à 7 h 40")),
    ("fr", None, ("hier à 21 h 12", "aujourd'hui à 7 h 40")),
    ("ru", None, ("вчера в 21:12", "сегодня в 7:40")),
    ("ru", "14 комментариев", ("3 часа назад", "5 часов назад")),
    ("es", None, ("4 de marzo de 2026 a las 21:12", "5 de marzo de 2026 a las 7:40")),
    ("es", None, ("ayer a las 21:12", "hoy a las 7:40")),
]


def dump(lang: str, count: str | None, stamps: tuple[str, str], reply: bool) -> list[str]:
    thread: list[str] = []
    for name, stamp, words in zip(READERS, stamps, SAID[lang], strict=True):
        thread += [name, stamp, words] + ([REPLY[lang]] if reply else [])
    return [TITLE[lang], *BODY[lang], count or COUNT[lang], *thread, FOOTER[lang]]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
@pytest.mark.parametrize("reply", [True, False])
@pytest.mark.parametrize(("lang", "count", "stamps"), CASES)
def test_a_threads_stamps_and_count_in_each_language_give_its_readers(
        lang: str, count: str | None, stamps: tuple[str, str], reply: bool, sep: str) -> None:
    seg = segment_text(sep.join(dump(lang, count, stamps, reply)) + "\n")
    main = next(a for a in seg.articles if a.role == "main")
    assert main.paragraphs == BODY[lang]
    assert seg.comments == SAID[lang]
    assert seg.comment_authors == READERS


@pytest.mark.parametrize("count", ["14 комментариев", "1 комментарий", "3 комментария",
                                   "14 Kommentare", "14 comentarios", "14 commentaires"])
def test_a_count_line_in_each_plural_opens_a_thread(count: str) -> None:
    assert comments_start(count)


@pytest.mark.parametrize(("line", "kind"), [
    ("4 mars 2026 à 21 h 12", "date"), ("4 de marzo de 2026 a las 21:12", "date"),
    ("hier à 21 h 12", "time"), ("вчера в 21:12", "time"), ("gestern um 21:12 Uhr", "time"),
    ("Yesterday at 9:12 pm", "time"),
    # a date or day word in a sentence or a name is no stamp
    ("4 mars 2026 à 21 h 12 dans le port", None), ("Russia Today at 9:12", None),
    ("Hier à 21 h 12 le bac est parti.", None),
])
def test_a_stamp_with_its_clock_time_is_a_date_or_time_line(line: str, kind: str | None) -> None:
    assert meta_kind(line) == kind


def test_clock_stamp_reads_only_a_date_followed_by_its_clock_time() -> None:
    assert clock_stamp("5 de marzo de 2026 a las 7:40")
    assert clock_stamp("4 mars 2026 à 21h12")
    assert not clock_stamp("4 mars 2026")
    assert not clock_stamp("Le 4 mars 2026 à 21 h 12")
    assert not clock_stamp("4 mars 2026 à 21 h 12, selon la mairie")
