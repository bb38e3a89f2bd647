"""Where an English recogniser's span holds a person after a word that is no part of the name.

The small spaCy model takes a capitalised word before a person into the person's span: a job
written as a title ("Historian <given> <surname>"), a body ("UN <given> <surname>") or an
owner in the possessive ("<Society>'s <given> <surname>"), and then often types the whole
span ORG. The person then never meets the rest of the article: the lone surname takes that
span's canonical and type (BASIL dev and the first 60 SemEval-2023 EN training articles,
twentieth session: a UN ambassador's five later mentions typed ORG). A given name from the
curated lists (``quotes_genders``) marks where the person starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parallax.enrich.quotes_genders import FEMALE, MALE
from parallax.enrich.speech_verbs import CUES, EN_DIRECT_CUES

GIVEN = MALE | FEMALE
#: words that open a place or a building named after a saint or a person ("Saint <given>
#: <name>", "Fort <given> <name>"): never a title before a person
_PLACE_OPENERS = frozenset("Saint St. San Santa Sainte Fort Mount Lake Port Cape Camp".split())
#: given names that are also places ("Virginia Tech" is no person)
_PLACE_NAMES = frozenset("Virginia Florence Charlotte Victoria Georgia Austin Madison".split())
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"\S+")
_SURNAME = re.compile(r"[A-Z][a-zà-ÿ'’-]*[a-zà-ÿ]|Jr\.|Sr\.")
#: titles and jobs written before a name (most are kept out of spans by the model itself).
#: A council's members (helper NW): "Councillor <given> <surname>" was one ORG, a person
#: typed as a body ("Council" opens the title)
TITLES = frozenset("""Alderman Alderwoman Ambassador Archbishop Assemblyman Assemblywoman Bishop
Cardinal Chairman Chairwoman Coach Commissioner Congressman Congresswoman Councillor Councilor
Councilman Councilmember Councilwoman Detective Drummer Father Governor Historian Imam Judge
Justice Mayor Pastor President Professor Rabbi Representative Reverend Senator Sergeant
Sheriff""".split())
#: jobs written before a name in title case, a newspaper's false title ("Gardener <given>
#: <surname>", helper SX): the small model kept the job in the span and typed it ORG. Kept
#: apart from TITLES, whose words ``ner_titles`` also drops when alone, because some are
#: surnames too ("<surname> said"). None is a given name: "Baker", "Mason", "Carter",
#: "Porter", "Hunter", "Taylor" ... open a person's own name ("<Baker> <middle> <surname>")
JOBS = frozenset("""Accountant Activist Actor Actress Architect Astronaut Athlete Author Banker
Barrister Biologist Blogger Broadcaster Businessman Businesswoman Campaigner Chef Chemist
Comedian Composer Dancer Dentist Economist Electrician Engineer Entrepreneur Farmer Filmmaker
Firefighter Fisherman Fisherwoman Footballer Gardener Geologist Golfer Hairdresser Journalist
Landlord Lawyer Lecturer Librarian Mechanic Midwife Miner Musician Novelist Nurse Painter
Paramedic Pharmacist Photographer Physicist Pianist Playwright Plumber Poet Policeman
Policewoman Publican Rancher Rapper Researcher Sailor Scientist Sculptor Shopkeeper Singer
Soldier Solicitor Surgeon Teacher Veterinarian Winemaker Writer""".split())
#: last words of a body that owns a person in the possessive ("<Institute>'s <given> ...")
#: (and of a thing named after a person: "<given> <surname> Award" is no person)
BODY_ENDS = frozenset("""Society Institute Foundation Center Centre Council Committee Party
University College Agency Association Network News Times Post Journal Magazine Press Award
Prize Fund School Hospital Library Museum Stadium Park Bridge Street Avenue Hall""".split())


def split_lead(text: str, start: int, end: int, etype: str, lower: Callable[[], set[str]],
               known: Callable[[str], str | None]) -> list[tuple[int, int, str]]:
    """The span's parts as (start, end, type). A lead before "<given> <surname>" (one or two
    surname words) is cut off when each of its words is written in lower case elsewhere in the
    article or is a title (a job as a title: dropped); it stays a name of its own when it is a
    known name, an acronym or a body in the possessive. Else the span is left whole."""
    whole = [(start, end, etype)]
    if etype not in ("PERSON", "ORG", "GPE"):
        return whole
    if etype != "PERSON" and job_before(text, start) and named_after_job(
            text[start:end].split(), lower) and not known(text[start:end]) \
            and _AFTER_NAME.match(text, end):
        return [(start, end, "PERSON")]
    words = list(_WORD.finditer(text, start, end))
    first = 1 if words and words[0].group() in ("the", "a", "an") else 0  # cut later
    for i in range(first + 1, len(words) - 1 if etype != "GPE" else 0):
        rest = [w.group() for w in words[i:]]
        if rest[0] not in GIVEN or words[i - 1].group() in GIVEN \
                or not 2 <= len(rest) <= 3 or rest[-1] in BODY_ENDS \
                or not all(_SURNAME.fullmatch(w) for w in rest[1:]):
            continue
        lead = [w.group() for w in words[first:i]]
        if lead[0] in _PLACE_OPENERS:
            return whole
        person = (words[i].start(), end, "PERSON")
        lead_start, lead_end = words[first].start(), words[i - 1].end()
        if (owned := _POSSESSIVE.search(lead[-1])) and lead[-1][0].isupper():
            owner_end = lead_end - len(owned.group())
            owner = text[lead_start:owner_end]
            kind = known(owner) or ("ORG" if owner.split()[-1] in BODY_ENDS
                                    or owner.isupper() else None)
            return [(lead_start, owner_end, kind), person] if kind else [person]
        lead_text = text[lead_start:lead_end]
        if (kind := known(lead_text)) or (lead_text.isupper() and len(lead_text) >= 2
                                          and lead_text.isalpha()):
            return [(lead_start, lead_end, kind or "ORG"), person]
        if all(w in TITLES or w in JOBS or w.lower() in lower() for w in lead):
            return [person]
        return whole
    if _after_job([w.group() for w in words[first:]], etype, lower):
        return [(words[first + 1].start(), end, "PERSON")]
    return [(start, end, "PERSON")] if person_shaped([w.group() for w in words[first:]], etype) \
        else whole


#: a job or a role written in lower case before a name ("farmer <given> <surname>"): the small
#: model typed such a person ORG, GPE or a product when the lists do not know the given name
#: (thirty-third session, helper EJ: 34 of 112 made-up sentences, 14 jobs, 8 names, 5 frames).
#: Left out: titles that are also common words before a body or a place ("coach", "justice")
LOWER_JOBS = frozenset(w.lower() for w in (JOBS | TITLES) - {"Coach", "Justice"}) | frozenset(
    """tenant resident pensioner student pupil volunteer spokesman spokeswoman spokesperson
    neighbour neighbor widow widower veteran officer constable""".split())
#: jobs and titles as written in title case, and every job a name may follow (both cases): each
#: checked per word of a candidate, so made once here rather than as a union per call
TITLED = JOBS | TITLES
_JOB_WORDS = TITLED | LOWER_JOBS
_JOBS_EITHER = JOBS | LOWER_JOBS  # a span's first word that may be a job (no title)
_JOB_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)[ \t]+$")
_NAME_AFTER_JOB = re.compile(r"(?<![\w-])([a-z]+)[ \t]+([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*)")
#: capitalised words that are no part of a person's name after a job ("nurse Monday")
_NOT_NAMES = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December I""".split())
#: what may follow a person's name after a job: an end of clause, a possessive, a verb in
#: the past ("represented"), a speech verb ("said", "says") or a joining word. A lower-case
#: noun there makes the name a modifier, a body's or a place's ("volunteer Fire Brigade members")
_AFTER_NAME = re.compile(r"['’]s?(?!\w)|(?:\s*(?:[,.;:!?)\"”’—–-]|$)|[ \t]+(?:[a-z]+ed|"
                         + "|".join(CUES + EN_DIRECT_CUES) + r"|and|or|but|who|whose|which|of|"
                         r"in|on|at|from|to|for|with|by|as|was|were|is|are|has|have|had|will|"
                         r"would|could|should|can|may|might|did|does|also|then|later|spoke|"
                         r"took|gave|ran|won|made|came|went)\b)")
#: last words of a firm or a body after a job ("nurse <given> <surname> Trust", "lawyer
#: <surname> <surname> Partners"), with ``BODY_ENDS``
_FIRM_ENDS = BODY_ENDS | frozenset("""Trust Group Partners Associates Ltd Limited Inc Company
Bank Union Club Clinic Church Farm Farms""".split())


def job_before(text: str, start: int) -> bool:
    """Whether the word just before ``start`` (same line) is a job: lower case anywhere, or
    capitalised (a sentence's first word, which the model left out of the span)."""
    found = _JOB_BEFORE.search(text, max(0, start - 30), start)
    return found is not None and found.group(1) in _JOB_WORDS


def named_after_job(words: list[str], lower: Callable[[], set[str]]) -> bool:
    """Whether the words after a job are a person's name: two or three name-shaped words (a
    possessive allowed on the last), none a common word of the article, a calendar word, a
    place's opener or a body's last word ("farmer Co-op Group")."""
    words = [*words[:-1], _POSSESSIVE.sub("", words[-1])] if words else words
    return 2 <= len(words) <= 3 and words[0] not in _PLACE_OPENERS and words[-1] not in \
        _FIRM_ENDS and all(_SURNAME.fullmatch(w) and w not in _NOT_NAMES and w not in
                          TITLED and w.lower() not in lower() for w in words)


def missed_after_jobs(text: str, taken: list[tuple[int, int]],
                      lower: Callable[[], set[str]]) -> list[tuple[int, int]]:
    """Where a name stands right after a lower-case job and the model found nothing there (or
    only a type Parallax does not show, a product): the name's span. Two or three capitalised
    words, followed by no further capitalised word ("nurse <given> <surname> Trust" is a
    body)."""
    spans = []
    for found in _NAME_AFTER_JOB.finditer(text):
        start, end = found.span(2)
        if owned := _POSSESSIVE.search(text, start, end):
            end = owned.start()
        if found.group(1) in LOWER_JOBS and named_after_job(text[start:end].split(), lower) \
                and not any(s < end and start < e for s, e in taken) \
                and _AFTER_NAME.match(text, end):
            spans.append((start, end))
    return spans


def _after_job(words: list[str], etype: str, lower: Callable[[], set[str]]) -> bool:
    """Whether a span is a job (title case, or lower case: "electrician <given> <surname>") and
    the person it names when the given name is unknown to the lists: two or three name-shaped
    words after the job, none written in lower case elsewhere in the article ("Chef Table
    Services" is a body), the last no body's word."""
    if etype not in ("PERSON", "ORG") or not words or words[0] not in _JOBS_EITHER:
        return False
    rest = words[1:]
    return 2 <= len(rest) <= 3 and rest[-1] not in BODY_ENDS and rest[0] not in _PLACE_OPENERS \
        and all(_SURNAME.fullmatch(w) and w.lower() not in lower() for w in rest)


def person_shaped(words: list[str], etype: str) -> bool:
    """A span the model typed ORG that is a given name and a surname ("<given> <surname>"), or
    ORG or place with a middle initial ("<given> W. <surname>"), is a person: on the same
    articles 5 of 5 such ORG spans named a person (and "<given> <surname>" typed a place named
    a garden, so a place needs the initial)."""
    if len(words) < 2 or words[0] not in GIVEN or words[0] in _PLACE_NAMES \
            or words[-1] in BODY_ENDS or not _SURNAME.fullmatch(words[-1]):
        return False
    if len(words) == 2:
        return etype == "ORG"
    return len(words) == 3 and etype in ("ORG", "GPE") and bool(re.fullmatch(r"[A-Z]\.", words[1]))
