"""Reader-comment words in the languages the segmenter reads beyond English, German, Russian,
Ukrainian, French and Spanish (whose words stay in ``patterns``): Greek, Hebrew, Arabic,
Italian, Polish and Portuguese, written from general knowledge of how news sites label a thread.

Why a table of its own: a Greek, Hebrew or Arabic comments heading matched no pattern, so the
readers' comments under it were read on as article text (a made-up Greek page: both comments and
the share button in the body; a commenter's words analysed as the outlet's). Each entry is a
whole heading or button a thread shows ("Σχόλια (2)", "تعليقات القراء", "Rispondi"), matched
as a whole short line by the patterns that import it, never a word inside a sentence.
"""

from __future__ import annotations

import re

from parallax.segment.prefilter import fold, twin_safe

#: the noun a thread's heading or count line uses ("Σχόλια", "3 תגובות", "12 commenti")
COMMENT_NOUNS: dict[str, tuple[str, ...]] = {
    "el": ("σχόλια", "σχόλιο", "σχολίων"),
    "he": ("תגובות", "תגובה"),
    "ar": ("التعليقات", "تعليقات", "تعليق"),
    "it": ("commenti", "commento"),
    "pl": ("komentarze", "komentarzy", "komentarz"),
    "pt": ("comentários", "comentário"),
}
#: a whole heading of more words ("readers' comments")
COMMENT_HEADINGS: dict[str, tuple[str, ...]] = {
    "el": ("σχόλια αναγνωστών", "σχόλια χρηστών"),
    "he": ("תגובות הגולשים", "תגובות גולשים", "תגובות קוראים"),
    "ar": ("تعليقات القراء", "تعليقات الزوار"),
    "it": ("commenti dei lettori",),
    "pl": ("komentarze czytelników",),
    "pt": ("comentários dos leitores",),
}
#: a comment's buttons ("Reply", "Report"), as a whole line
COMMENT_BUTTONS: dict[str, tuple[str, ...]] = {
    "el": ("απάντηση", "απαντήστε", "αναφορά"),
    "he": ("השב", "הגב", "דווח", "תגובה לתגובה"),
    "ar": ("رد", "الرد", "إبلاغ", "الإبلاغ"),
    "it": ("rispondi", "segnala"),
    "pl": ("odpowiedz", "zgłoś"),
    "pt": ("responder", "denunciar"),
    "es": ("denunciar", "reportar"),
    "ru": ("пожаловаться",),
}
#: "N hours ago" in a comment's time line, one regex alternative per language
TIME_AGO: tuple[str, ...] = (
    r"\b\d+\s+(minutes?|hours?|days?|weeks?)\s+ago\b",
    r"\bvor\s+\d+\s+(minuten?|stunden?|tagen?|wochen?)\b",
    r"\bil y a\s+\d+\s+(minutes?|heures?|jours?)\b",
    r"\bhace\s+\d+\s+(minutos?|horas?|días?)\b",
    r"\bhá\s+\d+\s+(minutos?|horas?|dias?)\b",
    r"\b\d+\s+(minuti|ore|giorni)\s+fa\b",
    r"\b\d+\s+(minut[ey]?|godzin[ay]?|dni)\s+temu\b",
    r"\b\d+\s+(минут[уы]?|час(а|ов)?|дн(я|ей)|день)\s+назад\b",
    r"\bπριν\s+(από\s+)?\d+\s+(λεπτά|ώρες|ώρα|μέρες|ημέρες)",
    r"לפני\s+\d+\s+(דקות|שעות|ימים)",
    r"منذ\s+\d+\s+(دقائق|دقيقة|ساعات|ساعة|أيام|يوم)",
)


def alternatives(table: dict[str, tuple[str, ...]]) -> str:
    """The table's words as one regex alternation (longest first, so a heading of more words
    is tried before its first noun; then by the words, so the pattern is the same in every
    process, not in a set's hash order)."""
    words = sorted({w for ws in table.values() for w in ws}, key=lambda w: (-len(w), w))
    return "|".join(map(re.escape, words))


#: a share bar's button, as a whole line (``patterns`` kind "share_buttons")
SHARE_BUTTONS: dict[str, tuple[str, ...]] = {
    "el": ("κοινοποίηση", "μοιραστείτε"),
    "he": ("שתפו", "שתף"),
    "ar": ("شارك", "مشاركة"),
    "it": ("condividi",),
    "pl": ("udostępnij",),
    "pt": ("compartilhar", "partilhar"),
}
#: a footer's first link ("Terms of use", "Privacy policy", "Legal notice"): where a thread
#: with no comment form ends (``patterns`` kind "footer", at the line's start)
FOOTER_LINKS: dict[str, tuple[str, ...]] = {
    "el": ("όροι χρήσης", "πολιτική απορρήτου"),
    "he": ("תנאי שימוש", "מדיניות פרטיות"),
    "ar": ("سياسة الخصوصية", "شروط الاستخدام"),
    "it": ("note legali", "informativa sulla privacy"),
    "pl": ("polityka prywatności", "regulamin"),
    "pt": ("política de privacidade", "termos de uso", "termos e condições"),
    "es": ("aviso legal", "política de privacidad"),
    "fr": ("mentions légales", "politique de confidentialité"),
    "ru": ("политика конфиденциальности", "пользовательское соглашение"),
}

#: a thread's note on whose words the comments are, as a line's start (a regex each): set aside
#: as the thread's furniture, never a comment
COMMENT_NOTES: tuple[str, ...] = (
    r"(os|los|i) comentários? não (representam|refletem)\b.*",
    r"los comentarios no (representan|reflejan)\b.*",
    r"les commentaires ne (reflètent|représentent)\b.*",
    r"i commenti non (rappresentano|riflettono)\b.*",
    r"die kommentare (geben|spiegeln) nicht\b.*",
)
#: a related-stories heading, as a whole line (``patterns.RELATED_HEADING``)
RELATED_HEADINGS: dict[str, tuple[str, ...]] = {
    "pt": ("relacionadas", "notícias relacionadas", "leia também", "veja também"),
    "it": ("articoli correlati", "leggi anche"),
    "pl": ("czytaj także", "czytaj też", "zobacz też", "powiązane artykuły"),
    "el": ("σχετικά άρθρα", "διαβάστε επίσης", "διαβάστε ακόμη"),
    "he": ("כתבות נוספות", "עוד בנושא", "כתבות קשורות"),
    "ar": ("مقالات ذات صلة", "اقرأ أيضا", "اقرأ أيضاً", "أخبار ذات صلة"),
}
#: a question's end beyond "?": Arabic's "؟", and Greek's ";" (the Greek question mark's
#: canonical form); a reader's question ending so is a sentence, not a link
QUESTION_MARKS = ("؟", ";")

#: the alternations ``patterns`` puts in its heading, count and button patterns
NOUNS_RX = alternatives(COMMENT_NOUNS)
HEADINGS_RX = alternatives(COMMENT_HEADINGS) + "|" + NOUNS_RX
BUTTONS_RX = alternatives(COMMENT_BUTTONS)
SHARE_RX = alternatives(SHARE_BUTTONS)
#: a site's own legal links in English and German ("Privacy Policy", "Impressum"), at a
#: line's start in the footer pattern only (not ``footer_link``: kept as before), likewise
#: ending their line or meeting a separator ("|", "&", ">", a colon …): "Privacy groups said
#: …" (made up) is the article's and was cut from it as footer. A colon is no separator before
#: a sentence (six words or more, ending as one): "Privacy: Critics said the footage …" (made
#: up) is a run-in heading's paragraph, and was cut whole; "Impressum: <firm>" is still a link
#: (``[^\s]``, not its capital twin: the footer twin's literals must fold to themselves)
SITE_LINKS_RX = (r"(?:imprint|impressum|privacy|datenschutz)"
                 r"(?:\s+(?:policy|policies|notice|statement|settings|info))?"
                 r"(?=\s*(?:$|[|·•/&>–—-]|:(?!(?:\s+[^\s]+){5,}?\s+[^\s]*[.!?]['\"”’»)]*\s*$))"
                 r"|\s{2,})")
#: a footer link ends its line or meets the next link's separator: a paragraph opening with
#: the same words ("Regulamin konkursu przewiduje …", "Política de privacidad de la empresa:
#: …", made up) is the article's, and was cut from it as footer
FOOTER_RX = rf"(?:{alternatives(FOOTER_LINKS)})(?=\s*(?:$|[|·•/–—-])|\s{{2,}})"
#: the same for the footer pattern's case-free twin (``prefilter.folded_twin``, ~8x faster on
#: every line): without the links whose fold holds a letter the twin cannot read (a Greek iota
#: folds to U+0345), which cost the whole pattern its twin. Sound: a line holding such a link
#: is never ``twin_safe``, so the full pattern reads it
FOOTER_TWIN_RX = FOOTER_RX.replace(alternatives(FOOTER_LINKS), alternatives(
    {lang: tuple(w for w in ws if twin_safe(fold(w))) for lang, ws in FOOTER_LINKS.items()}), 1)
#: what ``patterns``' footer pattern reads at a line's start, and its twin's
ALL_FOOTER_RX = f"{SITE_LINKS_RX}|{FOOTER_RX}"
ALL_FOOTER_TWIN_RX = f"{SITE_LINKS_RX}|{FOOTER_TWIN_RX}"
RELATED_RX = alternatives(RELATED_HEADINGS)
_NOTE = re.compile("|".join(COMMENT_NOTES), re.IGNORECASE)


def comment_note(text: str) -> bool:
    """The line is the thread's note on whose words the comments are (``COMMENT_NOTES``): a
    sentence, so longer than the buttons ``patterns.comment_furniture`` is asked about."""
    return _NOTE.match(text) is not None
_FOOTER_LINK = re.compile(rf"^({FOOTER_RX})\b", re.IGNORECASE)


def footer_link(text: str) -> bool:
    """The line starts with a ``FOOTER_LINKS`` link: below a thread, the site's footer (the
    decoder ends the thread there). Not a "©"/"copyright" line: on training sites those stand
    inside threads too (a quoted notice, a commenter's sign-off), and ending the thread there
    lost real comments."""
    return _FOOTER_LINK.match(text) is not None

__all__ = ["ALL_FOOTER_RX", "ALL_FOOTER_TWIN_RX", "BUTTONS_RX", "COMMENT_BUTTONS",
           "COMMENT_HEADINGS", "COMMENT_NOTES", "COMMENT_NOUNS", "FOOTER_LINKS", "FOOTER_RX",
           "HEADINGS_RX", "NOUNS_RX", "QUESTION_MARKS", "RELATED_HEADINGS", "RELATED_RX",
           "SHARE_BUTTONS", "SHARE_RX", "SITE_LINKS_RX", "TIME_AGO", "alternatives",
           "comment_note", "footer_link"]
