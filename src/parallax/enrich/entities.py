"""Default entity finder (``gazetteer/v1``): capitalised spans + a curated alias table.

Good enough to wire the product end to end in every language without a model: names are found
by shape, typed by context cues or the alias table, and linked to one canonical entity per
article by name-part matching ("Dragan" -> "Aurel Dragan", "Драгана" -> "Аурел Драган").
Cyrillic names outside the table get a transliterated canonical form so they meet their Latin
spelling across articles. Model-based NER (spaCy, natasha) registers as a separate stage.
"""

from __future__ import annotations

import re

from parallax.enrich.aliases import AliasEntry, alias_lookup, load_aliases
from parallax.enrich.german_names import (
    COMPANY,
    GermanWords,
    adjective_name_type,
    english_opener,
    is_first_name,
    merge_inflections,
    name_runs,
)
from parallax.enrich.german_places import german_place, place_parts
from parallax.enrich.german_types import (
    CLUB,
    GERMAN_NOT_NAME,
    GERMAN_PLACE_HEAD,
    MIXED_ACRONYM,
    german_single,
    not_a_person,
    people_reading,
    person_mention,
    surname_reused,
)
from parallax.enrich.mention_links import drop_overlaps, link_name_parts
from parallax.records import Article, Mention
from parallax.registry import register
from parallax.settings import Config
from parallax.textutil import STOPWORDS, fold, translit

#: every Latin letter of Latin-1 and Latin Extended-A (Polish ą ć ę ń ó ź, Portuguese ã õ â ê,
#: French î ô û œ, Czech, Romanian, ...), Cyrillic. A short hand list cut names at the first
#: letter it lacked ("Geração" -> "Geraç", "Sertão" -> "Sert", "Rządu" -> "Rz"), and the stub
#: became an entity (eleventh session, docs/enrichment.md)
_LATIN = [chr(c) for c in range(0xC0, 0x180) if chr(c).isalpha()]
_UP = "A-Z" + "".join(c for c in _LATIN if c.isupper()) + "А-ЯЁІЇЄҐ"
_LOW = "a-z" + "".join(c for c in _LATIN if c.islower()) + "а-яёіїєґ"
_NAME = rf"[{_UP}](?:[{_LOW}{_UP}'’-]|\.(?=[{_UP}]))*"
#: "von der" / "van den": a surname's two-word particle ("<given> von der <surname>"); with one
#: connector word only, such a name was cut before its surname and dropped
_CONNECT = r"(?:\s(?:(?:von|van)\s(?:der|den|dem)|of|the|for|de|von|der|van|al|bin)\s|\s|-)"
SPAN = re.compile(rf"(?<![\w])({_NAME}(?:{_CONNECT}{_NAME})*)")
ACRONYM = re.compile(rf"(?<![\w])([{_UP}]{{2,6}})(?![\w])")

TITLES = {
    fold(t)
    for t in [
        "President",
        "Präsident",
        "Президент",
        "Prime",
        "Minister",
        "Minister",
        "Ministerin",
        "Chancellor",
        "Kanzler",
        "Kanzlerin",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Mayor",
        "Bürgermeister",
        "Herr",
        "Herrn",
        "Frau",
        "Envoy",
        "Spokesperson",
        "Sprecher",
        "Sprecherin",
        "General",
        "Secretary",
        "Senator",
        "министр",
        "мэр",
        "глава",
        "премьер",
        "посол",
        "генерал",
    ]
}
ORG_WORDS = {
    fold(w)
    for w in [
        "Agency",
        "Ministry",
        "Council",
        "Union",
        "Party",
        "Press",
        "Courier",
        "Ledger",
        "Bank",
        "Committee",
        "Commission",
        "Parliament",
        "Army",
        "Forces",
        "Today",
        "Herald",
        "Institute",
        "University",
        "Group",
        "Tide",
        "Company",
        "Corporation",
        "Office",
        "Service",
        "Services",
        "Police",
        "Court",
        "Government",
        "Observer",
        "Times",
        "News",
        "Post",
        "Network",
        "Ministerium",
        "Partei",
        "Regierung",
        "Agentur",
        "Rat",
        "Bundestag",
        "Polizei",
        "Вестник",
        "Министерство",
        "Партия",
        "Агентство",
        "Правительство",
        "Совет",
        "Полиция",
    ]
}
PLACE_CUES = {"in", "from", "to", "near", "across", "im", "aus", "nach", "bei", "в", "из", "под"}
PERSON_CUES = {
    fold(w)
    for w in [
        "said",
        "says",
        "told",
        "wrote",
        "added",
        "insisted",
        "sagte",
        "erklärte",
        "заявил",
        "сказал",
        "написал",
        "добавил",
    ]
}
PLACE_WORDS = {
    fold(w)
    for w in [
        "Base",
        "Sea",
        "River",
        "Region",
        "Oblast",
        "Asia",
        "Ocean",
        "Lake",
        "Street",
        "Square",
        "Airport",
        "Valley",
        "Mountains",
        "Island",
        "Islands",
        "Province",
        "District",
        "Bay",
        "Coast",
        "Fluss",
        "See",
        "Region",
        "Stadt",
        "Kreis",
        "Gebiet",
        "область",
        "море",
        "река",
    ]
}
#: the first word of a place's name in languages that put the kind before the name
#: (Portuguese, Italian, Polish: "Rio Negro", "Mar Nero", "Stati Uniti", "Morze Czarne"): a
#: name of two or three words outside English and German was a person. Chosen on the even-
#: numbered SemEval training documents of PT, it, po, fr; "Vila" from N5's made-up page; not
#: "Stato" (a body: "Stato Islamico"), "Gran", "Grand" nor the saints (a person or a town)
PLACE_HEADS = frozenset(fold(w) for w in """Vila Rio Nova Novo Porto Ponte Campo Piazza Mar
Oceano Golfo Glaciar Ilha Ilhas Isola Isole Morze Regione Região Stati Estados Regno Reino
Emirados Emirati""".split())
DEMONYM_ENDINGS = (
    "ian",
    "ean",
    "ese",
    "ish",
    "ican",
    "isch",
    "ische",
    "ischen",
    "ischer",
    "ский",
    "ская",
    "ские",
    "ского",
)
INITIAL_WORDS = {
    *"while although because since however despite even yet still now meanwhile instead "
    "today yesterday während obwohl dennoch jetzt heute однако теперь сегодня later earlier "
    "then first after before when if".split(),
    # closed-class words that open a sentence in the gazetteer's other languages (fr, it, pl,
    # pt, es, bg): with the full letter set a capitalised "Otóż", "Następnie", "Perciò",
    # "Peut-être" now joins the name after it (eleventh session; docs/enrichment.md)
    *"selon ensuite puis cependant pourtant ainsi alors hier peut-être depuis pendant lorsque "
    "quand mais dans chez avec sans après avant déjà enfin donc".split(),
    *"secondo perciò quindi però tuttavia oggi ieri poi mentre quando anche dopo prima "
    "con per tra fra nel nella dal dalla così ecco ora adesso infatti inoltre".split(),
    *"otóż następnie odkąd jednak dziś dzisiaj wczoraj teraz potem gdy kiedy jeżeli jeśli "
    "dlaczego w we z ze na do od po dla przez przed za pod nad bo ale oraz także również "
    "tymczasem według niestety zdaniem".split(),
    *"segundo hoje ontem depois contudo porém entretanto enquanto mas também ainda já agora "
    "após antes para com sem sobre entre em no nos nas da dos das ao à pelo pela según hoy "
    "ayer después pero sin desde cuando mientras además".split(),
    *"не според днес вчера сега след преди когато ако но във към също обаче".split(),
}
PRONOUN_LIKE = {
    fold(w)
    for w in [
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "His",
        "Her",
        "Er",
        "Sie",
        "Es",
        "Wir",
        "Ich",
        "Он",
        "Она",
        "Они",
        "Мы",
        "Я",
        "Mr",
        "Mrs",
    ]
}


class GazetteerEntities:
    requires = ("text", "sentences", "language")
    assigns = ("entities",)

    def __init__(self, aliases: dict[str, AliasEntry]) -> None:
        self.aliases = aliases

    def annotate(self, article: Article) -> None:
        text = article.text
        starts = {s.start for s in article.sentences}
        german = article.language == "de"
        lowercase_vocab = {w for w in re.findall(rf"(?<![\w])[{_LOW}]+", text)}
        words = GermanWords(text, lowercase_vocab) if german else None
        raw: list[Mention] = []
        candidates: list[tuple[int, str]] = []
        for m in list(SPAN.finditer(text)) + list(ACRONYM.finditer(text)):
            start = m.start(1)
            offset = start
            for part in re.split(r"(?<=['’]s) ", m.group(1)):  # "Valdoria's Mira Kessler"
                candidates.append((offset, part))
                offset += len(part) + 1
        for start, surface in candidates:
            surface = surface.rstrip(".-’'")
            surface = re.sub(r"['’]s$", "", surface)
            # drop leading stopwords / sentence-initial function words ("The", "While")
            tokens = surface.split()
            while tokens and (
                (fold(tokens[0]) in STOPWORDS
                 and not (words is not None and english_opener(tokens)))
                or fold(tokens[0]) in PRONOUN_LIKE
                or (
                    start in starts
                    and len(tokens) > 1
                    and (
                        tokens[0].lower() in lowercase_vocab
                        or tokens[0].lower() in INITIAL_WORDS
                        or tokens[0].endswith("ing")
                        or fold(" ".join(tokens[1:])) in self.aliases
                    )
                    and fold(" ".join(tokens)) not in self.aliases
                )
            ):
                start += len(tokens[0]) + 1
                tokens = tokens[1:]
            if words is not None and tokens and fold(" ".join(tokens)) not in self.aliases \
                    and text[start:start + len(" ".join(tokens))] == " ".join(tokens):
                # "Finanzministerin Hanna Roloff", "Beitritt <country>s", "Diese Reform":
                # German common nouns glued to a name are cut off; the name stays
                for at, part, listed in place_parts(start, tokens):
                    runs = [(at, part, "name")] if listed else self._split_aliases(
                        name_runs(text, at, part, words, self._known))
                    for at_run, run, kind in runs:
                        found = self._german_run(text, at_run, run, kind, at_run in starts, words)
                        if found:
                            raw.append(found)
                continue
            if not tokens:
                continue
            surface = " ".join(tokens)
            end = start + len(surface)
            if text[start:end] != surface:  # connectors with odd spacing: keep exact offsets
                end = start + len(tokens[0])
                surface = text[start:end]
            mention = self._classify(text, start, end, surface, start in starts, words)
            if mention:
                raw.append(mention)
        if words is not None:
            merge_inflections(raw, text, words)
        article.entities = link_name_parts(drop_overlaps(raw))

    def _split_aliases(self, runs: list[tuple[int, list[str], str]]
                       ) -> list[tuple[int, list[str], str]]:
        """"<country> <country>" across a clause ("aus den USA Polen ..."): two names."""
        out = []
        for at, run, kind in runs:
            if len(run) > 1 and self._alias_de(" ".join(run)) is None \
                    and all(self._alias_de(t) is not None for t in run):
                for token in run:
                    out.append((at, [token], kind))
                    at += len(token) + 1
            else:
                out.append((at, run, kind))
        return out

    def _known(self, token: str) -> bool:
        """A token no common-word evidence overrides: an alias, an acronym, a given name."""
        return (self._alias_de(token) is not None or MIXED_ACRONYM.match(token) is not None
                or (token.isupper() and len(token) >= 2) or is_first_name(token))

    def _alias_de(self, surface: str) -> AliasEntry | None:
        """The alias of a German name, also in the genitive ("Russlands")."""
        entry = alias_lookup(self.aliases, surface)
        if entry is None and surface.endswith("s") and len(surface) > 4:
            entry = alias_lookup(self.aliases, surface[:-1])
        if entry is None and (place := german_place(surface)) is not None:
            entry = AliasEntry(*place)  # "die Türkei", "den Vereinigten Staaten"
        return entry

    def _german_run(self, text: str, start: int, run: list[str], kind: str,
                    sentence_start: bool, words: GermanWords) -> Mention | None:
        surface = " ".join(run)
        end = start + len(surface)
        if text[start:end] != surface or people_reading(text, start, surface) \
                or (surface == "St" and text.startswith(". ", end)):  # "St. <Name>": its name
            return None
        entry = self._alias_de(surface)
        if entry is not None:
            return Mention(surface, start, end, entry.type, entry.canonical)
        if kind == "adjective":
            return Mention(surface, start, end, adjective_name_type(run), surface)
        if kind == "place":
            return Mention(surface, start, end, "GPE", surface)
        if kind == "person" and len(run) <= 4 and not (len(run) == 1 and run[0].endswith("s")):
            return person_mention(text, start, surface, "PERSON")
        return self._classify(text, start, end, surface, sentence_start, words)

    def _classify(
        self, text: str, start: int, end: int, surface: str, sentence_start: bool,
        german_words: GermanWords | None,
    ) -> Mention | None:
        german = german_words is not None
        if german and people_reading(text, start, surface):
            return None
        entry = alias_lookup(self.aliases, surface)
        if entry is None and " " in surface:  # "President Aurel Dragan": strip titles
            parts = surface.split()
            while parts and fold(parts[0]) in TITLES:
                start += len(parts[0]) + 1
                parts = parts[1:]
            if not parts:
                return None
            surface = " ".join(parts)
            end = start + len(surface)
            entry = alias_lookup(self.aliases, surface)
        if entry:
            return Mention(surface, start, end, entry.type, entry.canonical)
        words = surface.split()
        if german and len(words) == 1:
            return german_single(text, start, end, surface, german_words)
        if german and len(words) >= 2 and GERMAN_PLACE_HEAD.match(words[0]):
            tail = " ".join(words[1:])  # "Region Orsk", "Hauptstadt Drava": the place
            return Mention(tail, end - len(tail), end, "GPE", tail)
        if german and (GERMAN_NOT_NAME.match(words[0]) or GERMAN_NOT_NAME.match(words[-1])):
            return None  # "Millionen Menschen", "Ende Oktober"
        if german and len(words) >= 2 and (COMPANY.match(words[-1]) or CLUB.match(words[0])):
            return Mention(surface, start, end, "ORG", surface)  # "<name> AG", "FC <town>"
        if german and len(words) in (2, 3) and is_first_name(words[0]):
            etype = not_a_person(text, start, words, fold(words[-1]) in ORG_WORDS, True)
            return person_mention(text, start, surface, etype or "PERSON")
        if german and len(words) in (2, 3) and surname_reused(text, words[-1]):
            # nouns were cut before; a place's genitive ("<noun> Russlands") is none, nor an
            # organisation's name ("<name> Online") or a numbered thing's ("<name> II")
            person = not any(self._alias_de(w) is not None or w.islower() for w in words)
            etype = not_a_person(text, start, words, fold(words[-1]) in ORG_WORDS, False) \
                if person else "MISC"
            return person_mention(text, start, surface, etype or "PERSON")
        if fold(words[-1]).endswith(DEMONYM_ENDINGS):
            return None  # "Korvanian", "North Korean": adjectives, not entities
        if fold(words[-1]) in PLACE_WORDS:
            etype = "GPE"
        elif fold(words[-1]) in ORG_WORDS or (surface.isupper() and len(surface) <= 6
                                              and not (len(surface) == 1 and sentence_start)):
            # a letter opening a sentence is a word ("O", "A", "E" in Portuguese,
            # "W", "Z" in Polish), not an acronym: it was an ORG entity (N5)
            etype = "ORG"
        elif fold(words[0]) in TITLES:
            return None
        elif not german and len(words) in (2, 3) and fold(words[0]) in PLACE_HEADS:
            etype = "GPE"  # "Vila Serena", "Rio Negro": not a person (N5's left item)
        else:
            before = text[max(0, start - 30) : start].split()
            prev = fold(before[-1]) if before else ""
            after = text[end : end + 20].split()
            nxt = fold(after[0].strip(",.")) if after else ""
            if prev in TITLES or nxt in PERSON_CUES or (len(words) in (2, 3) and not german):
                etype = "PERSON"
            elif prev in PLACE_CUES:
                etype = "GPE"
            elif len(words) == 1 and (sentence_start or german):
                etype = "CANDIDATE"  # kept only if it names a person seen in full (link_name_parts)
            else:
                etype = "MISC"
        canonical = translit(surface) if re.search("[А-Яа-яЁё]", surface) else surface
        return Mention(surface, start, end, etype, canonical)


@register("entities", "gazetteer/v1")
def make_gazetteer(config: Config) -> GazetteerEntities:
    return GazetteerEntities(load_aliases())
