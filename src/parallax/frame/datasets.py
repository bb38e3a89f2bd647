"""Readers for the two public framing datasets, in their own on-disk formats.

``parallax train`` and ``parallax evaluate`` take these layouts as they are, so a user can add
their own labelled data by writing files the same way. The readers accept either the dataset root
(one sub-folder per language) or a single language folder.

- SemEval-2025 Task 10: ``<LANG>/raw-documents/*.txt`` with ``subtask-1-annotations.txt``
  (entity roles) and ``subtask-2-annotations.txt`` (narratives).
- SemEval-2023 Task 3: ``<lang>/train-articles-subtask-N/article<ID>.txt`` with
  ``train-labels-subtask-1.txt`` (genre), ``-2`` (frames), ``-3`` (techniques per paragraph) and
  ``-3-spans/`` (technique character spans).

Nothing here is ever written back into the project: the data is research-use only.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from parallax.errors import Code, ParallaxError

#: Language codes of the 2023 data are folder names; map them to ISO 639-1.
LANG_CODES = {"ge": "de", "po": "pl"}


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    techniques: list[str] = field(default_factory=list)
    labelled: bool = False


@dataclass(slots=True)
class TechniqueGold:
    technique: str
    start: int
    end: int


@dataclass(slots=True)
class LabelledArticle:
    """One SemEval-2023 article: genre, frames and per-paragraph techniques where given."""

    id: str
    language: str
    text: str
    genre: str | None = None
    frames: list[str] | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    spans: list[TechniqueGold] = field(default_factory=list)
    path: Path | None = None
    #: where the file had a Windows line end (offsets in the file as stored): the span gold
    #: counts each ``\r``, ``text`` does not (twenty-seventh session)
    crlf: list[int] = field(default_factory=list, repr=False)

    def text_offset(self, file_offset: int) -> int:
        """A character offset of the file as stored (what the span files give) in ``text``."""
        return file_offset - bisect_left(self.crlf, file_offset)


@dataclass(slots=True)
class RoleGold:
    mention: str
    start: int
    end: int
    main_role: str
    fine_roles: list[str]


@dataclass(slots=True)
class NarrativeDocument:
    """One SemEval-2025 document with its narratives and the entity mentions with roles."""

    id: str
    language: str
    text: str
    narratives: list[str] | None = None
    subnarratives: list[str] | None = None
    roles: list[RoleGold] = field(default_factory=list)
    path: Path | None = None

    @property
    def domain(self) -> str:
        return "CC" if "_CC_" in self.id else "URW"


def held_out(doc_id: str, *, modulus: int = 10) -> bool:
    """The fixed CI hold-out: a stable tenth of the documents, chosen by hash of the id so it
    never moves when files are added."""
    digest = hashlib.sha1(doc_id.encode("utf-8")).digest()
    return digest[0] % modulus == 0


def _language_dirs(root: Path, marker: str) -> list[Path]:
    if not root.is_dir():
        raise ParallaxError(Code.NOT_FOUND, f"training data folder not found: {root}")
    if (root / marker).exists() or any(root.glob(marker)):
        return [root]
    found = sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob(marker)))
    if not found and (root / "train").is_dir():
        return _language_dirs(root / "train", marker)
    if not found:
        raise ParallaxError(Code.UNSUPPORTED,
                            f"{root} has no {marker!r}; docs/framing.md shows the layout")
    return found


def _split_list(value: str, sep: str) -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]


def read_semeval2025(root: Path) -> list[NarrativeDocument]:
    docs: dict[str, NarrativeDocument] = {}
    for lang_dir in _language_dirs(Path(root), "raw-documents"):
        language = lang_dir.name.lower()
        for path in sorted((lang_dir / "raw-documents").glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            docs[path.name] = NarrativeDocument(path.name, language, text, path=path)
        narr = lang_dir / "subtask-2-annotations.txt"
        if narr.exists():
            for line in narr.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) < 3 or parts[0] not in docs:
                    continue
                docs[parts[0]].narratives = _split_list(parts[1], ";")
                docs[parts[0]].subnarratives = _split_list(parts[2], ";")
        roles = lang_dir / "subtask-1-annotations.txt"
        if roles.exists():
            for line in roles.read_text(encoding="utf-8").splitlines():
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 6 or parts[0] not in docs:
                    continue
                doc = docs[parts[0]]
                start, end = _locate(doc.text, parts[1], int(parts[2]), int(parts[3]))
                doc.roles.append(RoleGold(parts[1], start, end, parts[4].strip(),
                                          [r.strip() for r in parts[5:] if r.strip()]))
    return list(docs.values())


def _locate(text: str, mention: str, start: int, end: int) -> tuple[int, int]:
    """The released offsets are end-inclusive in places; trust the mention string."""
    if text[start:end] == mention:
        return start, end
    if text[start:end + 1] == mention:
        return start, end + 1
    found = text.find(mention, max(0, start - 50))
    if found >= 0 and abs(found - start) < 200:
        return found, found + len(mention)
    return start, max(end, start + 1)


_ARTICLE_ID = re.compile(r"article(\d+)")


def read_semeval2023(root: Path) -> list[LabelledArticle]:
    articles: dict[tuple[str, str], LabelledArticle] = {}
    for lang_dir in _language_dirs(Path(root), "train-labels-subtask-*.txt"):
        language = LANG_CODES.get(lang_dir.name, lang_dir.name)

        def article(aid: str, lang_dir: Path = lang_dir, language: str = language
                    ) -> LabelledArticle | None:
            return _article(articles, lang_dir, language, aid)

        for n, attr in ((1, "genre"), (2, "frames")):
            labels = lang_dir / f"train-labels-subtask-{n}.txt"
            if not labels.exists():
                continue
            for line in labels.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) < 2 or (art := article(parts[0].strip())) is None:
                    continue
                if attr == "genre":
                    art.genre = parts[1].strip()
                else:
                    art.frames = _split_list(parts[1], ",")
        labels = lang_dir / "train-labels-subtask-3.txt"
        if labels.exists():
            for line in labels.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) < 2 or (art := article(parts[0].strip())) is None:
                    continue
                index = int(parts[1]) - 1
                if 0 <= index < len(art.paragraphs):
                    para = art.paragraphs[index]
                    para.labelled = True
                    para.techniques = _split_list(parts[2] if len(parts) > 2 else "", ",")
        span_dir = lang_dir / "train-labels-subtask-3-spans"
        for path in sorted(span_dir.glob("*.txt")) if span_dir.is_dir() else []:
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) < 4 or (art := article(parts[0].strip())) is None:
                    continue
                art.spans.append(TechniqueGold(parts[1].strip(), art.text_offset(int(parts[2])),
                                               art.text_offset(int(parts[3]))))
    return list(articles.values())


def _article(articles: dict[tuple[str, str], LabelledArticle], lang_dir: Path, language: str,
             aid: str) -> LabelledArticle | None:
    key = (language, aid)
    if key not in articles:
        for n in (3, 1, 2):
            path = lang_dir / f"train-articles-subtask-{n}" / f"article{aid}.txt"
            if path.exists():
                raw = _read_raw(path)
                text = raw.replace("\r\n", "\n").replace("\r", "\n")
                crlf = [m.start() for m in re.finditer("\r\n", raw)]
                articles[key] = LabelledArticle(aid, language, text, paragraphs=_paragraphs(text),
                                                path=path, crlf=crlf)
                break
        else:
            return None
    return articles[key]


def _read_raw(path: Path) -> str:
    """The file as stored: the span offsets of fr, de, it, pl and ru count the ``\r`` of
    Windows line ends, which universal-newline reading drops (every span after line one landed
    a character later per line above it)."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def _paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per line, numbered like the label files (blank lines count)."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        paragraphs.append(Paragraph(offset, offset + len(line)))
        offset += len(line) + 1
    return paragraphs
