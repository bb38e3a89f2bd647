"""Typed records that flow between the stages.

Every record is a plain dataclass so the same object runs in-process, in a test, or is
shipped to a Dask worker; ``to_dict`` gives the JSON contract's shape and ``from_dict``
reads it back (the store keeps analyses as JSON, so the round trip must be lossless).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

SCHEMA_VERSION = 1

ArticleRole = Literal["main", "related"]
Status = Literal["ok", "rejected"]

T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """Build a flat dataclass from a dict, ignoring unknown keys (forward compatible)."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def content_hash(*parts: str) -> str:
    """Stable short id from text: the same content always gets the same id (idempotent ingest)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(slots=True)
class RawDocument:
    """One unit of input as a reader produced it, before any segmentation.

    ``uri`` is the path or URL as the user gave it (plus ``#item-N`` for items of a feed or
    JSONL file); ``kind`` says which reader made it and therefore which segmenter applies.
    """

    uri: str
    kind: str
    text: str
    fetched_at: str
    sha256: str
    metadata: dict[str, Any] = field(default_factory=dict)
    input: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Rejection:
    """An input that could not be read; reported, never dropped silently."""

    input: str
    reason: str
    code: str

    def to_contract(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "input": self.input,
            "status": "rejected",
            "reason": self.reason,
            "code": self.code,
            "articles": [],
            "comments": [],
            "boilerplate": [],
        }


@dataclass(slots=True)
class Published:
    text: str | None = None
    iso: str | None = None


def instant_key(iso: str | None) -> str:
    """A sort key for publication ISOs that orders times written in two zones by instant:
    one with an offset is read in UTC ("2026-11-03T23:30:00-05:00" comes after
    "2026-11-04T03:00:00+01:00", made up), a day or a clock with no zone as written (no
    instant is known), an undated one last. Why: feeds and records keep the written offset
    (``ingest.instants``), and sorting the strings ordered such items by local clock."""
    if not iso:
        return "~"  # after every digit
    if len(iso) > 19:
        try:
            moment = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        if moment.tzinfo is not None:
            return moment.astimezone(UTC).replace(tzinfo=None).isoformat()
    return iso


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int
    type: str
    canonical: str
    entity_id: str = ""
    #: the canonical name the article alone gives (None unless corpus linking changed it):
    #: ``canonical`` is the spelling the run or store saw first, so it depends on which articles
    #: came before; this one never does (enrich/linker.py)
    linked_from: str | None = None


def entity_id(canonical: str) -> str:
    """Stable across articles, runs and machines: derived from the folded canonical name."""
    from parallax.textutil import fold

    return "e" + content_hash(fold(canonical))[:12]


@dataclass(slots=True)
class CanonicalEntity:
    """One real-world entity of an article, with every spelling the article used for it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int


@dataclass(slots=True)
class Quote:
    """``kind`` is None for a quoted or reported statement, ``"partial"`` for a short quoted
    phrase inside the author's own sentence (a few words between double quotation marks next to
    a speech or labelling verb). A partial quote with a speaker is that speaker's words; one
    without is someone's words but no voice (the comparison's voices skip it)."""

    text: str
    start: int
    end: int
    speaker: str | None
    cue: str | None
    direct: bool
    kind: str | None = None


@dataclass(slots=True)
class Claim:
    text: str
    start: int
    end: int
    attribution: str | None
    checkworthiness: float


@dataclass(slots=True)
class RoleLabel:
    entity: str
    main_role: str
    fine_roles: list[str]
    score: float
    evidence: list[str] = field(default_factory=list)
    low_confidence: bool = False


@dataclass(slots=True)
class PortrayalLabel:
    """How the article presents one entity: ``polarity`` negative | neutral | positive, its
    calibrated probability, how many sentences mention the entity, and the sentences that lean
    most that way (none for neutral)."""

    entity: str
    polarity: str
    score: float
    mentions: int
    evidence: list[str] = field(default_factory=list)
    low_confidence: bool = False


@dataclass(slots=True)
class NarrativeLabel:
    label: str
    sub: str | None
    score: float
    evidence: list[str] = field(default_factory=list)
    low_confidence: bool = False


@dataclass(slots=True)
class QuotedBy:
    """Whose words a technique sits in: the speaker the quote finder named (None: a direct
    quote nobody is named for) and whether the words are quoted verbatim."""

    speaker: str | None
    direct: bool


@dataclass(slots=True)
class TechniqueSpan:
    """``quoted`` is None when the words are the author's own; else the quote they lie in.
    SemEval's annotators label techniques inside quotes, so the label stays, but it is the
    speaker's technique, not the outlet's (a comparison counts them apart)."""

    technique: str
    start: int
    end: int
    score: float
    low_confidence: bool = False
    quoted: QuotedBy | None = None


@dataclass(slots=True)
class FrameLabel:
    label: str
    score: float
    evidence: list[str] = field(default_factory=list)
    low_confidence: bool = False


@dataclass(slots=True)
class GenreLabel:
    label: str
    score: float
    evidence: list[str] = field(default_factory=list)
    low_confidence: bool = False


@dataclass(slots=True)
class Article:
    """One article: the page's own (``main``) or a teaser of another one (``related``)."""

    id: str
    role: ArticleRole
    title: str
    outlet: str | None
    published: Published
    text: str
    input: str = ""
    url: str | None = None
    author: str | None = None
    language: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    roles: list[RoleLabel] = field(default_factory=list)
    portrayals: list[PortrayalLabel] = field(default_factory=list)
    narratives: list[NarrativeLabel] = field(default_factory=list)
    techniques: list[TechniqueSpan] = field(default_factory=list)
    frames: list[FrameLabel] = field(default_factory=list)
    genre: GenreLabel | None = None
    duplicate_of: str | None = None
    duplicate_similarity: float | None = None
    notes: list[str] = field(default_factory=list)
    #: a text dump's header outlet that its own page did not bear out (segment/outlet.py):
    #: shown nowhere, ``outlet`` stays None unless an outlet that a metadata-bearing input of
    #: the same run or store gave has the same key (ingest/outlets.py); absent = None
    outlet_hint: str | None = None
    #: the multilingual document embedding (mean of sentence vectors) that framing computed; not
    #: part of the JSON contract: the store keeps it in its own table, for story clustering
    vector: Any = field(default=None, repr=False, compare=False)
    #: when its page was fetched, captured or saved (``Page.fetched_at``: a live fetch, a
    #: WARC record's date, an MHTML page's ``Date``; for a file, the moment it was read): the
    #: moment an undated article is read at (``enrich.aliases.roles_on``). Not part of the
    #: JSON contract (the document keeps ``fetched_at``); set for analysis only
    read_at: str | None = field(default=None, repr=False, compare=False)

    @property
    def canonical_entities(self) -> list[CanonicalEntity]:
        table: dict[str, CanonicalEntity] = {}
        for m in self.entities:
            key = m.entity_id or entity_id(m.canonical)
            item = table.setdefault(key, CanonicalEntity(key, m.canonical, m.type, [], 0))
            item.mentions += 1
            if m.text not in item.aliases:
                item.aliases.append(m.text)
        return sorted(table.values(), key=lambda e: -e.mentions)

    @staticmethod
    def make_id(title: str, text: str, *outlet: str) -> str:
        """Ids come from content so the same article read twice (even from two paths) is one row.
        ``outlet``: only for another outlet's word-for-word copy (``ingest.outlets.own_copies``)."""
        return "a" + content_hash(" ".join(title.split()).lower(), " ".join(text.split()),
                                  *outlet)

    def to_dict(self) -> dict[str, Any]:
        data = dict(_to_plain(self))
        data["canonical_entities"] = _to_plain(self.canonical_entities)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        genre = data.get("genre")
        return cls(
            id=data["id"],
            role=data.get("role", "main"),
            title=data.get("title", ""),
            outlet=data.get("outlet"),
            published=_build(Published, data.get("published") or {}),
            text=data.get("text", ""),
            input=data.get("input", ""),
            url=data.get("url"),
            author=data.get("author"),
            language=data.get("language"),
            sentences=[_build(Sentence, s) for s in data.get("sentences", [])],
            entities=[_build(Mention, m) for m in data.get("entities", [])],
            quotes=[_build(Quote, q) for q in data.get("quotes", [])],
            claims=[_build(Claim, c) for c in data.get("claims", [])],
            roles=[_build(RoleLabel, r) for r in data.get("roles", [])],
            portrayals=[_build(PortrayalLabel, p) for p in data.get("portrayals", [])],
            narratives=[_build(NarrativeLabel, n) for n in data.get("narratives", [])],
            techniques=[_technique(t) for t in data.get("techniques", [])],
            frames=[_build(FrameLabel, f) for f in data.get("frames", [])],
            genre=_build(GenreLabel, genre) if genre else None,
            duplicate_of=data.get("duplicate_of"),
            duplicate_similarity=data.get("duplicate_similarity"),
            notes=list(data.get("notes", [])),
            outlet_hint=data.get("outlet_hint"),
        )


def _technique(data: dict[str, Any]) -> TechniqueSpan:
    span = _build(TechniqueSpan, data)
    if isinstance(span.quoted, dict):  # rows stored before ``quoted`` existed have none
        span.quoted = _build(QuotedBy, span.quoted)
    return span


@dataclass(slots=True)
class Comment:
    text: str
    language: str | None = None
    author: str | None = None


@dataclass(slots=True)
class Boilerplate:
    """Text removed from the article, kept with a kind so a user sees what was dropped, and why."""

    text: str
    kind: str


@dataclass(slots=True)
class Page:
    """What segmentation makes of one raw document."""

    input: str
    uri: str
    sha256: str
    kind: str
    fetched_at: str
    articles: list[Article] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_contract(self, *, analysed: bool = True) -> dict[str, Any]:
        """The schema-1 JSON object of the design note (extra fields allowed, none renamed)."""
        articles = []
        for article in self.articles:
            item = article.to_dict()
            if not analysed:
                for key in ("sentences", "entities", "quotes", "claims", "roles", "portrayals",
                            "narratives", "techniques", "frames", "genre"):
                    item.pop(key, None)
            articles.append(item)
        return {
            "schema": SCHEMA_VERSION,
            "input": self.input,
            "status": "ok",
            "reason": None,
            "uri": self.uri,
            "kind": self.kind,
            "fetched_at": self.fetched_at,
            "articles": articles,
            "comments": [_to_plain(c) for c in self.comments],
            "boilerplate": [_to_plain(b) for b in self.boilerplate],
        }


@dataclass(slots=True)
class Story:
    """A cluster of articles about one event or news thread, across outlets and languages."""

    id: str
    title: str
    article_ids: list[str]
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    key_entities: list[str] = field(default_factory=list)
    independent_outlets: list[str] = field(default_factory=list)
    main_count: int = 0  # the page's own articles; teasers are linked but not counted
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(_to_plain(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return _build(cls, data)


_NOT_IN_CONTRACT = frozenset({"vector", "read_at"})


def _to_plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _to_plain(getattr(obj, f.name)) for f in fields(obj)
                if f.name not in _NOT_IN_CONTRACT}
    if isinstance(obj, list | tuple):
        return [_to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _to_plain(v) for k, v in obj.items()}
    return obj


to_plain = _to_plain
