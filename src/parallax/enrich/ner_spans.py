"""English spans the small recogniser got wrong in shape: an owner glued to the common words
after its possessive, a person typed a body in a list of people, a hashtag read as a name.

Both were rows a reader saw on real news (BASIL training half and SemEval-2023 EN training,
twenty-second session, helper E; docs/enrichment.md): "<owner>'s van" as a place, "<county>'s
Elections" as a body, "<surname>'s ID" as a body; "<given> <surname>" typed ORG as the last of
"<person>, <person> and <given> <surname>", and a one-word person typed ORG in a list of
people; a hashtag of an embedded post ("#<Show>", "#<Slogan>", a tag glued to the next
words and a handle) as a person. The entity stage (``ner``) runs these on its English
mentions before the name-part linking, so a cut owner then joins the person's full name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parallax.enrich.aliases import AliasEntry
from parallax.enrich.name_leads import GIVEN
from parallax.records import Mention
from parallax.textutil import fold

#: "<owner>'s <rest>" / "<owners>' <rest>": the owner and what it owns
_OWNED = re.compile(r"(?P<owner>[^\s'’].*?)(?:['’]s|(?<=s)['’])\s+(?P<rest>\S.*)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: last words of a body or a thing named by its owner ("<Institute>'s Center for ...",
#: "<Counsel>'s Office", "<Lawyers>' Committee"): such a span is a name of its own
_NAMED_THING = frozenset("""Office Committee Council Center Centre Project Conference
Institute Foundation Fund Society Association Union League Party Award Prize Day Law
Act Hall Church School College University Hospital Museum Library Park Street""".split())


def owners_of_common_words(mentions: list[Mention], text: str, lower: Callable[[], set[str]],
                           canonical: Callable[[str, str], tuple[str, str]]) -> list[Mention]:
    """A span "<owner>'s <words>" whose owned words are common ones (written in lower case
    in the span or elsewhere in the article, or shouted) names the owner only: it is cut to
    the owner when the article names the owner elsewhere (its type from there: a person's
    surname, a place), else dropped. A possessive inside a body's own name ("<Lawyers>'
    Committee", "<Institute>'s Center for ...") ends in a word such names end in, and stays."""
    kept: list[Mention] = []
    for m in mentions:
        owned = _OWNED.fullmatch(m.text)
        if m.type == "DATE" or owned is None or not _common(owned.group("rest"), lower):
            kept.append(m)
            continue
        owner = owned.group("owner")
        etype = _type_elsewhere(owner, m, mentions)
        if etype is not None:
            name, etype = canonical(owner, etype)
            kept.append(Mention(owner, m.start, m.start + len(owner), etype, name))
    return kept


def _common(rest: str, lower: Callable[[], set[str]]) -> bool:
    words = _WORD.findall(rest)
    if not words or words[-1] in _NAMED_THING or any(w.istitle() and len(w) == 1 for w in words):
        return False
    return all(w.islower() or w.lower() in lower() or (w.isupper() and len(w) >= 4)
               for w in words)


def _type_elsewhere(owner: str, span: Mention, mentions: list[Mention]) -> str | None:
    """The owner's type where the article names it outside this span: as itself, or as the
    last word of a person's full name; None when it does not."""
    for other in mentions:
        if other is span or other.type == "DATE":
            continue
        if other.text == owner:
            return other.type
        if other.type == "PERSON" and " " not in owner and other.text.endswith(" " + owner):
            return "PERSON"
    return None


#: what separates the items of a list of names: ", ", ", and ", " and "
_LIST_GAP = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def people_typed_bodies(mentions: list[Mention], text: str,
                        aliases: dict[str, AliasEntry]) -> None:
    """A name the model typed ORG inside a list of people ("<person>, <person> and <given>
    <surname>", made up) is a person, when it is no body the alias table knows and holds no
    body's word, and two people of the list stand right before it or around it. Why: the
    small model types the last or a middle item of such a list ORG (a congressman after two
    colleagues, a biblical figure among five), so the person's row showed as an
    organisation. The name's last word standing alone, typed ORG too, follows it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    surnames: set[str] = set()
    for i, m in enumerate(ordered):
        if m.type != "ORG" or fold(m.text) in aliases or any(
                w in _NAMED_THING for w in m.text.split()) or not m.text[:1].isupper() \
                or any(c.isdigit() for c in m.text) or len(m.text.split()) > 3:
            continue
        before = _neighbours(ordered, i, -1, text)
        after = _neighbours(ordered, i, 1, text)
        if len(before) + len(after) >= 2 and all(n.type == "PERSON" for n in before + after):
            m.type = "PERSON"
            surnames.add(m.text.split()[-1])
    for m in mentions:  # the person's lone surname, typed a body as the name was
        if m.type == "ORG" and m.text in surnames:
            m.type = "PERSON"


def _neighbours(ordered: list[Mention], i: int, step: int, text: str) -> list[Mention]:
    """Up to two list items next to item ``i`` on one side, each joined to the one before it by
    a list's separator only."""
    out: list[Mention] = []
    k = i
    while len(out) < 2 and 0 <= k + step < len(ordered):
        a, b = (ordered[k + step], ordered[k]) if step < 0 else (ordered[k], ordered[k + step])
        if not _LIST_GAP.fullmatch(text[a.end:b.start]):
            break
        out.append(ordered[k + step])
        k += step
    return out


def hashtags(mentions: list[Mention], text: str,
             aliases: dict[str, AliasEntry]) -> list[Mention]:
    """A span that opens with a hashtag's "#" (an embedded post's tags: a show, a slogan, a
    movement, glued to the words and the handle after them) is no name, unless the alias table
    knows it or the article writes the same word outside a hashtag ("#<place>" in an article
    about the place). Why: the small model typed such tags PERSON and ran them on into the
    post's next words (BASIL training half and SemEval-2023 EN training, twenty-second
    session: 6 rows, none a name as shown)."""
    kept = []
    for m in mentions:
        if m.start == 0 or text[m.start - 1] != "#" or fold(m.text) in aliases or re.search(
                rf"(?<![#\w]){re.escape(m.text)}(?!\w)", text[:m.start - 1] + text[m.end:]):
            kept.append(m)
    return kept


def names_run_together(mentions: list[Mention], text: str,
                       canonical: Callable[[str, str], tuple[str, str]]) -> list[Mention]:
    """A person's span that runs on into the next name of a list written without commas
    ("<given> <surname> <given> <surname>", a poll's answers one after another) is cut where
    the second given name starts: the first name keeps the span's start, the second is a
    mention of its own when the span holds it whole (two words or more), else it is left to
    the recogniser. The second given name must start a name: more words follow it in the
    span, or a capitalised word right after the span. A name whose second word is a given name
    or an initial ("<given> <given> <surname>", "<given> D. <surname>") is never cut. Why: the
    small model read such a list as three-word people ("<given> <surname> <given>"), rows a
    reader saw on SemEval-2023 EN training (twenty-third session, helper E: 6 rows in 40
    documents, one poll box repeated on a site's pages)."""
    out: list[Mention] = []
    for m in mentions:
        words = list(re.finditer(r"\S+", m.text))
        cut = None
        if m.type == "PERSON" and len(words) >= 3 and words[0].group() in GIVEN \
                and words[1].group() not in GIVEN and "." not in words[1].group():
            cut = next((k for k in range(2, len(words)) if words[k].group() in GIVEN and (
                k < len(words) - 1 or re.match(r" [A-Z][a-z]", text[m.end:m.end + 3]))), None)
        if cut is None:
            out.append(m)
            continue
        first = m.text[:words[cut - 1].end()]
        out.append(_named(first, m.start, "PERSON", canonical))
        if len(words) - cut >= 2:
            out.append(_named(m.text[words[cut].start():], m.start + words[cut].start(),
                              "PERSON", canonical))
    return out


def unclosed_brackets(mentions: list[Mention],
                      canonical: Callable[[str, str], tuple[str, str]]) -> list[Mention]:
    """A span that swallowed the opening of a bracket after the name ("<Office of Made-up
    Review> (OMR", the bracket's close left out) is cut before the bracket, so the name meets
    its rows and its initialism; a span that opens with the bracket's words is dropped. On
    SemEval-2023 EN training (twenty-third session) 3 rows, each a name glued to its own
    initialism or to the name its initialism stands for."""
    out: list[Mention] = []
    for m in mentions:
        at = m.text.find("(")
        if m.type == "DATE" or at < 0 or ")" in m.text[at:]:
            out.append(m)
            continue
        name = re.sub(r"['’]s$", "", m.text[:at].rstrip())  # "<Body>’s (<its name>"
        if name and any(c.isupper() for c in name):
            out.append(_named(name, m.start, m.type, canonical))
    return out


def _named(surface: str, start: int, etype: str,
           canonical: Callable[[str, str], tuple[str, str]]) -> Mention:
    name, etype = canonical(surface, etype)
    return Mention(surface, start, start + len(surface), etype, name)
