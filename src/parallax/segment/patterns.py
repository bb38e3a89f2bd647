"""Boilerplate recognisers for page furniture, by kind (EN/DE/RU wording).

Each pattern was written against the shapes in the demo corpus and the two seed pages; they
match whole short lines or sentences, never inside a long paragraph of article text.
"""

from __future__ import annotations

import re

_KINDS: list[tuple[str, str]] = [
    ("logo", r"^(logo|site logo|home)$"),
    ("app_download", r"download (the|our)? ?(\w+ )?app|app-?store|play-?store|google play|"
                     r"get it on|app herunterladen|скачайте приложение|скачать приложение|"
                     r"завантажте (застосунок|додаток)|téléchargez l'app|descarga la app|"
                     r"get started now|jetzt starten|начните сейчас|почніть зараз"),
    ("donation_appeal", r"your support|support (us|our|independent)|donat(e|ion)|"
                        r"contribut(e|ion)|paywall|become a (member|supporter)|"
                        r"unterstützen sie|spenden|jetzt spenden|поддержите|пожертв"),
    ("cookie_notice", r"cookies?|consent|datenschutzeinstellungen|файлы cookie"),
    ("empty_comment_box", r"^(comments?\s*\(0\)|no comments yet\.*|be the first to comment\.*|"
                          r"noch keine kommentare\.*|комментариев пока нет\.*|"
                          r"коментарів (поки|ще) немає\.*|aucun commentaire\.*|"
                          r"no hay comentarios\.*|sé el primero en comentar\.*|"
                          r"soyez le premier à commenter\.*|leave a comment\.*)$"),
    ("share_buttons", r"^(share( on| this)?\b.*|tweet|copy link|teilen|поделиться)$"),
    ("newsletter", r"newsletter|subscribe|abonnieren|подпис"),
    ("promo", r"try our ai|ai features|what .* ai can do|advertisement|anzeige|реклама|"
              r"sponsored|read more$|weiterlesen$|background$"),
    ("image_caption", r"^(photo|image|foto|bild|фото)\s*[:©]|©|\bgetty images\b|\breuters\b$"),
]
_COMPILED = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _KINDS]

RELATED_HEADING = re.compile(
    r"^(related articles?|related stories|related|more from .*|more stories|read also|"
    r"you may also like|recommended|lesen sie auch|mehr zum thema|ähnliche artikel|"
    r"das könnte sie auch interessieren|читайте также|по теме|похожие статьи|похожие новости|"
    r"схожі статті|читайте також|à lire aussi|articles similaires|sur le même sujet|"
    r"artículos relacionados|te puede interesar|noticias relacionadas)\s*:?$", re.IGNORECASE)
COMMENTS_HEADING = re.compile(
    r"^(comments?|reader comments|discussion|kommentare|leserkommentare|комментарии|"
    r"коментарі|commentaires|comentarios)\s*(\(\d+\))?\s*:?$", re.IGNORECASE)


def is_donation_appeal(line: str) -> bool:
    """Appeal paragraphs can be long; only used right after an appeal has started."""
    return words_le(line, 90) and bool(_COMPILED[2][1].search(line))


def words_le(line: str, limit: int) -> bool:
    return len(line.split()) <= limit


def boilerplate_kind(line: str) -> str | None:
    """Kind of furniture a short line is, or None if it may be article text."""
    text = line.strip()
    if not text:
        return None
    if len(text.split()) > 40:
        return None
    for kind, rx in _COMPILED:
        if kind == "cookie_notice" and len(text.split()) > 30:
            continue
        if rx.search(text):
            return kind
    return None
