"""Reader comments in text dumps of Greek, Hebrew, Arabic, French, Spanish and Russian pages
(``segment.comment_words``): the thread's heading ends the article, a commenter's name line is
the author of the comment below it, a footer link is no comment. All pages are made up."""

from __future__ import annotations

import pytest

from parallax.segment.textdump import segment_text

ARTICLE = {
    "el": ["Η δημοτική επιτροπή ενέκρινε χθες το νέο σχέδιο για τους ποδηλατοδρόμους της "
           "πόλης, ύστερα από συζήτηση τεσσάρων ωρών με τους κατοίκους των συνοικιών.",
           "Ο αντιδήμαρχος Πέτρος Λαμπράκης είπε ότι τα έργα θα ξεκινήσουν την άνοιξη και θα "
           "ολοκληρωθούν μέσα σε δεκαοκτώ μήνες από την υπογραφή της σύμβασης.",
           "Οι καταστηματάρχες της οδού Ερμού ζητούν να διατηρηθούν οι θέσεις στάθμευσης "
           "μπροστά από τα μαγαζιά τους κατά τη διάρκεια των εργασιών."],
    "he": ["מועצת העיר אישרה אמש את התוכנית החדשה לשבילי האופניים בעיר, לאחר דיון של ארבע "
           "שעות עם תושבי השכונות השונות ונציגי הסוחרים.",
           "סגן ראש העיר פטר למברקיס אמר כי העבודות יתחילו באביב ויסתיימו בתוך שמונה עשר "
           "חודשים מיום חתימת החוזה עם הקבלן הזוכה במכרז.",
           "בעלי החנויות ברחוב הראשי מבקשים לשמור על מקומות החניה מול החנויות שלהם במהלך "
           "כל תקופת העבודות בשכונה."],
    "ar": ["وافق المجلس البلدي أمس على الخطة الجديدة لمسارات الدراجات في المدينة بعد نقاش "
           "استمر أربع ساعات مع سكان الأحياء وممثلي التجار في السوق القديم.",
           "وقال نائب رئيس البلدية بطرس لمبراكيس إن الأشغال ستبدأ في الربيع وتنتهي خلال "
           "ثمانية عشر شهرا من تاريخ توقيع العقد مع الشركة المنفذة.",
           "ويطالب أصحاب المحلات في الشارع الرئيسي بالحفاظ على أماكن الوقوف أمام محلاتهم "
           "طوال فترة الأشغال في الحي."],
}
HEADING = {"el": "Σχόλια (2)", "he": "תגובות (2)", "ar": "التعليقات (2)"}
SHARE = {"el": "Κοινοποίηση", "he": "שתפו", "ar": "شارك"}
FOOTER = {"el": "Όροι χρήσης | Επικοινωνία", "he": "תנאי שימוש", "ar": "سياسة الخصوصية"}
READERS = {
    "el": [("Κώστας Β.", "Επιτέλους, περιμέναμε αυτούς τους δρόμους εδώ και χρόνια."),
           ("Μαρία", "Και πού θα παρκάρουμε εμείς που μένουμε στο κέντρο;")],
    "he": [("אורי", "סוף סוף, חיכינו לשבילים האלה כבר שנים."),
           ("מיכל", "ואיפה נחנה אנחנו שגרים במרכז העיר?")],
    "ar": [("أبو سامي", "أخيرا، انتظرنا هذه المسارات منذ سنوات طويلة."),
           ("ليلى", "وأين سنركن سياراتنا نحن سكان وسط المدينة؟")],
}
TITLE = {"el": "Εγκρίθηκαν οι νέοι ποδηλατόδρομοι στο κέντρο της πόλης",
         "he": "אושרו שבילי האופניים החדשים במרכז העיר",
         "ar": "الموافقة على مسارات الدراجات الجديدة في وسط المدينة"}
MENU = ["Home", "News", "Sport", "Contact"]


def page(lang: str, readers: list[tuple[str, str]], heading: str, footer: str,
         share: str = "Share") -> str:
    comments = "\n\n".join(f"{name}\n{words}" for name, words in readers)
    return "\n".join(MENU) + f"\n\n{TITLE.get(lang, 'A made-up headline about bike lanes')}" \
        f"\n\n" + "\n".join(ARTICLE.get(lang, ARTICLE["el"])) + f"\n\n{share}\n\n{heading}\n\n" \
        + comments + f"\n\n{footer}\n"


@pytest.mark.parametrize("lang", ["el", "he", "ar"])
def test_a_thread_under_a_greek_hebrew_or_arabic_heading_is_no_article_text(lang: str) -> None:
    """Before: no pattern knew the heading, so both comments (and the share button) were read
    on as the article's paragraphs."""
    got = segment_text(page(lang, READERS[lang], HEADING[lang], FOOTER[lang], SHARE[lang]))
    main = got.articles[0]
    assert main.paragraphs == ARTICLE[lang]
    assert got.comments == [words for _, words in READERS[lang]]
    assert got.comment_authors == [name for name, _ in READERS[lang]]
    kinds = {b.text: b.kind for b in got.boilerplate}
    assert kinds[HEADING[lang]] == "comments_heading"
    assert kinds[SHARE[lang]] == "share_buttons"
    assert kinds[FOOTER[lang]] == "footer"


@pytest.mark.parametrize(("heading", "footer", "readers"), [
    ("Commentaires (2)", "Mentions légales\nContact",
     [("Sophie L.", "Enfin, on attendait ces pistes depuis des années."),
      ("marc_84", "Et où allons-nous nous garer, nous qui habitons le centre ?")]),
    ("Comentarios", "Aviso legal · Política de privacidad",
     [("Lucía G.", "Por fin, llevamos años esperando estos carriles."),
      ("pepe_71", "¿Y dónde vamos a aparcar los que vivimos en el centro?")]),
    ("Комментарии (2)", "Политика конфиденциальности",
     [("Сергей В.", "Наконец-то, мы ждали эти дорожки много лет."),
      ("Ольга", "А где теперь парковаться тем, кто живёт в центре?")]),
])
def test_a_name_line_heading_its_block_is_the_comments_author(
        heading: str, footer: str, readers: list[tuple[str, str]]) -> None:
    """Before: each name line was a comment of its own (four comments for two), and the
    Spanish footer was a comment too."""
    got = segment_text(page("xx", readers, heading, footer))
    assert got.comments == [words for _, words in readers]
    assert got.comment_authors == [name for name, _ in readers]
    assert footer.splitlines()[0] in {b.text for b in got.boilerplate if b.kind == "footer"}


def test_a_name_line_in_a_dump_of_one_block_a_line_stays_a_comment() -> None:
    """Without blank lines a short line cannot be told from a one-line comment ("Agreed"),
    so nothing is joined there (real pages' renderings are read as before)."""
    readers = READERS["el"]
    flat = page("el", readers, HEADING["el"], FOOTER["el"]).replace("\n\n", "\n")
    got = segment_text(flat)
    assert got.comment_authors == [None] * len(got.comments)
    assert readers[0][1] in got.comments
    assert not any(readers[0][1] in p for p in got.articles[0].paragraphs)


def test_a_greek_reply_button_is_the_threads_not_a_comment() -> None:
    readers = [(name, f"{words}\nΑπάντηση") for name, words in READERS["el"]]
    got = segment_text(page("el", readers, HEADING["el"], FOOTER["el"]))
    assert got.comments == [words for _, words in READERS["el"]]
    assert [b.kind for b in got.boilerplate if b.text == "Απάντηση"] == ["comment_action"] * 2


def test_an_empty_portuguese_thread_gives_no_comments() -> None:
    """A heading with no comment under it, only the thread's note, the footer's terms link and
    a related heading: nothing there is a reader's words (the note is a sentence)."""
    article = "\n".join(ARTICLE["el"])
    text = (f"Início\nNotícias\n\nUm título inventado sobre ciclovias\n\n{article}\n\n"
            "Comentários\n\nOs comentários não representam a opinião do site; a "
            "responsabilidade é do autor da mensagem.\n\nTermos e condições\n\n"
            "Leia também\n\nOutra notícia inventada sobre o trânsito\n")
    got = segment_text(text)
    assert got.comments == []
    kinds = {b.text: b.kind for b in got.boilerplate}
    assert kinds["Comentários"] == "comments_heading"
    assert kinds["Termos e condições"] == "footer"


@pytest.mark.parametrize(("lang", "byline", "author", "iso"), [
    ("el", "12 Μαΐου 2025 | Της Ελένης Παππά", "Ελένης Παππά", "2025-05-12"),
    ("he", "יום רביעי, 7 בינואר 2026 | מאת יעל כהן", "יעל כהן", "2026-01-07"),
    ("ar", "الأحد 9 مارس 2025 | بقلم هدى سالم", "هدى سالم", "2025-03-09"),
])
def test_a_greek_hebrew_or_arabic_byline_gives_date_and_author(
        lang: str, byline: str, author: str, iso: str) -> None:
    """Before: no month name of these languages was known and no "by" word, so the byline
    gave no date and its author became the outlet's hint."""
    from parallax.segment.dates import parse_absolute

    text = page(lang, READERS[lang], HEADING[lang], FOOTER[lang], SHARE[lang]).replace(
        f"{TITLE[lang]}\n\n", f"{TITLE[lang]}\n\n{byline}\n\n")
    main = segment_text(text).articles[0]
    assert main.author == author
    assert main.published is not None and parse_absolute(main.published) == iso
    assert main.paragraphs == ARTICLE[lang]
