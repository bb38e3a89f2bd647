"""A story's key entities: the event's actors and its subject, not where it was filed.

The story header lists six names. Counting in how many of the story's articles a name occurs
(the rule up to the nineteenth session) listed what every report of one newsroom's region
names in passing: the dateline's city ("HARBORTON — The council voted …", made up), the state
tag of a lawmaker ("Rep. Ana Ruiz (D-Ore.)"), the country the outlets write from, the network
that only hosted an interview, and one actor twice in two spellings ("Chuck Wendt" / "Charles
P. Wendt"). On real news (basil-tune, 30 events x 3 US outlets, judged in the nineteenth
session) 15 of 54 dev and 18 of 96 check items were such names. So each article profile keeps
the names with their type, how often they are named outside a dateline or a party tag, and
whether the title names them (``named_of``). A place or a news medium counts only in a story
one of whose headlines names it (a place that is an actor or the subject, "Ostmark sues
Westmark", is in the headlines; the dateline's city and the outlets' country are not); a name
only one of the story's reports names is left out; and a story's spellings of one actor are
counted together (``compare.names.Actors``, the comparison's grouping, plus the story keys'
transliteration). Types and counts come from the profiles, so a story is ranked without
reading its articles again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from parallax.compare.names import (
    NEWS_MEDIUM,
    PLATFORM,
    Actors,
    gendered,
    medium_words,
    spelling_rank,
    tokens,
)
from parallax.enrich import party_tags
from parallax.enrich.quotes_checks import dateline
from parallax.records import Article, Mention
from parallax.stories.features import name_key
from parallax.textutil import name_skeleton

#: entity types worth listing as a story's key entities (dates and MISC say little)
KEY_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "EVENT")
#: how many names the story header shows
SHOWN = 6
#: names grouped by spelling per story: the best ranked only, so that a story of thousands of
#: articles and names costs what a small one does
CANDIDATES = 24
#: flags kept per name and article: the title names it; the article's words show it to be a
#: news medium or a platform (a profile stored before the second flag has it unset)
IN_TITLE, MEDIUM = 1, 2

#: a US party tag before a state: "(R-Calif.)", ", D-Iowa," (the state says where a lawmaker
#: is from, not where the event is); the entity stage's own check (``ner._party_tag``) takes
#: any non-word character before the party letter, this one a space, bracket or comma
_PARTY_TAG = re.compile(r"(?:^|[\s(,])" + party_tags.OPENING + "$")
_TAGGED = re.compile("^" + party_tags.OPENING)
#: a place right after a person's name says where that person is from ("Ana Ruiz of Oregon")
_OF_AFTER_PERSON = re.compile(r"^(?:,| of)\s+$")
#: one to three capitalised words between a name and a person's: a title ("Speaker",
#: "Minority Leader", "Democratic Rep.")
_TITLE_BETWEEN = re.compile(r"(?:\s+[A-Z][\w.’'-]*){1,3}\s+$")
#: the words of a name or a title the story keys compare (``features``)
_NAME_WORD = re.compile(r"[^\W\d_]{3,}")
def _tag(text: str, m: Mention, previous: Mention | None, following: Mention | None) -> bool:
    """A name that only qualifies a person: the place of a party tag or of "<person> of
    <place>", an office's place or body before a title and the person ("Harbor Council
    Chairman Ana Ruiz", "Ostmark Gov. Lena Korr", made up)."""
    if (following is not None and following.type == "PERSON" and m.type in ("GPE", "ORG")
            and _TITLE_BETWEEN.match(text, m.end, following.start) is not None):
        return True
    if m.type != "GPE":
        return False
    if _TAGGED.match(m.text) or _PARTY_TAG.search(text[max(0, m.start - 3):m.start]):
        return True
    return (previous is not None and previous.type == "PERSON"
            and _OF_AFTER_PERSON.match(text[previous.end:m.start]) is not None)


def named_of(article: Article) -> dict[str, tuple[str, int, int]]:
    """canonical name -> (type, mentions outside datelines and party tags, flags), in the
    order of first mention. A name whose every mention is a dateline or a tag is kept with 0
    mentions: the article does name it, as where it was filed."""
    out: dict[str, list[Any]] = {}
    title = f" {' '.join(tokens(article.title or ''))} "
    title_keys = _word_keys(article.title or "")
    mentions = sorted(article.entities, key=lambda m: m.start)
    for k, m in enumerate(mentions):
        if m.type in KEY_ENTITY_TYPES:
            entry = out.setdefault(m.canonical, [m.type, 0, 0])
            previous = mentions[k - 1] if k else None
            following = mentions[k + 1] if k + 1 < len(mentions) else None
            if not (dateline(article.text, m) or _tag(article.text, m, previous, following)):
                entry[1] += 1
            if not entry[2] & MEDIUM and (medium_words(article.text, m)
                                          or PLATFORM.fullmatch(m.canonical) is not None):
                entry[2] |= MEDIUM
            if not entry[2] & IN_TITLE and any(_titled(form, title, title_keys)
                                               for form in (m.text, m.canonical)):
                entry[2] |= IN_TITLE
    return {name: (str(t), int(n), int(f)) for name, (t, n, f) in out.items()}


def _word_keys(text: str) -> dict[str, list[int]]:
    """Each word's story key (``features.name_key``) and the lengths of the skeletons it keys
    (in one script, doubled letters once)."""
    keys: dict[str, list[int]] = defaultdict(list)
    for w in _NAME_WORD.findall(text):
        keys[name_key(w)].append(len(name_skeleton(w)))
    return keys


def _titled(name: str, title: str, title_keys: dict[str, list[int]]) -> bool:
    """Whether a title names ``name``: word for word, or each of its words by the story key
    of a title word at most a letter longer or shorter, so that an inflected or
    transliterated form counts ("Ostmarks Bauern", "в Остмарке", made up) and a word that only
    begins alike does not ("Harborton" is not "harbour")."""
    words = tokens(name)
    # a two-letter abbreviation in a headline is mostly a modifier ("the U.S. House")
    if words and len("".join(words)) > 2 and f" {' '.join(words)} " in title:
        return True
    own = _NAME_WORD.findall(name)
    return bool(own) and all(any(abs(n - len(name_skeleton(w))) <= 1
                                 for n in title_keys.get(name_key(w), ())) for w in own)


def _counts(type_: str, mentions: int, headline: bool, name: str, medium: bool) -> bool:
    """Whether an article's naming makes the name one of its actors or subjects; a place or
    a medium only where one of the story's headlines (``headline``) names it; ``medium``: an
    article's words call the name a medium (``compare.names.medium_words``) or it is a
    platform whatever its type."""
    if mentions <= 0:
        return False
    if type_ == "GPE" or medium or (type_ == "ORG" and NEWS_MEDIUM.search(name)):
        return headline
    return True


def key_entities(named: Sequence[Mapping[str, tuple[str, int, int]] | None],
                 entities: Sequence[Mapping[str, int]] = (), shown: int = SHOWN) -> list[str]:
    """The ``shown`` names most of the story's articles name as an actor or a subject, then
    the most mentioned, then the first named (in the order of ``named``). ``named``: each
    article's ``named_of``; None for a profile stored before it existed, whose ``entities``
    (name -> mentions, no types) then count as the old ranking did."""
    articles: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    per_article: list[list[tuple[str, str]]] = []
    # one name, one type per story: the type most of its mentions were given ("the Harbor
    # Legislature" typed a place once and an organisation three times is an organisation); on
    # a tie each article's own
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for names in named:
        for name, (t, n, _) in (names or {}).items():
            votes[name][t] += max(n, 1)
    story_type = {}
    for name, vote in votes.items():
        (top, most), *rest = vote.most_common(2)
        if not rest or rest[0][1] < most:
            story_type[name] = top
    headline = {name for names in named for name, (_, _, f) in (names or {}).items()
                if f & IN_TITLE}
    media = {name for names in named for name, (_, _, f) in (names or {}).items()
             if f & MEDIUM}
    for k, names in enumerate(named):
        pairs: list[tuple[str, str]] = []
        if names is None:
            old = entities[k] if k < len(entities) else {}
            for name, n in old.items():
                articles[name] += 1
                mentions[name] += n
            per_article.append(pairs)
            continue
        for name, (type_, n, _) in names.items():
            type_ = story_type.get(name, type_)
            if _counts(type_, n, name in headline, name, name in media):
                articles[name] += 1
                mentions[name] += n
                pairs.append((name, type_))
        per_article.append(pairs)
    order = {name: i for i, name in enumerate(articles)}
    ranked = sorted(articles, key=lambda e: (-articles[e], -mentions[e], order[e]))
    if len(named) > 1:
        ranked = _grouped(ranked[:CANDIDATES], per_article, articles, mentions, order,
                          {name: set(vote) for name, vote in votes.items()})
    return ranked[:shown]


def _may_be_one(a: str, b: str, kinds: Mapping[str, set[str]]) -> bool:
    """Whether two names of one story key may be one actor: not a name only ever typed a
    person and one only ever typed a place ("George" / "Georgia", made up; a transliterated
    person is typed an organisation in some reports, and a place a person, so one mention of
    another type keeps the join open), nor a person's name and its feminine form ("Daniel" /
    "Daniela"; a place's inflected or foreign form ends so too)."""
    if {frozenset(kinds.get(a, ())), frozenset(kinds.get(b, ()))} == {
            frozenset({"PERSON"}), frozenset({"GPE"})}:
        return False
    if "PERSON" not in kinds.get(a, set()) | kinds.get(b, set()):
        return True  # no feminine form: "Brasil" / "Brasile", "Izrael" / "Izraela" (made up)
    return not any(gendered(x, y) for x, y in zip(_NAME_WORD.findall(a), _NAME_WORD.findall(b),
                                                  strict=False))


def _grouped(candidates: list[str], per_article: list[list[tuple[str, str]]],
             articles: Counter[str], mentions: Counter[str], order: dict[str, int],
             kinds: Mapping[str, set[str]]) -> list[str]:
    """One entry per actor among the candidates, counted over all its spellings and shown
    under its most used spelling that is not a dotted abbreviation ("Ostmark" over
    "Ostm."), then the most mentioned, then the longer."""
    keep = set(candidates)
    actors = Actors.of_names([(n, t) for n, t in pairs if n in keep] for pairs in per_article)
    # across scripts a name's spellings differ in their last letters ("Brannick" /
    # "Brannik" transliterated back, made up): the story keys' first letters of every word
    # (``features.name_key``) join them, as they join the articles
    # ... but never two names one article names both: those are two people of one family
    # or of near spellings ("Kim Jong Un" / "Kim Jong Il", "Christian" / "Christine <name>")
    seen: dict[str, set[int]] = defaultdict(set)
    for k, pairs in enumerate(per_article):
        for name, _ in pairs:
            if name in keep:
                seen[actors.find(name)].add(k)
    by_key: dict[tuple[object, ...], str] = {}
    for name in candidates:
        # each word's key and about its length ("Obama" is not "Obamacare")
        words = _NAME_WORD.findall(name)
        word_keys = (*(name_key(w) for w in words), *(len(w) // 3 for w in words))
        if not words:
            continue
        keyed = by_key.setdefault(word_keys, name)
        root, other = actors.find(name), actors.find(keyed)
        if (other != root and not seen[other] & seen[root]
                and _may_be_one(name, keyed, kinds)):
            actors.join(other, root)
            seen[other] |= seen.pop(root)
    label: dict[str, str] = {}
    total: Counter[str] = Counter()
    first: dict[str, int] = {}
    for name in candidates:
        root = actors.find(name)
        total[root] += mentions[name]
        first[root] = min(first.get(root, order[name]), order[name])
        best = label.get(root)
        if best is None or (spelling_rank(name, articles[name], mentions[name])
                            > spelling_rank(best, articles[best], mentions[best])):
            label[root] = name
    # ``seen`` holds each actor's reports by now (its joins above kept it so)
    count = {r: max(len(seen[r]), articles[label[r]]) for r in label}
    # what only one of the story's reports names is no key entity of the story (an aside, or
    # a capitalised word the entity stage took for a name)
    roots = sorted((r for r in label if count[r] > 1),
                   key=lambda r: (-count[r], -total[r], first[r]))
    return [label[r] for r in roots]

