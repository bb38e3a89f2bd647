"""A US state written as a news agency's abbreviation is the state.

American reports write a state after a town or before an office in the agencies' short forms
("a fund-raiser in Harlow, Ore.", "Ore. Gov. <name>": made up). The small English model types
the short form a place, and until the twenty-second session it was an entity of its own,
named as written: a reader saw a row "Ore." beside the row of the state, and the comparison
counted the two as different places (BASIL training half: 11 such rows in 42 reports, the
commonest wrong row there; helper E, docs/enrichment.md). The short form now takes the state's
name, so it joins the state's row. Only dotted forms are read: a two-letter postal code doubles
as a word ("IN", "OR", "ME", "OK"), and only spans the recogniser typed a place: "Miss." or
"Ind." before a name is a title or a party.
"""

from __future__ import annotations

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


def name_states(mentions: list[Mention]) -> None:
    """A place written as a state's abbreviation is named as the state (in place); Washington
    as "Washington State", apart from the capital's "Washington"."""
    for mention in mentions:
        if mention.type == "GPE" and (state := ABBREVIATIONS.get(mention.text)):
            mention.canonical = state
