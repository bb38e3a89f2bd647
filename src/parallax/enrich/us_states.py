"""A US state written as a news agency's abbreviation is the state.

American reports write a state after a town or before an office in the agencies' short forms
("a fund-raiser in Harlow, Ore.", "Ore. Gov. <name>": made up). The small English model types
the short form a place, and until the twenty-second session it was an entity of its own,
named as written: a reader saw a row "Ore." beside the row of the state, and the comparison
counted the two as different places (BASIL training half: 11 such rows in 42 reports, the
commonest wrong row there; helper E, docs/enrichment.md). The short form now takes the state's
name, so it joins the state's row. Dotted forms are read only in spans the recogniser typed a
place ("Miss." or "Ind." before a name is a title or a party); a two-letter postal code only
right after a town and its comma ("<City>, TX —"), as it doubles as a word elsewhere ("IN",
"OR", "ME", "OK", which are never read).
"""

from __future__ import annotations

import re

from parallax.records import Mention

#: the agencies' abbreviations (AP style, with the older "Tex." and common variants)
ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Cal.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana",
    "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Oreg.": "Oregon",
    "Pa.": "Pennsylvania", "Penn.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington State", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wisc.": "Wisconsin", "Wyo.": "Wyoming",
}


#: postal codes, read only right after "<Town>, " (a dateline's "<City>, <XX> —"): there no
#: word stands, yet the small model typed them a body (SemEval-2023 EN training, twenty-fourth
#: session: 3 of 4 such codes ORG). The codes that double as words are left out
POSTAL = dict(zip("""AL AZ AR CA CO CT DE FL GA ID IL KS KY LA MD MA MI MN MS MO MT NE NV NH NJ
NM NY NC ND PA RI SC SD TN TX UT VT VA WA WV WI WY""".split(), """Alabama Arizona Arkansas
California Colorado Connecticut Delaware Florida Georgia Idaho Illinois Kansas Kentucky
Louisiana Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska
Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Pennsylvania
Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia
Washington_State West_Virginia Wisconsin Wyoming""".split(), strict=True))
_AFTER_TOWN = re.compile(r"[A-Z][\w.'’-]*, $")


def name_states(mentions: list[Mention], text: str = "") -> None:
    """A place written as a state's abbreviation is named as the state (in place); Washington
    as "Washington State", apart from the capital's "Washington". A postal code right after a
    town and its comma is the state, whatever type the recogniser gave it; not after a
    person's full name, where the letters are a degree ("<given> <surname>, MD, said": made up,
    Maryland's row; "MS", "MA", "PA" alike). A one-word "person" stays a town the model
    mistyped ("Austin, TX")."""
    people = {m.end for m in mentions if m.type == "PERSON" and " " in m.text.strip()}
    for mention in mentions:
        if mention.type == "GPE" and (state := ABBREVIATIONS.get(mention.text)):
            mention.canonical = state
        elif mention.text in POSTAL and mention.type in ("GPE", "ORG") \
                and mention.start - 2 not in people \
                and _AFTER_TOWN.search(text, max(0, mention.start - 30), mention.start):
            mention.canonical = POSTAL[mention.text].replace("_", " ")
            mention.type = "GPE"
