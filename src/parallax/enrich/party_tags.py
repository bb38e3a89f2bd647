"""The grammar of a US lawmaker's party tag: "(D-Vell.)", ", R-Ostmark," (made up).

Why one place: the entity stage, the quote speaker rules and the story key entities each need
to know a tag when they meet one (its state is no mention of the state; a surname before it is
the speaker; a stem ends before it), and until the twenty-first session each spelt the party
letters, the hyphen and the state abbreviation out in a pattern of its own (six in four
modules). They now build their patterns from these pieces, so a new party letter or a new
way of writing a state is learnt in one place. The callers' patterns still differ around the
tag (what may stand before it, whether it may be bracketed, whether an age stands in its
place): each says why where it is built. A tag written out in words ("a Democrat from <state>")
is read by none of them.
"""

from __future__ import annotations

#: the party letters: Republican, Democrat, Independent
PARTY = r"[RDI]"
#: a tag's opening, the party letter and its hyphen ("R-"): what stands right before a state
#: the entity stage found, or at the start of a span it took whole
OPENING = PARTY + "-"
#: the state after the hyphen, abbreviated or whole ("Calif.", "N.Y.", "Texas")
STATE = r"[A-Z][\w.]*"
#: a whole tag: "R-Calif."
TAG = OPENING + STATE
#: a whole tag, maybe in brackets: "(R-Calif.)" or the bare tag between commas
BRACKETED = r"\(?" + TAG + r"\)?"
#: a state abbreviation alone in brackets after a name ("<name> (Ore.)"), the party left out;
#: dotted initials too ("(N.Y.)", "(W.Va.)"): until the twenty-third session these stayed rows
STATE_ALONE = r"[A-Z][a-z]{1,4}\.|[A-Z]\.\s?[A-Z][a-z]?\."
#: an age in the place of a tag after a name ("Lund, 43, said", made up): the stems the speaker
#: rules cut treat both alike
AGE = r"\d{1,3}"
#: a comma, then an age or a tag: what the speaker rules cut from the end of a subject
AGE_OR_TAG = r",\s*(?:" + AGE + "|" + TAG + ")"
