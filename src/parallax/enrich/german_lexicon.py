"""A German common-word lexicon learnt from unlabelled German news, for the gazetteer.

Why: German writes every noun with a capital, so the gazetteer's capitalised spans are names
and nouns alike ("Beitritt <country>s", "<name> Recht", "Diese Reform"). Which capitalised
words are nouns can be read off plain German text without labels: a noun follows an article or
an inflected adjective ("der Krieg", "neue Gespräche"), carries a noun ending (-ung, -heit,
-schaft, ...), and an adjective or verb is also written in lower case. The shipped file
(``data/de-common-v1.txt``) is a word list only, written by ``python -m
parallax.enrich.german_lexicon <semeval2023-task3/ge> <out folder>`` (``make models``); its
header says how it was made. Eighteenth session, docs/enrichment.md.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

FILE = "de-common-v1.txt"

#: closed-class words after which a capitalised word is a noun, not a name ("der Krieg");
#: names take an article too ("die Ukraine"), so one sighting is not enough (RATIO below)
DETERMINERS = frozenset("""
der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
keines dieser diese dieses diesen diesem jene jener jenes jenen jenem jede jeder jedes jeden
jedem alle allen aller viele vielen vieler mehrere einige einigen wenige wenigen manche
manchen solche solchen welche welchen sein seine seinen seinem seiner seines ihr ihre ihren
ihrem ihrer ihres unser unsere unseren unserem unserer mein meine meinen meinem meiner dein
deine euer eure zum zur vom beim ins ans aufs
""".split())
#: the case endings of a German adjective ("neue", "neuen", "neuer", "neues", "neuem"), read by
#: the name rules here and in ``german_names`` and by the source phrase in ``speech_verbs``
#: (``german_places.CASE_ENDING`` adds "-s" and "-n" on purpose: it strips word stems to merge a
#: name's case forms, not to tell an adjective)
ADJECTIVE_ENDING = r"(?:e|en|er|es|em)"
#: a lower-case word with an adjective's case ending before a capitalised one ("neue Gespräche")
_ADJECTIVE = re.compile(r"[a-zäöüß]{3,}" + ADJECTIVE_ENDING + "$")
#: noun endings no name of a person or place carries
NOUN_ENDINGS = re.compile(r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|"
                          r"ismus|ität|itäten|nisse|tum|ment|ments|ierung)$")
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß0-9][A-Za-zÄÖÜäöüß0-9-]*")
OPENING = re.compile(r"(?:^|[.!?:;\n»«„“”\"()–—]|\s-)\s*$")
#: share of a word's sightings after an article or adjective that makes it a noun (names with
#: an article, "der Ukraine", stay below it in the training text); chosen before measuring
RATIO = 0.34


#: a past-tense verb ("sagte", "erklärten") looks like an inflected adjective; a superlative or
#: ordinal ("letzte", "ersten") is one
_PAST = re.compile(r"(?:te|ten)$")
_NOT_PAST = re.compile(r"(?:[^s]sten?|zten?|^(?:zweit|dritt|siebt|acht|hundertst)en?)$")


def opening(text: str, start: int) -> bool:
    """True where a capital says nothing: a sentence, line, heading or quote starts here."""
    return bool(OPENING.search(text[max(0, start - 3):start]))


def adjective(word: str) -> bool:
    return _ADJECTIVE.fullmatch(word) is not None and (
        not _PAST.search(word) or _NOT_PAST.search(word) is not None)


def noun_context(previous: str, adjectives: bool = True) -> bool:
    """A word before a noun: an article, a number ("20 Liter"), an inflected adjective."""
    return previous in DETERMINERS or previous.isdigit() or (adjectives and adjective(previous))


def _sightings(texts: list[str]) -> tuple[Counter[str], Counter[str], set[str], set[str]]:
    total: Counter[str] = Counter()
    after: Counter[str] = Counter()
    lower: set[str] = set()
    capital: set[str] = set()
    for text in texts:
        previous = ""
        for m in _TOKEN.finditer(text):
            word = m.group()
            if word[0].isdigit():
                pass
            elif word[0].islower():
                lower.add(word.lower())
            else:
                capital.add(word.lower())
                if not opening(text, m.start()) \
                        and not word.isupper():
                    total[word] += 1
                    after[word] += noun_context(previous)
            previous = word.lower() if not word[0].isupper() or word.lower() in DETERMINERS \
                else ""
    return total, after, lower, capital


def learn(texts: list[str]) -> tuple[list[str], list[str]]:
    """(nouns, lower-case words that are also written with a capital), lower-cased."""
    total, after, lower, capital = _sightings(texts)
    nouns = sorted({w.lower() for w, n in total.items()
                    if after[w] / n >= RATIO or NOUN_ENDINGS.search(w.lower())})
    return nouns, sorted(w for w in lower if w in capital or (
        len(w) <= 12 and _ADJECTIVE.fullmatch(w) is not None))


@lru_cache(maxsize=1)
def load() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, lower-case words) of the shipped list."""
    nouns: set[str] = set()
    lower: set[str] = set()
    part = nouns
    text = (resources.files("parallax.enrich") / "data" / FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("## lower"):
            part = lower
        elif line and not line.startswith("#"):
            part.add(line)
    return frozenset(nouns), frozenset(lower)


def main(argv: list[str]) -> None:
    folder, out = Path(argv[0]), Path(argv[1])
    skip = set(Path(argv[2]).read_text().split()) if len(argv) > 2 else set()
    files = {f.name: f for d in sorted(folder.glob("train-articles-subtask-*"))
             for f in sorted(d.glob("*.txt")) if f.name not in skip}
    texts = [files[name].read_text(encoding="utf-8") for name in sorted(files)]
    nouns, lower = learn(texts)
    head = [
        "# German common words for the gazetteer (parallax.enrich.german_lexicon). Word list only.",
        f"# Made from the {len(texts)} German training articles of SemEval-2023 Task 3",
        "# (train-articles-subtask-1..3, one copy of each), no labels used. '## nouns': words",
        "# written with a capital mid-sentence that follow an article or an inflected adjective",
        f"# in at least {RATIO:.0%} of their sightings, or carry a noun ending; '## lower': words",
        "# also written in lower case (adjectives, verbs, pronouns) that the text also capitalises",
        "# or that carry an adjective ending. Rebuild: make models.",
    ]
    body = ["## nouns", *nouns, "## lower", *lower]
    (out / FILE).write_text("\n".join(head + body) + "\n", encoding="utf-8")
    print(f"{len(nouns)} nouns, {len(lower)} lower-case words -> {out / FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
