"""Reader comments in the shapes people paste them: a commenter's name on a line of its own
ending in a colon, and "Name: words" on one line. All pages are made up."""

from __future__ import annotations

import pytest

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
