"""Reader comments in the shapes people paste them: a commenter's name on a line of its own
ending in a colon, and "Name: words" on one line. All pages are made up."""

from __future__ import annotations

import pytest

from parallax.segment.decoder import Decoder
from parallax.segment.lines import LineClassifier, read_lines
from parallax.segment.textdump import segment_text

ARTICLE = [
    "Commuters on the island of Marrow Holm say the new winter timetable leaves them stranded "
    "after evening shifts on the mainland.",
    "The operator cut the last crossing from 23:10 to 21:40 from the start of December, citing "
    "falling passenger numbers after the summer season.",
    "A council member said he would raise the matter at the next meeting and ask the operator "
    "to publish its passenger figures for the whole year.",
]
HEAD = ["Home | News | Sport | Weather", "Ferry timetable changes anger island commuters"]
READERS = [("Marianne", "We have been asking for a later boat for years, this makes it worse."),
           ("Jonas B.", "The figures were always going to be low in November, nobody travels."),
           ("kestrel_9", "Will the weekend sailings change too?")]


def _blocks(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def test_a_name_line_ending_in_a_colon_is_the_comment_author() -> None:
    thread = [f"{name}:\n{words}" for name, words in READERS]
    seg = segment_text(_blocks(HEAD + ARTICLE + ["Comments (3)", *thread, "Leave a comment"]))
    assert seg.comments == [words for _, words in READERS]
    assert seg.comment_authors == [name for name, _ in READERS]
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == ARTICLE


def test_a_label_with_a_colon_is_no_author() -> None:
    """A forum's "Quote:" above the words quoted is the comment's, not a commenter."""
    thread = ["Marianne:\nWe have been asking for a later boat for years, this makes it worse.",
              "Quote:\nThe figures were always going to be low in November, nobody travels."]
    seg = segment_text(_blocks(HEAD + ARTICLE + ["Comments (2)", *thread]))
    assert seg.comment_authors[0] == "Marianne"
    assert "Quote" not in seg.comment_authors


def test_name_and_words_on_one_line_stay_one_comment_without_an_author() -> None:
    """On real pages the words before such a colon are as often a label, an addressee or a
    speaker in a quoted dialogue as the commenter (docs/segmentation.md, twentieth session), so
    the line is kept whole and no author is claimed."""
    thread = [f"{name}: {words}" for name, words in READERS]
    for sep in ("\n\n", "\n"):
        seg = segment_text(sep.join(HEAD + ARTICLE + ["Reader comments", *thread]) + "\n")
        assert seg.comments == thread
        assert seg.comment_authors == [None, None, None]


# the same thread in other languages (made up): heading, then (name, words)
THREADS = {
    "en": ("Comments (3)", READERS),
    "de": ("Kommentare (3)", [
        ("Marianne", "Wir fordern seit Jahren eine spätere Fähre, das macht alles schlimmer."),
        ("Jonas B.", "Im November sind die Zahlen doch immer niedrig, da fährt niemand."),
        ("falke_9", "Ändern sich die Fahrten am Wochenende auch?")]),
    "fr": ("Commentaires (3)", [
        ("Marianne", "Nous demandons un bateau plus tard depuis des années, c'est pire."),
        ("Jonas B.", "Les chiffres sont toujours bas en novembre, personne ne voyage."),
        ("faucon_9", "Les traversées du week-end vont-elles changer aussi ?")]),
    "ru": ("Комментарии (3)", [
        ("Марина", "Мы годами просим более поздний паром, а теперь стало ещё хуже."),
        ("Йонас Б.", "В ноябре цифры всегда низкие, никто не ездит."),
        ("sokol_9", "А рейсы в выходные тоже изменятся?")]),
}


@pytest.mark.parametrize("lang", sorted(THREADS))
def test_name_lines_with_a_colon_in_a_dump_of_one_block_a_line(lang: str) -> None:
    """With no blank lines, "Name:" / words / "Name:" / words …: the rhythm tells the names."""
    heading, readers = THREADS[lang]
    thread = [x for name, words in readers for x in (f"{name}:", words)]
    seg = segment_text("\n".join(HEAD + ARTICLE + [heading, *thread, "Leave a comment"]) + "\n")
    assert seg.comments == [words for _, words in readers]
    assert seg.comment_authors == [name for name, _ in readers]


def test_one_name_line_with_a_colon_in_a_dump_of_one_block_a_line_stays_a_comment() -> None:
    """A single short line over a sentence ("Dear Anna:") is as often a salutation or a label:
    without a second such pair next to it, nothing is claimed."""
    thread = ["Dear Anna:", READERS[0][1], READERS[1][1], READERS[2][1]]
    seg = segment_text("\n".join(HEAD + ARTICLE + ["Comments (3)", *thread]) + "\n")
    assert "Dear Anna" not in seg.comment_authors
    assert "Dear Anna:" in seg.comments


def test_a_name_over_a_reply_among_dated_author_lines_is_no_author() -> None:
    """Where the thread signs its comments "<name> — <date>, <time>", a "<name>:" line over a
    reply names the reader answered."""
    thread = ["Marianne — November 12, 2026, 7:24 am", "Jonas:", READERS[0][1],
              "kestrel_9:", READERS[1][1], "Jonas B. — November 12, 2026, 8:05 am",
              READERS[2][1]]
    seg = segment_text("\n".join(HEAD + ARTICLE + ["Comments (3)", *thread]) + "\n")
    assert "Jonas" not in seg.comment_authors
    assert "kestrel_9" not in seg.comment_authors


# (headline, four paragraphs, three readers' names, their relative stamps, their words, the
# reply button): made up
RELATIVE = {
    "en": ("Town council approves new cycle lanes", [
        "The town council voted on Tuesday to build three kilometres of protected cycle lanes "
        "along the river road.",
        "Work is expected to start in spring and take about six months, the council's planning "
        "office said.",
        "Shop owners on the road had asked for loading bays to stay, and the plan keeps four of "
        "them.",
        "The council expects the lanes to double the number of people cycling to work within "
        "three years."],
        ["Mara Quint", "Tobias Renn", "Ilse Varga"], ["3 hours ago", "2 hours ago", "1 hour ago"],
        ["Finally some good news for everyone who rides to work along the river every day.",
         "Six months of roadworks on the busiest street in town sounds like a very long time.",
         "I hope they also fix the crossing near the school while they are at it."], "Reply"),
    "de": ("Stadtrat beschließt neue Radwege", [
        "Der Stadtrat hat am Dienstag beschlossen, drei Kilometer geschützte Radwege entlang der "
        "Uferstraße zu bauen.",
        "Die Arbeiten sollen im Frühjahr beginnen und etwa sechs Monate dauern, teilte das "
        "Planungsamt mit.",
        "Die Geschäftsleute an der Straße hatten Ladezonen gefordert, der Plan behält vier davon.",
        "Der Stadtrat erwartet, dass sich die Zahl der Pendler auf dem Rad in drei Jahren "
        "verdoppelt."],
        ["Mara Quint", "Tobias Renn", "Ilse Varga"],
        ["vor 3 Stunden", "vor 2 Stunden", "vor 1 Stunde"],
        ["Endlich gute Nachrichten für alle, die jeden Tag am Fluss entlang zur Arbeit fahren.",
         "Sechs Monate Baustelle auf der belebtesten Straße der Stadt klingt für mich sehr lang.",
         "Ich hoffe, sie richten dabei auch den Übergang an der Schule her."], "Antworten"),
    "fr": ("Le conseil municipal approuve de nouvelles pistes cyclables", [
        "Le conseil municipal a voté mardi la construction de trois kilomètres de pistes "
        "cyclables protégées le long du quai.",
        "Les travaux doivent commencer au printemps et durer environ six mois, a indiqué le "
        "service d'urbanisme.",
        "Les commerçants avaient demandé de garder des aires de livraison, et le projet en "
        "conserve quatre.",
        "La mairie espère que le nombre de cyclistes qui vont au travail doublera d'ici trois "
        "ans."],
        ["Mara Quint", "Tobias Renn", "Ilse Varga"],
        ["il y a 3 heures", "il y a 2 heures", "il y a 1 heure"],
        ["Enfin une bonne nouvelle pour tous ceux qui vont au travail à vélo le long du fleuve.",
         "Six mois de travaux dans la rue la plus fréquentée de la ville, cela me paraît long.",
         "J'espère qu'ils vont aussi refaire le passage près de l'école pendant ce temps."],
        "Répondre"),
    "ru": ("Горсовет одобрил новые велодорожки", [
        "Городской совет во вторник проголосовал за строительство трёх километров защищённых "
        "велодорожек вдоль набережной.",
        "Работы начнутся весной и продлятся около шести месяцев, сообщили в отделе "
        "планирования.",
        "Владельцы магазинов просили сохранить зоны разгрузки, и план сохраняет четыре из них.",
        "В совете рассчитывают, что за три года число горожан, которые ездят на работу на "
        "велосипеде, удвоится, а поездки по набережной станут заметно безопаснее."],
        ["Мара Квинт", "Тобиас Ренн", "Ильза Варга"],
        ["3 часа назад", "2 часа назад", "1 час назад"],
        ["Наконец хорошие новости для всех, кто каждый день ездит на работу вдоль реки.",
         "Полгода ремонта на самой оживлённой улице города кажется мне очень долгим сроком.",
         "Надеюсь, заодно они починят переход возле школы."], "Ответить"),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(RELATIVE))
def test_a_thread_of_names_over_relative_stamps_is_read_as_comments(lang: str, sep: str) -> None:
    """"<name>" / "3 hours ago" / words / "Reply", the names with no colon: the first
    reader's lines (English, French, Russian: every reader's) were article text and the
    others furniture; no comment was found."""
    title, body, names, stamps, words, reply = RELATIVE[lang]
    lines = [title, *body]
    for name, stamp, text in zip(names, stamps, words, strict=True):
        lines += [name, stamp, text, reply]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == body
    assert seg.comments == words
    assert seg.comment_authors == names


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(RELATIVE))
def test_a_thread_pasted_without_its_buttons_is_read_by_its_rhythm(lang: str, sep: str) -> None:
    """"<name>" / "3 hours ago" / words, three times, no "Reply": the thread stayed in the
    article (German: furniture). Three stamps at one step, each under a two-word name and
    over a sentence, are a thread."""
    title, body, names, stamps, words, _ = RELATIVE[lang]
    lines = [title, *body]
    for name, stamp, text in zip(names, stamps, words, strict=True):
        lines += [name, stamp, text]
    seg = segment_text(sep.join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == body
    assert seg.comments == words
    assert seg.comment_authors == names


@pytest.mark.parametrize("heads", [
    ["Ferry Strike Ends", "Market Hall Reopens", "Pier Repairs Delayed"],
    ["Sport", "Business", "Local"],
    ["Mara Quint", "Tobias Renn"]], ids=["title-case headlines", "section labels", "two stamps"])
def test_a_stamped_list_without_names_or_rhythm_is_no_thread(heads: list[str]) -> None:
    """A "Latest" list's headlines of three words or more, its section labels, or only two
    named stamps are no readers' thread."""
    title, body, _, stamps, words, _ = RELATIVE["en"]
    lines = [title, *body]
    for head, stamp, text in zip(heads, stamps, words, strict=False):
        lines += [head, stamp, text]
    seg = segment_text("\n".join([*lines, "Contact us", "Privacy Policy | Terms"]) + "\n")
    assert not seg.comments and not seg.comment_authors


# a header's "Comments" link over the article, and a tag line holding a year further down
# (made up)
LINKED = ["Comments", *ARTICLE, "Newer timetables are due next spring, the operator said on "
          "its website.", "Tags: Ferry 2026, timetable"]


@pytest.mark.parametrize("first", ["article", "signed"])
def test_a_comments_link_over_the_models_article_is_signed_only_before_its_prose(
        first: str) -> None:
    """Inside the line model's main block a "Comments" heading opens a thread when a thread's
    sign lies within 5 lines below it; a tag line's year under three paragraphs the model
    keeps was such a sign, and the article under the link was read as reader comments (a
    training page, article F1 0.0). The sign must come before three long main lines in a
    row; a thread's first comment shows its name or date at once."""
    page = LINKED if first == "article" else \
        ["Comments", "Marianne on May 3, 2026 at 8:15 pm", *LINKED[1:]]
    lines = read_lines("\n".join(page) + "\n")
    main = [True] * len(lines)
    decoder = Decoder(lines, LineClassifier(), main, (set(), None))
    assert decoder.signed_below(0, 5) is (first == "signed")
