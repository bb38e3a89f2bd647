"""A live blog pasted as text: its entries' time stamps and its "Updated <time> — by <names>"
line are no article text, and its headline is kept. All text is made up."""

from __future__ import annotations

import pytest

from parallax.segment.entries import update_byline
from parallax.segment.textdump import segment_text

# (menu, headline, update line, reporters, [(stamp, entry)], newest first)
BLOGS = {
    "en": ("Home | Live | Politics | Business", "Live: Budget day in the Assembly of Norvale",
           "Updated 16:45 — Live reporting by Ada Kerrigan and Sam Oduya",
           "Ada Kerrigan and Sam Oduya",
           [("16:40", "The finance minister has finished speaking after eighty minutes. The "
                      "opposition leader will reply shortly."),
            ("16:12", "The minister confirms the fuel duty freeze will continue for another "
                      "year, at a cost of about 1.2 billion crowns."),
            ("15:55", "Business groups have welcomed the cut to small-company tax, calling it "
                      "a long overdue step."),
            ("15:30", "The speech has begun with the latest growth forecast, revised down to "
                      "0.8 per cent for next year.")]),
    "de": ("Startseite | Live | Politik | Wirtschaft", "Liveblog: Haushaltstag im Landtag",
           "Aktualisiert 16:45 Uhr – Liveticker: Anna Weber und Jonas Roth",
           "Anna Weber und Jonas Roth",
           [("16:40 Uhr", "Der Finanzminister hat seine Rede nach achtzig Minuten beendet. Die "
                          "Opposition antwortet gleich."),
            ("16:12 Uhr", "Der Minister bestätigt, dass die Steuer auf Heizöl ein weiteres Jahr "
                          "nicht steigen wird."),
            ("15:55 Uhr", "Die Wirtschaftsverbände begrüßen die Senkung der Steuer für kleine "
                          "Betriebe als längst überfällig."),
            ("15:30 Uhr", "Die Rede hat begonnen, zuerst mit der neuen Prognose für das "
                          "Wachstum im nächsten Jahr.")]),
    "fr": ("Accueil | Direct | Politique | Économie", "En direct : la journée du budget à "
           "l'Assemblée", "Mis à jour à 16h45 — En direct, par Léa Moreau et Paul Girard",
           "Léa Moreau et Paul Girard",
           [("16h40", "Le ministre des finances a terminé son discours après quatre-vingts "
                      "minutes. L'opposition va répondre."),
            ("16h12", "Le ministre confirme que la taxe sur le fioul restera gelée pendant "
                      "encore une année entière."),
            ("15h55", "Les organisations patronales saluent la baisse de l'impôt des petites "
                      "entreprises, attendue depuis longtemps."),
            ("15h30", "Le discours a commencé par la nouvelle prévision de croissance pour "
                      "l'année prochaine.")]),
    "ru": ("Главная | Онлайн | Политика | Экономика", "Онлайн: день бюджета в областной думе",
           "Обновлено в 16:45 — Онлайн ведут Ирина Волкова и Олег Мартынов",
           "Ирина Волкова и Олег Мартынов",
           [("16:40", "Министр финансов закончил выступление через восемьдесят минут. Сейчас "
                      "ответит лидер оппозиции."),
            ("16:12", "Министр подтвердил, что налог на топливо не будет расти ещё один год, "
                      "сообщили в думе."),
            ("15:55", "Союз предпринимателей приветствовал снижение налога для малых "
                      "предприятий, которого давно ждали."),
            ("15:30", "Выступление началось с нового прогноза роста экономики на следующий "
                      "год, он снижен.")]),
}
TAIL = ["Share this live page", "More on the budget"]


def blog(lang: str, sep: str, *, order: int = 1) -> str:
    menu, headline, update, _, entries = BLOGS[lang]
    lines = [menu, headline, update]
    for stamp, entry in entries[::order]:
        lines += [stamp, entry]
    return sep.join([*lines, *TAIL]) + "\n"


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(BLOGS))
def test_a_live_blog_keeps_its_entries_and_headline_not_its_stamps(lang: str, sep: str) -> None:
    _, headline, update, names, entries = BLOGS[lang]
    seg = segment_text(blog(lang, sep))
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == [entry for _, entry in entries]
    assert main.title == headline
    assert main.author == names
    kinds = {b.text: b.kind for b in seg.boilerplate}
    assert kinds[update] == "metadata"
    assert all(kinds[stamp] == "metadata" for stamp, _ in entries)


@pytest.mark.parametrize("lang", sorted(BLOGS))
def test_times_running_forward_are_a_programme_and_stay(lang: str) -> None:
    """Oldest first is a timetable's or a programme's order: its times are its text."""
    _, _, _, _, entries = BLOGS[lang]
    seg = segment_text(blog(lang, "\n\n", order=-1))
    main = next(d for d in seg.articles if d.role == "main")
    assert [stamp for stamp, _ in entries[::-1]] == [p for p in main.paragraphs
                                                    if p in {s for s, _ in entries}]


@pytest.mark.parametrize("text", [
    "16:45 — By Ada Kerrigan",  # no update word: an entry's own line
    "Updated 16:45 — the minister said more was to come",  # no names
    "Updated 16:45 — Reporting by the newsroom",  # lower-case words are no names
    "Updated March 3 — by Ada Kerrigan",  # a date, not a time (``lines.dash_parts`` reads it)
])
def test_what_is_no_live_blogs_update_line(text: str) -> None:
    assert update_byline(text) is None


def test_the_update_line_is_read_in_each_language() -> None:
    for _, _, update, names, _ in BLOGS.values():
        found = update_byline(update)
        assert found is not None and found[1] == names, update
