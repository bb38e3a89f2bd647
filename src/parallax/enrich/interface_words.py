"""A page's interface and heading words are no names. Why: on real web pages (helper F,
seventeenth session) the recogniser named the words of forms, menus and headings standing
alone ("Search", "Share", "Login", "Size"), and the article page showed them as key
entities. Both tests must hold: the word is one of a small fixed list of interface words
(written once, from general knowledge, before any measuring), and it stands where such words
stand - alone on its short line, or in a row of short items ("Home | News | Login", "[ Email
her ]"). A word of the list inside a sentence, in a longer name ("Page Six", "Info Systems
Ltd"), or part of another name of the article ("Larry Page" ... "Page") is left alone."""

from __future__ import annotations

import re
from collections.abc import Container

from parallax.records import Mention
from parallax.textutil import fold

INTERFACE_WORDS = frozenset(fold(w) for w in """
    home login logout log signin signup register subscribe unsubscribe search share menu
    info learn more next previous prev back top page pages size comments comment reply print
    email e-mail contact contacts about help faq privacy terms cookies settings account
    profile tags tag categories category archive archives related follow tweet download
    submit send cancel close view edit save continue skip sort filter quantity colour color
    description details reviews rating newsletter advertisement advertising sponsored
    navigation sidebar footer header copyright sitemap feed rss password username website
    name message news
    startseite suche anmelden abmelden registrieren menü teilen kommentare kommentar drucken
    mehr weiter zurück impressum datenschutz kontakt hilfe seite größe antworten abonnieren
    einstellungen übersicht schließen senden
    главная поиск войти вход выход регистрация меню поделиться комментарии комментарий
    ответить подписаться далее назад ещё еще подробнее контакты страница размер печать
    новости
    accueil recherche rechercher connexion inscription partager commentaires commentaire
    répondre imprimer suite plus retour aide taille
    """.split())

_SEPARATORS = re.compile(r"\s*(?:[][|•·›»/\t]|\s{2,})\s*")
_ITEM_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MAX_ITEM_WORDS = 3
#: a sentence's opening right after a label that opens its line: the label is no subject of it
#: (twenty-third session, helper E: a form's "<label> This field is ..." line on 5 of 40
#: SemEval-2023 EN training documents made the label a person)
_SENTENCE_AFTER = re.compile(r" (?:This|These|The|Please|You|Your|We|Our)\b")


def _item_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The short item around a mention (between separators on its line) and its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    offset = start - line_start
    item_start, item_end = 0, len(line)
    for sep in _SEPARATORS.finditer(line):
        if sep.end() <= offset:
            item_start = sep.end()
        elif sep.start() >= offset + (end - start):
            item_end = sep.start()
            break
    return line[item_start:item_end], line


def _labels_row(line: str) -> bool:
    """A row of capitalised labels with no sentence in it ("Home News Sport Login")."""
    words = _ITEM_WORD.findall(line)
    return 2 <= len(words) <= 8 and all(w[0].isupper() for w in words) \
        and not line.rstrip().endswith((".", "!", "?"))


def is_interface_word(mention: Mention, text: str, names: set[str]) -> bool:
    """Whether a one-word mention is an interface or heading word standing as a label.
    ``names`` holds the folded words of the article's longer names: a word among them is
    someone's name part, not a button."""
    if mention.type == "DATE" or " " in mention.text.strip():
        return False
    key = fold(mention.text.strip(" .:!?…"))
    if key not in INTERFACE_WORDS or key in names:
        return False
    item, line = _item_of(text, mention.start, mention.end)
    if line.startswith(mention.text) and _SENTENCE_AFTER.match(text, mention.end):
        return True  # a form's label run on into its help text ("Email This field is ...")
    words = len(_ITEM_WORD.findall(item))
    if words == 1 or (words <= _MAX_ITEM_WORDS and not re.search(r"[.!?]\s*$", item)):
        return True  # alone on its line or item, or a short label ("Comments (12)")
    return _labels_row(line)


def drop_interface_words(mentions: list[Mention], text: str,
                         known: Container[str] = frozenset()) -> list[Mention]:
    """The mentions less those that are interface words standing as labels; a word the alias
    table knows (``known``, folded) stays."""
    names = {fold(w) for m in mentions if m.type != "DATE" and " " in m.text.strip()
             for w in m.text.split()}
    return [m for m in mentions
            if fold(m.text) in known or not is_interface_word(m, text, names)]
