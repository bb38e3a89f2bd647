"""Whether an English span the recogniser calls a name is only a capitalised common word of
its article (``CommonWords``), and the acronyms of common nouns that name no one.

Split from ``ner`` (twenty-third session) to keep that module under its size limit; the
entity stage and its span rules (``ner_spans``) read both from here.
"""

from __future__ import annotations

import re

from parallax.records import Mention

#: web addresses, e-mail addresses and @handles are no names
_ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*", re.IGNORECASE)
#: ... and their lower-case words, like those of paths, slugs and hashtags, are no evidence that
#: a capitalised word is a common one ("Avaaz" and avaaz.org, "MAGA" and #maga)
_NOT_PROSE = re.compile(r"\S*(?:://|www\.|@|#|/|\.(?:com|org|net|gov|edu|co|uk|io|ly)\b)\S*",
                        re.IGNORECASE)
_LOWER_WORD = re.compile(r"(?<![\w.-])[a-z][a-z'’-]*")  # not a file type: ".xaml" is no word
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: what may stand between the start of a sentence (or line) and its first word
_OPENING = re.compile(r"(?:^|[\n.!?:;]|[.!?][\"”’')\]])[\s\"“”'‘’(\[*•·–—-]*$")
#: acronyms of common nouns (devices, formats, units, jargon): the small model types them ORG,
#: but they name no one. On the Dragnet tuning half (thirteenth session) ~100 distinct entities
#: ("CPU", "LCD", "PDF", "ASAP", "Q&A"); none is a SemEval-2025 gold role mention. Left out: ones
#: that are often names too ("MVP": the Mountain Valley Pipeline on SemEval). "AG" (attorney
#: general, before the name: "Deputy AG <name>") twice typed a body on SemEval-2023 EN training
#: (twenty-fourth session); a company's "AG" stays inside the company's span
COMMON_ACRONYMS = frozenset("""
3D 4G 5G AC AI API APK APP ASAP ATM BBQ BFF BMI BTW BYOD CCTV CD CEO CFO CMOS CMS COO CPU
CSS CTO CV DIY DJ DM DNA DNS DRAM DRM DSLR DVD ETA EV FAQ FYI GDP GIF GMO GMT GPA GPS GPU GSM
HD HDMI HR HTML HTML5 HTTP HTTPS IC ICU ID IM IMO IP IPO IQ ISP IT JPEG JSON LAN LCD LED LOL
LTE MBA MMS MP3 MPG MRI NFC OEM OMG OS OT PC PDF PIN PM PNG POV PSD PVC Q&A QB RAM RBI
RFID RGB ROI RPG RPM RSS RSVP SD SDK SEO SLR SMS SQL SSD SSID SSL SUV TBA TBD TV UFO UI URL
USB UTC UX VIP VP VPN VPS WAN WIFI WLAN WTF XML XHTML XSLT YOLO LLC LLP
AG
""".split())
#: a faith, its scriptures and its law name no person, body or place, yet the small model typed
#: them one (a faith a body, a religious law a place, a scripture a body, its tradition a
#: person): on 40 SemEval-2023 EN training documents (twenty-third session, helper E) 13 rows
#: in 5 documents, none of them right as typed; the types Parallax shows have no place for
#: them, and no label is better than a wrong one. Only the whole span: "<Faith> Watch" or an
#: "<adjective> Jihad" group stays.
FAITHS = frozenset("""
islam christianity judaism hinduism buddhism sikhism catholicism protestantism mormonism
sharia shariah sunnah hadith hadiths koran quran qur'an qur’an bible torah talmud gospels
jihad
""".split()) | {"new testament", "old testament", "sharia law"}
#: an ideology named after a person or a thing ("<Surname>ism"), like a faith: no person, body
#: or place, yet typed a place (SemEval-2023 EN training, twenty-fourth session)
_IDEOLOGY = re.compile(r"[A-Z][a-z]+isms?")
#: a page's legal links run together ("Privacy Policy and Terms", "Terms of Use"): on the same
#: documents 12 rows, one in every page of a site whose poll box ends with them
_LEGAL_LINKS = re.compile(r"(?:Privacy|Cookies?|Terms)(?:\s+(?:Policy|of|Use|Service|and|&|"
                          r"Conditions|Privacy|Terms|Notice))+")


class CommonWords:
    """Whether an English span the recogniser calls a name is only a capitalised common word of
    this very article. Why: on real blogs and news pages (Dragnet, docs/quality.md, twelfth
    session) the small spaCy model names words that are capitalised by position or emphasis:
    a sentence's or a heading's first words ("Parsley is a go-to", "Cranberry Citrus Sauce"),
    shouting ("FREE", "DELICIOUS"), and spans with no capital at all ("frozen custard",
    contraction stubs like "doesn", e-mail addresses). The evidence is the article itself: the
    same words written in lower case elsewhere in it. A name keeps its capital wherever it
    stands, so it never meets that test unless it doubles as a common word at the very start of
    a sentence ("Time is rarely ...": dropped there, kept where it stands mid-sentence)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None

    def lower(self) -> set[str]:
        """The article's lower-case words, from lines that hold a capital: a line with none is
        page furniture ("read more on evan gershkovich"), where names are lower case too."""
        if self._lower is None:
            self._lower = {word for line in self.text.splitlines()
                           if any(c.isupper() for c in line)
                           for word in _LOWER_WORD.findall(_NOT_PROSE.sub(" ", line))}
        return self._lower

    def not_a_name(self, mention: Mention) -> bool:
        surface = mention.text
        if _ADDRESS.fullmatch(surface) or (any(c.islower() for c in surface)
                                           and not any(c.isupper() for c in surface)):
            return True
        if surface.upper() in COMMON_ACRONYMS and not surface.istitle():
            return True  # "CPU", "LCD" ("Pm", "It" are left to the rules below)
        if surface.lower() in FAITHS or _LEGAL_LINKS.fullmatch(surface) \
                or _IDEOLOGY.fullmatch(surface):
            return True
        words = _WORD.findall(surface)
        if not words or not all(w.lower() in self.lower() for w in words):
            return False
        if surface.isalpha() and surface.isupper():
            return len(surface) >= 4  # "FREE"; "US", "NHS" may be names that double as words
        before = self.text[max(0, mention.start - 12):mention.start]
        return mention.start == 0 or bool(_OPENING.search(before))
