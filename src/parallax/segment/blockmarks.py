"""What a page's markup says of the containers around a visible block: furniture (navigation,
comments, related links, share bars, author boxes, tags and dates, captions, ads) or the
article (``<article>``, ``<main>``, a class or id naming the content, entry, post or story).

Why: the HTML block extension (``htmlextend``) decides from a block's text and place whether
trafilatura dropped article text next to its span; the markup around the block is evidence it
did not read. Class names are no evidence on their own (as hard rules they lost on the training
sites, docs/segmentation.md, twenty-third session, item 2), so they are columns for the trees,
next to the size of the marked container: a "sidebar" wrapper holding most of the page is a
layout's, not furniture. Read in the one walk ``render.tree_blocks`` makes.
"""

from __future__ import annotations

import re

#: a block outside any marked container
NO_MARKS = (0, 0.0, 0.0, 0)
# furniture kinds, in the order they are tried (the first that matches names the container)
_KINDS = (
    ("comments", r"comment|disqus|respond|(?:^|[-_ ])repl(?:y|ies)|discussion"),
    ("author", r"author|(?:^|[-_ ])bio(?:$|[-_ ]|graph)|about|profile|avatar"),
    ("share", r"share|sharing|social|addthis|(?:^|[-_ ])follow"),
    ("nav", r"nav|menu|footer|breadcrumb|masthead|toolbar|(?:^|[-_ ])skip"),
    ("related", r"related|sidebar|widget|recommend|popular|trending|teaser|promo|more-"),
    ("meta", r"meta|(?:^|[-_ ])tags?(?:$|[-_ ])|categor|byline|dateline|(?:^|[-_ ])date|"
             r"timestamp|posted"),
    ("caption", r"caption|photo|(?:^|[-_ ])image|(?:^|[-_ ])img|figure|gallery|credit"),
    ("ads", r"(?:^|[-_ ])ads?(?:$|[-_ \d])|advert|sponsor|banner|adsense"),
)
#: each furniture kind's code in the trees' column (0: none)
CODES = {kind: k + 1 for k, (kind, _) in enumerate(_KINDS)}
_FURNITURE = [(CODES[kind], re.compile(rx)) for kind, rx in _KINDS]
_ARTICLE = re.compile(r"article|content|entry|post|story|(?:^|[-_ ])main")
#: HTML5 tags that mark their element whatever its class (``ARTICLE``: the article)
ARTICLE = -1
TAGS = {"nav": CODES["nav"], "footer": CODES["nav"], "aside": CODES["related"],
        "figure": CODES["caption"], "header": len(_KINDS) + 1, "article": ARTICLE,
        "main": ARTICLE}
#: the kinds of the names seen (read first by ``render.tree_blocks``, which calls ``name_kind``
#: only for a new name)
known: dict[str, int] = {}
#: the longest name kept in ``known``: the memo lives as long as the process (a web server, a
#: batch worker), and a hostile page's long generated names, kept whole, added its size for good
KEPT_NAME_CHARS = 200


def name_kind(name: str) -> int:
    """The kind of a class and id string (a furniture code, ``ARTICLE``, or 0): lower-cased
    before the expressions run (``re.IGNORECASE`` made them three times slower), memoised per
    string (a page repeats a few dozen names)."""
    kind = known.get(name)
    if kind is None:
        low = name.lower()
        kind = next((code for code, rx in _FURNITURE if rx.search(low)), 0)
        if not kind and _ARTICLE.search(low):
            kind = ARTICLE
        if len(known) < 50_000 and len(name) <= KEPT_NAME_CHARS:
            known[name] = kind
    return kind


__all__ = ["ARTICLE", "CODES", "KEPT_NAME_CHARS", "NO_MARKS", "TAGS", "known", "name_kind"]
