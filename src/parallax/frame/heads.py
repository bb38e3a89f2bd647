"""Does a name-calling span hold a label? Name-calling gives someone a label: a noun or an
adjective ("puppet", "warmonger", "so-called experts", "crooked"). The token scorer, which sees a
word, its ending and its neighbours, also passed verbs ("consolidates") whose neighbours look like
a label's. English only: the spaCy pipeline the entity stage already loads
(``enrich.ner.english_pipeline``) holds a part-of-speech tagger that the entity stage leaves off
(``enrich.ner.SPACY_DISABLE``); here that tagger and the ``tok2vec`` it listens to run on the
words around each name-calling span (``window``), an article's in one batch, 0.4 ms a span;
most news articles have none. Reusing that pipeline rather than loading a second copy gives the
same tags (the same components and weights, the same batches: 0 of 469,099 tokens differ on the
SemEval EN training articles) for ~17 MB and ~0.33 CPU s less a process that tags (docs/speed.md).

German has no tagger in the env, and the token scorer showed verbs and function words there as
name-calling ("verzichten", "sollen", "gegen"): the names rule (``spans._seed``) keeps every
capitalised word mid-sentence, which in German is every noun, from seeding a span. German spells
what a label needs: a noun is capitalised, and most adjectives end in a few suffixes
(``german_label``; docs/framing.md, twenty-seventh session).
"""

from __future__ import annotations

import re
from typing import Any

#: Penn tags of a word that can be a label (nouns, adjectives, participles such as "deranged",
#: "disgraced", foreign words); finite verbs, adverbs and function words cannot
LABEL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VBN", "VBG", "FW",
                        "AFX", "ADD", "XX"})
ADJECTIVES = frozenset({"JJ", "JJR", "JJS", "VBN"})
#: tags before which a past-tense form modifies a noun
MODIFIED = frozenset({"DT", "PRP$", "POS"})
LANGUAGES = frozenset({"en"})
#: words either side of a span that the tagger reads
WINDOW = 6
#: the components that tag, in order (the tagger reads the tok2vec's output)
TAGGING = ("tok2vec", "tagger")
_WORD = re.compile(r"\S+")
#: languages whose name-calling spans need a label word by spelling (``german_label``)
SPELLED = frozenset({"de"})
#: German words that are never a label, capitalised at a sentence start or not
GERMAN_FUNCTION = frozenset("""
aber alle allem allen aller alles als also am an ans auch auf aus bei beim bin bis bist da dabei
damit dann das dass dem den denen denn der deren des dessen die dies diese diesem diesen dieser
dieses doch dort du durch ein eine einem einen einer eines er es etwa euch für gegen hat hatte
hätte haben hier ich ihr ihre ihrem ihren ihrer im in ins ist ja je jede jedem jeden jeder jedes
jetzt kann kein keine keinem keinen keiner man mehr mit muss nach nicht noch nun nur ob oder ohne
pro schon sehr sein seine seinem seinen seiner sich sie sind so soll sollen sollte über um und
uns unser unsere unter vom von vor war waren wie wir wird wo zu zum zur zwar zwischen werden
wurde wurden wäre würde""".split())
#: endings of German adjectives (with their inflection): "kommunistischen", "westliche"; plain
#: adjectives ("korrupt") and participles ("selbsternannten") have none: they read like verbs
_GERMAN_ADJECTIVE = re.compile(
    r"(isch|lich|ig|iv|al|ell|är|ös|bar|los|haft|sam|ist|oid|ant)(e|en|er|es|em)?$")
_LETTERS = re.compile(r"[^\W\d_]+")


def _tagger() -> Any:
    """The entity stage's English pipeline (its tagger off in ``nlp.pipe``); None without it."""
    try:
        from parallax.enrich.ner import english_pipeline

        return english_pipeline()
    except ImportError:  # pragma: no cover - the model ships with the package's dependencies
        return None


def window(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """``start:end`` with up to ``WINDOW`` words either side, inside ``lo:hi`` (its sentence)."""
    words = [(lo + m.start(), lo + m.end()) for m in _WORD.finditer(text[lo:hi])]
    inside = [i for i, (s, e) in enumerate(words) if s < end and e > start]
    if not inside:
        return start, end
    first, last = max(0, inside[0] - WINDOW), min(len(words) - 1, inside[-1] + WINDOW)
    return min(start, words[first][0]), max(end, words[last][1])


def tags(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, Penn tag) of each token of ``sentence``; empty without the tagger."""
    return tag_many([sentence])[0]


def tag_many(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """:func:`tags` of each text, in one batch (spaCy's cost is mostly per call)."""
    nlp = _tagger()
    if nlp is None:
        return [[] for _ in texts]
    docs: Any = (nlp.make_doc(text) for text in texts)
    for name in TAGGING:  # what ``nlp.pipe`` would run were these two on, in its batches
        docs = nlp.get_pipe(name).pipe(docs, batch_size=nlp.batch_size)
    return [[(t.idx, t.idx + len(t.text), t.tag_) for t in doc] for doc in docs]


def label_span(tagged: list[tuple[int, int, str]], start: int, end: int
               ) -> tuple[int, int] | None:
    """``start:end`` (offsets into the tagged sentence) when a word in it can be a label;
    widened over the next word when the span ends on an adverb that modifies it ("biblically"
    -> "biblically illiterate"); None when it holds no label (a verb, an adverb, a function
    word). Unchanged when nothing was tagged (no tagger: the span stays)."""
    idx = [i for i, (s, e, _) in enumerate(tagged) if s < end and e > start]
    if not idx:
        return start, end
    if any(_label(tagged, i) for i in idx):
        return start, end
    last = idx[-1]
    if (tagged[last][2].startswith("RB") and last + 1 < len(tagged)
            and tagged[last + 1][2] in ADJECTIVES):
        return start, tagged[last + 1][1]
    return None


def _label(tagged: list[tuple[int, int, str]], i: int) -> bool:
    """A label's tag, or a past tense after a determiner or possessive: the tagger reads
    "Trump's disgraced former manager" as a verb."""
    tag = tagged[i][2]
    return tag in LABEL_TAGS or (tag == "VBD" and i > 0 and tagged[i - 1][2] in MODIFIED)


def german_label(span: str) -> bool:
    """Whether a German span holds a word that can be a label: a capitalised word (German
    capitalises nouns; a name never seeds a span) that is not a function word, or a lower-case
    word with an adjective's ending. Verbs ("verzichten", "standen") and function words have
    neither. German training articles: word spans right 0.53 -> 0.71."""
    for word in _LETTERS.findall(span):
        if len(word) < 3 or word.lower() in GERMAN_FUNCTION:
            continue
        if word[:1].isupper() or _GERMAN_ADJECTIVE.search(word):
            return True
    return False
