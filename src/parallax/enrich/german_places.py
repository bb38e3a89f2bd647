"""German names of countries, regions, large cities and a few fixed adjective names, for German
text only.

Why: the alias table holds about thirty places, so a German article's "die Türkei", "der
Iran" or "die Schweiz" counted as common nouns (German writes nouns with a capital and an
article) and "den Vereinigten Staaten" was missed: its adjective is inflected, and the table
holds the nominative only (eighteenth session, helper E2, docs/enrichment.md). The list is
written from general knowledge (no dataset text); canonicals are the English names the alias
table uses, so German and English articles name one country alike. It is read only for
German: English and Russian output stay as they were.

A multi-word name is matched with its case endings cut off every word ("Vereinigten Staaten",
"Vereinigte Staaten"; "im Roten Meer", "das Rote Meer"), so its canonical is the base form
whichever case the article writes first.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: "German spelling(s) separated by '/' = English canonical : type"
_TABLE = """
Afghanistan=Afghanistan:GPE
Ägypten=Egypt:GPE
Albanien=Albania:GPE
Algerien=Algeria:GPE
Argentinien=Argentina:GPE
Armenien=Armenia:GPE
Aserbaidschan=Azerbaijan:GPE
Äthiopien=Ethiopia:GPE
Australien=Australia:GPE
Bangladesch=Bangladesh:GPE
Belarus/Weißrussland=Belarus:GPE
Belgien=Belgium:GPE
Bolivien=Bolivia:GPE
Bosnien-Herzegowina/Bosnien und Herzegowina=Bosnia and Herzegovina:GPE
Brasilien=Brazil:GPE
Bulgarien=Bulgaria:GPE
Chile=Chile:GPE
Dänemark=Denmark:GPE
Ecuador=Ecuador:GPE
Eritrea=Eritrea:GPE
Estland=Estonia:GPE
Finnland=Finland:GPE
Georgien=Georgia:GPE
Griechenland=Greece:GPE
Indien=India:GPE
Indonesien=Indonesia:GPE
Irak=Iraq:GPE
Iran=Iran:GPE
Irland=Ireland:GPE
Island=Iceland:GPE
Israel=Israel:GPE
Italien=Italy:GPE
Japan=Japan:GPE
Jemen=Yemen:GPE
Jordanien=Jordan:GPE
Kambodscha=Cambodia:GPE
Kamerun=Cameroon:GPE
Kanada=Canada:GPE
Kasachstan=Kazakhstan:GPE
Katar=Qatar:GPE
Kenia=Kenya:GPE
Kirgistan=Kyrgyzstan:GPE
Kolumbien=Colombia:GPE
Kongo=Congo:GPE
Kosovo=Kosovo:GPE
Kroatien=Croatia:GPE
Kuba=Cuba:GPE
Kuwait=Kuwait:GPE
Lettland=Latvia:GPE
Libanon=Lebanon:GPE
Libyen=Libya:GPE
Litauen=Lithuania:GPE
Luxemburg=Luxembourg:GPE
Mali=Mali:GPE
Malta=Malta:GPE
Marokko=Morocco:GPE
Mexiko=Mexico:GPE
Moldau/Moldawien/Republik Moldau=Moldova:GPE
Mongolei=Mongolia:GPE
Montenegro=Montenegro:GPE
Myanmar=Myanmar:GPE
Nepal=Nepal:GPE
Neuseeland=New Zealand:GPE
Niederlande=Netherlands:GPE
Niger=Niger:GPE
Nigeria=Nigeria:GPE
Nordmazedonien=North Macedonia:GPE
Norwegen=Norway:GPE
Österreich=Austria:GPE
Pakistan=Pakistan:GPE
Palästina=Palestine:GPE
Peru=Peru:GPE
Philippinen=Philippines:GPE
Polen=Poland:GPE
Portugal=Portugal:GPE
Rumänien=Romania:GPE
Saudi-Arabien=Saudi Arabia:GPE
Schweden=Sweden:GPE
Schweiz=Switzerland:GPE
Senegal=Senegal:GPE
Serbien=Serbia:GPE
Simbabwe=Zimbabwe:GPE
Singapur=Singapore:GPE
Slowakei=Slovakia:GPE
Slowenien=Slovenia:GPE
Somalia=Somalia:GPE
Spanien=Spain:GPE
Sri Lanka=Sri Lanka:GPE
Südafrika=South Africa:GPE
Sudan=Sudan:GPE
Südsudan=South Sudan:GPE
Syrien=Syria:GPE
Tadschikistan=Tajikistan:GPE
Taiwan=Taiwan:GPE
Tansania=Tanzania:GPE
Thailand=Thailand:GPE
Tschad=Chad:GPE
Tschechien/Tschechische Republik=Czech Republic:GPE
Tunesien=Tunisia:GPE
Türkei=Turkey:GPE
Turkmenistan=Turkmenistan:GPE
Uganda=Uganda:GPE
Ungarn=Hungary:GPE
Usbekistan=Uzbekistan:GPE
Venezuela=Venezuela:GPE
Vereinigte Staaten/Vereinigte Staaten von Amerika=United States:GPE
Vereinigte Arabische Emirate=United Arab Emirates:GPE
Vereinigtes Königreich=United Kingdom:GPE
Vietnam=Vietnam:GPE
Zypern=Cyprus:GPE
Afrika=Africa:GPE
Asien=Asia:GPE
Lateinamerika/Südamerika=Latin America:GPE
Nordamerika=North America:GPE
Osteuropa=Eastern Europe:GPE
Westeuropa=Western Europe:GPE
Skandinavien=Scandinavia:GPE
Balkan=Balkans:GPE
Baltikum=Baltic states:GPE
Kaukasus=Caucasus:GPE
Sibirien=Siberia:GPE
Gazastreifen=Gaza Strip:GPE
Westjordanland=West Bank:GPE
Tschetschenien=Chechnya:GPE
Bayern=Bavaria:GPE
Sachsen=Saxony:GPE
Thüringen=Thuringia:GPE
Hessen=Hesse:GPE
Niedersachsen=Lower Saxony:GPE
Nordrhein-Westfalen=North Rhine-Westphalia:GPE
Baden-Württemberg=Baden-Württemberg:GPE
Rheinland-Pfalz=Rhineland-Palatinate:GPE
Schleswig-Holstein=Schleswig-Holstein:GPE
Mecklenburg-Vorpommern=Mecklenburg-Western Pomerania:GPE
Sachsen-Anhalt=Saxony-Anhalt:GPE
Brandenburg=Brandenburg:GPE
Wien=Vienna:GPE
München=Munich:GPE
Köln=Cologne:GPE
Frankfurt=Frankfurt:GPE
Hamburg=Hamburg:GPE
Stuttgart=Stuttgart:GPE
Dresden=Dresden:GPE
Leipzig=Leipzig:GPE
Hannover=Hanover:GPE
Nürnberg=Nuremberg:GPE
Bremen=Bremen:GPE
Düsseldorf=Düsseldorf:GPE
Bonn=Bonn:GPE
Mainz=Mainz:GPE
Wiesbaden=Wiesbaden:GPE
Potsdam=Potsdam:GPE
Magdeburg=Magdeburg:GPE
Erfurt=Erfurt:GPE
Schwerin=Schwerin:GPE
Rostock=Rostock:GPE
Saarbrücken=Saarbrücken:GPE
Dortmund=Dortmund:GPE
Duisburg=Duisburg:GPE
Bochum=Bochum:GPE
Karlsruhe=Karlsruhe:GPE
Mannheim=Mannheim:GPE
Augsburg=Augsburg:GPE
Freiburg=Freiburg:GPE
Heidelberg=Heidelberg:GPE
Aachen=Aachen:GPE
Chemnitz=Chemnitz:GPE
Salzburg=Salzburg:GPE
Innsbruck=Innsbruck:GPE
Graz=Graz:GPE
Linz=Linz:GPE
Zürich=Zurich:GPE
Genf=Geneva:GPE
Bern=Bern:GPE
Basel=Basel:GPE
Paris=Paris:GPE
London=London:GPE
Madrid=Madrid:GPE
Lissabon=Lisbon:GPE
Athen=Athens:GPE
Kopenhagen=Copenhagen:GPE
Stockholm=Stockholm:GPE
Oslo=Oslo:GPE
Helsinki=Helsinki:GPE
Amsterdam=Amsterdam:GPE
Budapest=Budapest:GPE
Bukarest=Bucharest:GPE
Belgrad=Belgrade:GPE
Zagreb=Zagreb:GPE
Sarajevo=Sarajevo:GPE
Minsk=Minsk:GPE
Riga=Riga:GPE
Vilnius/Wilna=Vilnius:GPE
Tallinn=Tallinn:GPE
Sankt Petersburg/Petersburg=Saint Petersburg:GPE
Lwiw/Lemberg=Lviv:GPE
Mariupol=Mariupol:GPE
Bachmut=Bakhmut:GPE
Mailand=Milan:GPE
Venedig=Venice:GPE
Neapel=Naples:GPE
Florenz=Florence:GPE
Straßburg=Strasbourg:GPE
Krakau=Kraków:GPE
Danzig=Gdańsk:GPE
Istanbul=Istanbul:GPE
Ankara=Ankara:GPE
Teheran=Tehran:GPE
Bagdad=Baghdad:GPE
Damaskus=Damascus:GPE
Beirut=Beirut:GPE
Jerusalem=Jerusalem:GPE
Tel Aviv=Tel Aviv:GPE
Kairo=Cairo:GPE
Kabul=Kabul:GPE
Tokio=Tokyo:GPE
Seoul=Seoul:GPE
Hongkong=Hong Kong:GPE
Schanghai/Shanghai=Shanghai:GPE
Ottawa=Ottawa:GPE
Kapstadt=Cape Town:GPE
Nairobi=Nairobi:GPE
Rom=Rome:GPE
Warschau=Warsaw:GPE
Prag=Prague:GPE
Peking=Beijing:GPE
Nahe Osten/Nahost=Middle East:GPE
Ferne Osten=Far East:GPE
Mittelmeer=Mediterranean Sea:GPE
Rotes Meer=Red Sea:GPE
Schwarzes Meer=Black Sea:GPE
Ostsee=Baltic Sea:GPE
Nordsee=North Sea:GPE
Weißes Haus=White House:ORG
Europäische Union=European Union:ORG
Russische Föderation=Russia:GPE
Italienische Republik=Italy:GPE
Demokratische Republik Kongo=Democratic Republic of the Congo:GPE
Zentralafrikanische Republik=Central African Republic:GPE
Heiliger Stuhl=Holy See:ORG
Europäischer Rat=European Council:ORG
Deutscher Bundestag=Bundestag:ORG
Statistisches Bundesamt=Federal Statistical Office:ORG
Europäisches Polizeiamt=Europol:ORG
Indischer Ozean=Indian Ocean:GPE
Atlantischer Ozean=Atlantic Ocean:GPE
Pazifischer Ozean=Pacific Ocean:GPE
Mittlerer Westen=Midwest:GPE
Deutsches Reich=German Reich:GPE
FC Bayern/FC Bayern München/Bayern München=FC Bayern Munich:ORG
Vereinte Nationen=United Nations:ORG
Europäische Kommission/EU-Kommission=European Commission:ORG
Europäische Zentralbank=European Central Bank:ORG
Europäisches Parlament/EU-Parlament=European Parliament:ORG
Internationaler Währungsfonds=International Monetary Fund:ORG
Internationaler Strafgerichtshof=International Criminal Court:ORG
Rote Kreuz/Rotes Kreuz=Red Cross:ORG
Nord Stream=Nord Stream:MISC
Erster Weltkrieg=World War I:EVENT
Zweiter Weltkrieg=World War II:EVENT
Kalter Krieg=Cold War:EVENT
Spanischer Bürgerkrieg=Spanish Civil War:EVENT
Dreißigjähriger Krieg=Thirty Years' War:EVENT
Hundertjähriger Krieg=Hundred Years' War:EVENT
"""

#: case endings of a German adjective ("Vereinigten", "Kalter"); ``german_names`` merges a
#: name's case forms by them too
CASE_ENDING = re.compile(r"(?:es|en|er|em|e|s|n)$")
#: case endings of a German noun ("Meeres", "Staaten"): never "-er", which makes another noun
#: ("Krieg" and "Krieger", "warrior", are not one name)
_NOUN_ENDING = re.compile(r"(?:es|en|e|s|n)$")


def _key(surface: str) -> tuple[str, ...]:
    words = surface.lower().split()
    if len(words) == 1:
        return (words[0],)
    return (*(_stem(w, CASE_ENDING) for w in words[:-1]), _stem(words[-1], _NOUN_ENDING))


def _stem(word: str, ending: re.Pattern[str]) -> str:
    """Case endings cut until none is left, so "Haus" and "Hauses" meet."""
    while len(word) > 3 and (cut := ending.sub("", word)) != word:
        word = cut
    return word


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], tuple[str, str]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for line in _TABLE.strip().splitlines():
        names, _, rest = line.partition("=")
        canonical, _, etype = rest.rpartition(":")
        for name in names.split("/"):
            table[_key(name)] = (canonical, etype)
    return table


@lru_cache(maxsize=1)
def english_place_names() -> frozenset[str]:
    """The English names of the listed countries, regions and cities ("Chad", "Georgia"):
    English text asks them too, where a place is also a given name (``mention_links``)."""
    return frozenset(c for c, etype in _table().values() if etype in ("GPE", "LOC"))


def german_place(surface: str) -> tuple[str, str] | None:
    """(English canonical, type) of a German place or fixed name as written, a single word
    also in the genitive ("Irans", "der Schweiz"); None when the list lacks it."""
    table = _table()
    found = table.get(_key(surface))
    if found is None and " " not in surface and surface.endswith("s") and len(surface) > 4:
        found = table.get(_key(surface[:-1]))
    return found


def longest_place(tokens: list[str]) -> tuple[int, int] | None:
    """The first multi-word listed name inside a span's tokens, as (from, to) token
    indices: "Sanktionen der Vereinigten Staaten" holds one from 2 to 4."""
    for i in range(len(tokens)):
        for j in range(min(len(tokens), i + 5), i + 1, -1):
            if german_place(" ".join(tokens[i:j])) is not None:
                return i, j
    return None


def place_parts(start: int, tokens: list[str]) -> list[tuple[int, list[str], bool]]:
    """A span's tokens as (start, tokens, is_listed_name) parts around its first multi-word
    listed name, which the noun evidence must not cut ("Vereinigten" is no noun)."""
    found = longest_place(tokens)
    if found is None:
        return [(start, tokens, False)]
    i, j = found
    parts, at = [], start
    for piece, listed in ((tokens[:i], False), (tokens[i:j], True), (tokens[j:], False)):
        if piece:
            parts.append((at, piece, listed))
        at += sum(len(t) + 1 for t in piece)
    return parts
