"""Event actions: which stage of a process an English headline and lead report.

Why: two undated events of one cast (a court's verdict and the appeal against it a month later;
a bill passed and the veto of it) share their names, their theme and most of their terms, so
names, meaning and terms link them as high as one event told by three outlets. What differs is
the act itself: "sentenced" against "upheld on appeal", "passes" against "vetoes". So a story
keeps, per process (a *family*: a court case, a bill, an election, an office), the stages its
English members' headline and first words name, and consolidation refuses an undated merge of
two stories that both name a stage of one family and share none (``StorySimilarity.story_link``).

An article's stage in a family is the *latest* one it names: a report of the appeal names the
sentence it upholds, a sentencing report the plea before it. The families and their trigger
words were written from the ACE 2005 event types (Justice, Personnel) and ordinary legislative
and electoral news language before measuring, then corrected where the realistic pool's tuning
part showed a wrong split or trigger (docs/stories.md, fifteenth session); only words that name
the act itself are listed (not "investigation" or "talks", which every report of a cast's
affairs carries). English only: articles of other languages add no stage, so a link where
either side has no English member naming one (two single reports in two languages, say)
decides as before. A veto only where both sides name a stage: most headlines
name none (9 of 45 in basil-tune's tuning half), and then nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: family -> its stages in the order a process runs through them, with their trigger words
#: (prefixes, case-insensitive, matched at a word start)
FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "court": (
        # arrest and charge come together, and so do verdict and sentence in most reports:
        # one stage each, or one event's reports would name two
        ("charge", r"arrest|detained\b|taken into custody|charg(?:ed|es|ing)\b|indict"),
        ("plea", r"plead|pleaded|pleads|pled\b|guilty plea|plea deal|plea agreement"),
        ("trial", r"trial\b|jury|jurors"),
        ("verdict", r"convict|verdict|acquit|found guilty|finds? \w+ guilty|sentenc|imprison"),
        ("appeal", r"appeals? court|appellate|uph[oe]ld|overturn"
                   r"|(?:reject|den(?:y|ies|ied)|dismiss|los(?:es|t)|win|won)\w*\b[^.,;:]{0,30}"
                   r"\bappeal\b|appeal\b[^.,;:]{0,30}\b(?:rejected|dismissed|denied|blocked)"),
        ("pardon", r"pardon|commut|clemency"),
    ),
    "inquiry": (
        ("subpoena", r"subpoena"),
        ("testimony", r"testif|testimony"),
    ),
    "bill": (
        ("pass", r"pass(?:es|ed)\b"),
        ("veto", r"veto"),
        ("sign", r"signs\b|signed into law"),
    ),
    "election": (
        ("run", r"candidacy|runs? for|launch(?:es|ed)? (?:a |his |her )?(?:bid|campaign)"
                r"|enters? the race"),
        ("endorse", r"endors"),
        ("result", r"wins\b|won\b(?!['’]t)|victory|defeat|conced|loses\b"),
    ),
    "office": (
        ("nominate", r"nominat|nominee"),
        ("resign", r"resign|steps? down|stepping down"),
        ("fire", r"fire[sd]\b|firing|ousted"),
    ),
}
_PATTERNS = {family: tuple((stage, re.compile(r"\b(?:" + words + ")", re.IGNORECASE))
                           for stage, words in stages)
             for family, stages in FAMILIES.items()}
#: the languages whose stages are read
LANGUAGES = frozenset({"en"})


def action_stages(title: str, lead: str, language: str | None) -> dict[str, str]:
    """Family -> the latest stage the headline and lead name (none for other languages)."""
    if language not in LANGUAGES:
        return {}
    text = f"{title} . {lead}"
    found: dict[str, str] = {}
    for family, stages in _PATTERNS.items():
        for stage, pattern in stages:
            if pattern.search(text):
                found[family] = stage
    return found


def stages_clash(a: Mapping[str, Mapping[str, int]], b: Mapping[str, Mapping[str, int]]
                 ) -> bool:
    """Whether two stories (family -> stage -> members naming it) both name a stage of one
    family and share none of that family's stages: two acts of one process."""
    return any(family in b and not a[family].keys() & b[family].keys() for family in a)
