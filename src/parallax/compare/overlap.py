"""Default comparer (``overlap/v1``): one story's articles side by side, per outlet.

Reads only stored analyses (design rule: compare never re-parses pages). Articles without an
outlet still count, each source under its own "Unknown outlet (…)" column (``outlet_names``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import PurePath
from typing import Any
from urllib.parse import urlparse

import numpy as np

from parallax.compare.claims import align_claims
from parallax.compare.doubt import mark_doubted
from parallax.compare.names import (
    ACTOR_TYPES,
    NEWS_MEDIUM,
    OMISSION_TYPES,
    Actors,
    Mentions,
    media_of,
    spelling_rank,
)
from parallax.compare.reaction import stance, themes
from parallax.compare.restate import Restatements, mark_restated
from parallax.compare.voices import voices
from parallax.records import SCHEMA_VERSION, Article, Story, instant_key
from parallax.registry import register
from parallax.settings import Config

UNKNOWN_OUTLET = "Unknown outlet"
#: articles whose claims are aligned in one comparison (see OverlapComparer._claims)
MAX_CLAIM_ARTICLES = 120


def _source(article: Article) -> tuple[str | None, str]:
    """(the URL's host, else None; the input file's path without its "#item" part)."""
    host = urlparse(article.url).hostname if article.url else None
    return (host.removeprefix("www.") if host else None,
            str(PurePath(article.input.split("#")[0])) if article.input else "")


def outlet_name(article: Article) -> str:
    """The outlet, else "Unknown outlet (<site or input>)": the URL's host, or the file the
    article came from. Why: two pasted pages whose outlets nobody knows are not one outlet;
    one shared "Unknown outlet" column merged them, so the comparison between them (and
    which claims they share or contest) was lost, and text dumps often have no outlet line."""
    if article.outlet:
        return article.outlet
    host, path = _source(article)
    source = host or PurePath(path).name
    return f"{UNKNOWN_OUTLET} ({source})" if source else UNKNOWN_OUTLET


def outlet_names(articles: Sequence[Article]) -> dict[str, str]:
    """``outlet_name`` of each article by id, made unique per source: dumps of one file name
    from different folders ("day1/dump0.txt", "day2/dump0.txt") are two sources, so each
    label takes as many of its folders as set the files apart, and no more (the column stays
    short). The same file's articles stay one column."""
    names = {a.id: outlet_name(a) for a in articles}
    paths: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)  # label -> id -> parts
    for a in articles:
        host, path = _source(a)
        if not a.outlet and not host and path:
            paths[names[a.id]][a.id] = PurePath(path).parts
    for by_id in paths.values():
        distinct = set(by_id.values())
        if len(distinct) < 2:
            continue
        depth = next(k for k in range(2, max(map(len, distinct)) + 1)
                     if len({p[-k:] for p in distinct}) == len(distinct))
        for article_id, parts in by_id.items():
            names[article_id] = f"{UNKNOWN_OUTLET} ({PurePath(*parts[-depth:])})"
    return names


class OverlapComparer:
    def __init__(self, config: Config) -> None:
        self.shared_share = float(config["shared_fact_share"])

    def compare(self, story: Story, articles: Sequence[Article],
                comments: Sequence[dict[str, Any]]) -> dict[str, Any]:
        mains = [a for a in articles if a.role == "main"]
        outlet_of = outlet_names(mains)
        outlets = sorted(set(outlet_of.values()))
        by_outlet: dict[str, list[Article]] = defaultdict(list)
        for a in mains:
            by_outlet[outlet_of[a.id]].append(a)
        vectors: dict[str, np.ndarray] = {}  # claim texts' vectors, reused by restatements
        actors = Actors(mains)
        mentions = Mentions(by_outlet, actors, ACTOR_TYPES)
        named = _named(by_outlet, actors)
        label = named[0]
        result: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "story": {**story.to_dict(), "article_count": len(mains),
                      "related_count": len(articles) - len(mains)},
            "outlets": [{"outlet": o, "articles": [_article_row(a) for a in by_outlet[o]]}
                        for o in outlets],
            "claims": self._claims(mains, outlet_of, vectors),
            "portrayal": _portrayal(by_outlet, outlets, actors, mentions, named),
            "narratives": _narratives(by_outlet),
            "techniques": _techniques(by_outlet),
            "quoted_techniques": _techniques(by_outlet, quoted=True),
            "voices": voices(by_outlet),
            "omissions": [],
            "reaction": _reaction(comments, outlet_of),
            "timeline": sorted(
                ({"published": a.published.iso, "published_text": a.published.text,
                  "outlet": outlet_of[a.id], "title": a.title, "label": display_label(a),
                  "article_id": a.id}
                 for a in mains), key=lambda r: (instant_key(r["published"]), r["outlet"])),
        }
        restatements = Restatements(by_outlet, vectors)
        mark_restated(result["claims"], restatements)
        mark_doubted(result["claims"], restatements)
        media = media_of(mains)
        entities = {o: {label[m.canonical] for a in arts for m in a.entities
                        if m.type in OMISSION_TYPES and not NEWS_MEDIUM.search(m.canonical)
                        and m.canonical not in media}
                    for o, arts in by_outlet.items()}
        result["omissions"] = omissions(result, entities, mentions)
        return result


    def _claims(self, mains: list[Article], outlet_of: dict[str, str],
                vectors: dict[str, np.ndarray]) -> dict[str, Any]:
        """Claims of at most ``MAX_CLAIM_ARTICLES`` articles (a 10,000-article story would
        take minutes to align): every outlet in turn, its originals before syndicated copies
        and its newest first, so the sample keeps every side; the output says it sampled."""
        if len(mains) <= MAX_CLAIM_ARTICLES:
            return align_claims(mains, outlet_of, self.shared_share, vectors)
        queues: dict[str, list[Article]] = defaultdict(list)
        for a in sorted(mains, key=lambda a: (a.duplicate_of is not None,
                                              _negated_date(a.published.iso), a.id)):
            queues[outlet_of[a.id]].append(a)
        sample: list[Article] = []
        while len(sample) < MAX_CLAIM_ARTICLES:
            for queue in queues.values():
                if queue and len(sample) < MAX_CLAIM_ARTICLES:
                    sample.append(queue.pop(0))
        result = align_claims(sample, {a.id: outlet_of[a.id] for a in sample},
                              self.shared_share, vectors)
        result["sampled"] = {"articles": len(sample), "of": len(mains)}
        return result


def _negated_date(iso: str | None) -> str:
    """Sort key putting the newest date first (undated last)."""
    if not iso:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in iso)


def display_label(a: Article) -> str:
    """What to show for an untitled page: its first words (the data keeps title empty)."""
    words = a.text.split()
    return a.title or (" ".join(words[:10]) + ("…" if len(words) > 10 else ""))


def _article_row(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "label": display_label(a),
            "published": {"text": a.published.text, "iso": a.published.iso},
            "language": a.language, "genre": a.genre.label if a.genre else None,
            "genre_unsure": bool(a.genre and a.genre.low_confidence),
            "words": len(a.text.split()), "input": a.input, "url": a.url,
            "duplicate_of": a.duplicate_of}


def _counts(by_outlet: dict[str, list[Article]], actors: Actors
            ) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    """Outlets and mentions per canonical name, and per actor (its group's root name)."""
    outlet_count: Counter[str] = Counter()
    mention_count: Counter[str] = Counter()
    actor_outlets: Counter[str] = Counter()
    actor_mentions: Counter[str] = Counter()
    for arts in by_outlet.values():
        names = [m.canonical for a in arts for m in a.entities if m.type in ACTOR_TYPES]
        mention_count.update(names)
        outlet_count.update(set(names))
        actor_mentions.update(actors.find(n) for n in names)
        actor_outlets.update({actors.find(n) for n in names})
    return outlet_count, mention_count, actor_outlets, actor_mentions


def _labels(actors: Actors, outlet_count: Counter[str], mention_count: Counter[str]
            ) -> dict[str, str]:
    """The name each canonical name is shown under: its actor's best spelling
    (``names.spelling_rank`` over the outlets and mentions of ``_counts``)."""
    return {name: max(actors.of(name), key=lambda c: spelling_rank(c, outlet_count[c],
                                                                  mention_count[c]))
            for name in outlet_count}


#: each canonical name's label, and per actor the outlets and the mentions naming it
_Named = tuple[dict[str, str], Counter[str], Counter[str]]


def _named(by_outlet: dict[str, list[Article]], actors: Actors) -> _Named:
    outlet_count, mention_count, actor_outlets, actor_mentions = _counts(by_outlet, actors)
    return _labels(actors, outlet_count, mention_count), actor_outlets, actor_mentions


def _portrayal(by_outlet: dict[str, list[Article]], outlets: list[str],
               actors: Actors | None = None, mentions: Mentions | None = None,
               named: _Named | None = None) -> dict[str, Any]:
    # the 12 actors most outlets name, then the most mentioned, then by name: ``most_common``
    # alone broke ties by set order, which Python's string hashing changes from run to run
    # (the same story showed Putin's row in one run and not in the next). One row per actor,
    # whatever spellings the outlets used (``names.Actors``).
    actors = actors or Actors(a for arts in by_outlet.values() for a in arts)
    label, actor_outlets, actor_mentions = named or _named(by_outlet, actors)
    roots = sorted(actor_outlets, key=lambda g: (-actor_outlets[g], -actor_mentions[g],
                                                 label[g]))[:12]
    cells = []
    for outlet in outlets:
        for root in roots:
            cell = _portrayal_cell(by_outlet[outlet], actors.of(root),
                                   partial(mentions or _unread, outlet, root))
            if cell is not None:
                cells.append({"entity": label[root], "outlet": outlet, **cell})
    return {"entities": [label[g] for g in roots], "outlets": outlets, "cells": cells}


def _unread(outlet: str, entity: str) -> bool:
    return False


def _portrayal_cell(arts: list[Article], names: set[str],
                    named: Callable[[], bool]) -> dict[str, Any] | None:
    """How one outlet portrays one actor (``names``: its spellings in the story): the clearest
    lean among its articles (negative or positive, with the sentences), else ``neutral``; a
    SemEval role only where the framing stage gave one. ``abstained`` says the models saw the
    entity but show no lean and no role, so a reader is told that plainly instead of an empty
    cell. None: the outlet never names it, neither as an entity nor in its text (``named``:
    the entity stage misses names a text does hold, "tea party" written in lower case)."""
    labels = [(p, a) for a in arts for p in a.portrayals if p.entity in names]
    roles = [(r, a) for a in arts for r in a.roles if r.entity in names]
    if (not labels and not roles
            and not any(m.canonical in names for a in arts for m in a.entities)
            and not named()):
        return None
    leaning = [(p, a) for p, a in labels if p.polarity != "neutral"]
    cell: dict[str, Any] = {"polarity": None, "score": None, "evidence": [],
                            "evidence_spans": [], "main_role": None, "fine_roles": [],
                            "role_score": None}
    if leaning or labels:
        best, source = max(leaning or labels, key=lambda pa: pa[0].score)
        cell.update(polarity=best.polarity, score=best.score, evidence=best.evidence,
                    evidence_spans=spans(source, best.evidence))
    if roles:
        role, source = max(roles, key=lambda ra: ra[0].score)
        cell.update(main_role=role.main_role, fine_roles=role.fine_roles, role_score=role.score)
        if not cell["evidence"]:
            cell.update(evidence=role.evidence, evidence_spans=spans(source, role.evidence))
    cell["abstained"] = cell["polarity"] in (None, "neutral") and not roles
    return cell


def spans(article: Article, sentences: list[str]) -> list[dict[str, Any]]:
    """Where each evidence sentence sits in its article, so every statement of the comparison
    links to the words that support it (a sentence not found verbatim is left out)."""
    out = []
    for sentence in sentences:
        start = article.text.find(sentence)
        if start >= 0:
            out.append({"article_id": article.id, "start": start, "end": start + len(sentence),
                        "text": sentence})
    return out


def _narratives(by_outlet: dict[str, list[Article]]) -> list[dict[str, Any]]:
    rows = []
    for outlet, arts in sorted(by_outlet.items()):
        grouped: dict[tuple[str, str | None], list[Any]] = defaultdict(list)
        for a in arts:
            for n in a.narratives:
                grouped[(n.label, n.sub)].append((n, a))
        for (label, sub), items in grouped.items():
            rows.append({"outlet": outlet, "label": label, "sub": sub, "count": len(items),
                         "score": max(n.score for n, _ in items),
                         "evidence": [e for n, _ in items for e in n.evidence][:2],
                         "evidence_spans": [x for n, a in items
                                            for x in spans(a, n.evidence)][:2]})
    return rows


def _techniques(by_outlet: dict[str, list[Article]], quoted: bool = False
                ) -> list[dict[str, Any]]:
    """An outlet's own techniques (``quoted=False``: spans in the author's words) or those in
    the words it quotes or reports (``quoted=True``, with who said them). Why apart: on
    straight news reports a third of the technique spans checked by hand were a speaker's words
    (docs/framing.md); counted as the outlet's, they said the outlet used propaganda when it
    only reported someone who did. Spans stored before attribution existed count as own."""
    rows = []
    for outlet, arts in sorted(by_outlet.items()):
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in arts:
            for t in a.techniques:
                if (t.quoted is not None) != quoted:
                    continue
                example = {"article_id": a.id, "start": t.start, "end": t.end,
                           "text": a.text[t.start:t.end]}
                if t.quoted is not None:
                    example |= {"speaker": t.quoted.speaker, "direct": t.quoted.direct}
                grouped[t.technique].append(example)
        for technique, examples in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
            row = {"outlet": outlet, "technique": technique, "count": len(examples),
                   "examples": examples[:3]}
            if quoted:
                speakers = Counter(e["speaker"] for e in examples if e["speaker"])
                row["speakers"] = [name for name, _ in speakers.most_common(5)]
            rows.append(row)
    return rows


def _reaction(comments: Sequence[dict[str, Any]],
              outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in comments:
        grouped[outlet_of.get(c["article_id"], UNKNOWN_OUTLET)].append(c)
    return [{"outlet": outlet, "comments": len(items),
             "languages": dict(Counter(c.get("language") or "unknown" for c in items)),
             "examples": [c["text"] for c in items[:3]],
             "themes": themes([c["text"] for c in items]),
             "stance": stance([c["text"] for c in items])}
            for outlet, items in sorted(grouped.items())]


def omissions(comparison: dict[str, Any], by_outlet_entities: dict[str, set[str]],
              mentions: Callable[[str, str], bool] | None = None) -> list[dict[str, Any]]:
    """What each outlet leaves out: entities and shared claims most other outlets carry.
    ``mentions(outlet, entity)``: whether the outlet's text names the entity after all (in
    another spelling); then it is not missing. A claim is missing only where the outlet is
    still ``silent`` after ``restate.mark_restated`` (which reads every such candidate)."""
    outlets = list(by_outlet_entities)
    rows = []
    for outlet in outlets:
        others = [o for o in outlets if o != outlet]
        if not others:
            continue
        counts: Counter[str] = Counter(e for o in others for e in by_outlet_entities[o])
        missing = sorted(e for e, n in counts.items()
                         if n * 2 >= len(others) and n >= 2 and e not in by_outlet_entities[outlet]
                         and not (mentions and mentions(outlet, e)))
        missing_claims = [c["id"] for c in comparison["claims"]["clusters"]
                          if c["positions"].get(outlet) == "silent"
                          and (n := _stating(c)) * 2 >= len(others) and n >= 2]
        if missing or missing_claims:
            rows.append({"outlet": outlet, "missing_entities": missing[:10],
                         "missing_claims": missing_claims[:10]})
    return rows


def _stating(cluster: dict[str, Any]) -> int:
    """Outlets whose claims state the cluster's fact (one that only restates it in another
    sentence keeps itself off the omission list but does not make the fact most outlets')."""
    return sum(p not in ("silent", "restates") for p in cluster["positions"].values())


@register("compare", "overlap/v1")
def make_overlap(config: Config) -> OverlapComparer:
    return OverlapComparer(config)
