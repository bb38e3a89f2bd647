"""End-to-end scoring on real pages, through the path ``parallax extract --json`` takes.

Each page (and each text-dump rendering of it) is written to a file, read by the same readers
(``read_inputs``), segmented by ``Pipeline(analyse=False).process`` and turned into the JSON
contract; the main article's title and text are scored against the gold with the word 4-gram
shingle F1 (``realpages.shingle_prf``). A rejected page scores 0 and is counted. Baselines on
the same pages: "keep everything" (the whole dump) and trafilatura alone (HTML). Where the gold
has reader comments (Dragnet), the page's comments are scored against them too
(``comments:<shape>``, next to trafilatura's comments). Every output is also scored with the
snippet P/R/F1 of trafilatura's own evaluation (``snippets``; ``Results.snippets``), with the
raw HTML source as that evaluation's "everything" row (``raw_html``). ``evaluate_with_site``
reads each page's dumps together with the other pages of its site (``with_site:<shape>``), as a
folder or crawl of one outlet is read (the batch's site memory, ``segment.sitememory``).
``evaluate_with_store`` ingests each site's dumps one ``parallax ingest`` at a time into a
fresh store, in the pages' order, and scores what the store holds (``with_store:<shape>``: the
store's site memory, ``store/site_lines.py``).
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parallax.segment import snippets as snip
from parallax.segment.realpages import RealPage, fold_of, shingle_prf
from parallax.segment.render import page_blocks, render
from parallax.settings import Config


@dataclass(slots=True)
class Score:
    page: str
    site: str
    shape: str  # a rendering, "html", "keep_all:<rendering>" or "trafilatura"
    p: float
    r: float
    f: float
    rejected: bool
    low_confidence: bool = False
    corpus: str = ""


@dataclass(slots=True)
class Results:
    scores: list[Score] = field(default_factory=list)
    #: snippet counts per page and output (``snippets.table`` sums and scores them)
    snippets: list[snip.SnippetScore] = field(default_factory=list)

    def add_snippets(self, page: RealPage, shape: str, snippets: snip.Snippets,
                     output: str | None) -> None:
        found = snip.score(page.name, page.site, page.corpus, shape, snippets, output)
        if found is not None:
            self.snippets.append(found)

    def table(self, key: str = "shape") -> dict[str, dict[str, float]]:
        groups: dict[str, list[Score]] = defaultdict(list)
        for s in self.scores:
            groups[s.shape if key == "shape" else f"{getattr(s, key)}/{s.shape}"].append(s)
        out = {}
        for name, items in sorted(groups.items()):
            n = len(items)
            out[name] = {"pages": n,
                         "precision": round(sum(s.p for s in items) / n, 4),
                         "recall": round(sum(s.r for s in items) / n, 4),
                         "f1": round(sum(s.f for s in items) / n, 4),
                         "rejected": sum(s.rejected for s in items),
                         "low_confidence": sum(s.low_confidence for s in items)}
        return out


def with_title(page: RealPage) -> bool:
    """Half the dumps start with the page title line, as when a reader copies it too."""
    return fold_of(page.name) % 2 == 0


def main_article(contract: dict[str, Any]) -> dict[str, Any] | None:
    """The main article of one JSON result; None when the input was rejected or has none."""
    if contract.get("status") != "ok":
        return None
    return next((a for a in contract.get("articles") or []
                 if isinstance(a, dict) and a.get("role") == "main"), None)


def main_text(contract: dict[str, Any]) -> tuple[str, bool, bool]:
    """(title + text of the main article, rejected, low confidence) of one JSON result."""
    main = main_article(contract)
    if main is None:
        return "", True, False
    notes = main.get("notes") or []
    low = any(str(n).startswith("low_confidence") for n in notes)
    return f"{main.get('title') or ''}\n{main.get('text') or ''}", False, low


def extract_files(paths: list[Path], config: Config) -> list[dict[str, Any]]:
    """The JSON objects ``parallax extract --json`` prints for these files, in order."""
    from parallax.ingest.sources import read_inputs
    from parallax.pipeline import Pipeline
    from parallax.records import Rejection

    pipeline = Pipeline.from_config(config, analyse=False)
    results = []
    for item in read_inputs([str(p) for p in paths], config):
        result = item if isinstance(item, Rejection) else pipeline.process(item)
        results.append(result.to_contract() if isinstance(result, Rejection)
                       else result.to_contract(analysed=False))
    return results


def extract_together(paths: list[Path], config: Config) -> list[dict[str, Any]]:
    """Like ``extract_files``, but the files read as one ``extract`` run reads them: in
    batches (``parallel.process_stream``, one worker), so the batch's site memory applies."""
    from parallax.ingest.sources import read_inputs
    from parallax.parallel import process_stream
    from parallax.records import Rejection

    return [result.to_contract() if isinstance(result, Rejection)
            else result.to_contract(analysed=False)  # type: ignore[union-attr]
            for _, result in process_stream(read_inputs([str(p) for p in paths], config),
                                            config, analyse=False)]


def by_site(pages: Iterable[RealPage]) -> dict[str, list[RealPage]]:
    """The pages of each site, in the order given: the site memory reads a page beside its
    site's others (``evaluate_with_site``, ``evaluate_with_store``)."""
    sites: dict[str, list[RealPage]] = defaultdict(list)
    for page in pages:
        sites[page.site].append(page)
    return sites


def evaluate_with_site(pages: Iterable[RealPage], shapes: tuple[str, ...], *,
                       config: Config | None = None) -> Results:
    """Each text dump read together with the same rendering of its site's other pages in
    ``pages`` (never a page of another split: the caller's selection), scored as ``evaluate``
    scores it, as ``with_site:<shape>`` (and ``comments:with_site:<shape>``)."""
    config = config or Config()
    results = Results()
    sites = by_site(pages)
    with tempfile.TemporaryDirectory(prefix="parallax-site-") as tmp:
        folder = Path(tmp)
        for members in sites.values():
            rendered = [page_blocks(page.html) for page in members]
            for shape in shapes:
                paths = [folder / f"{k}-{shape}.txt" for k in range(len(members))]
                for path, page, (title, blocks) in zip(paths, members, rendered, strict=True):
                    path.write_text(render(title, blocks, shape, with_title=with_title(page)),
                                    encoding="utf-8")
                by_input = {c.get("input"): c for c in extract_together(paths, config)}
                for path, page in zip(paths, members, strict=True):
                    contract = by_input.get(str(path), {"status": "rejected"})
                    text, rejected, low = main_text(contract)
                    results.scores.append(Score(page.name, page.site, f"with_site:{shape}",
                                                *shingle_prf(text, page.gold), rejected, low,
                                                page.corpus))
                    if page.comments:
                        said = "\n".join(str(c.get("text") or "")
                                         for c in contract.get("comments") or [])
                        results.scores.append(Score(
                            page.name, page.site, f"comments:with_site:{shape}",
                            *shingle_prf(said, page.comments), rejected, corpus=page.corpus))
                    path.unlink()
    return results


def evaluate_with_store(pages: Iterable[RealPage], shapes: tuple[str, ...], *,
                        config: Config | None = None) -> Results:
    """Each site's dumps of one rendering ingested one at a time (``runner.ingest`` of one
    file, analysis off: segmentation is the same) into a fresh SQLite store, in the order of
    ``pages``; the stored main article is scored as ``evaluate`` scores it."""
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.store.base import open_store

    config = config or Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    results = Results()
    sites = by_site(pages)
    with tempfile.TemporaryDirectory(prefix="parallax-store-") as tmp:
        folder = Path(tmp)
        for n, members in enumerate(sites.values()):
            rendered = [page_blocks(page.html) for page in members]
            for shape in shapes:
                store = open_store(folder / f"{n}-{shape}.db")
                seen: dict[str, tuple[str, bool, bool]] = {}
                for k, (page, (title, blocks)) in enumerate(zip(members, rendered, strict=True)):
                    dump = render(title, blocks, shape, with_title=with_title(page))
                    path = folder / f"{n}-{k}-{shape}.txt"
                    path.write_text(dump, encoding="utf-8")
                    (outcome, *_) = ingest([str(path)], store, config, pipeline=pipeline,
                                           cluster=False).outcomes
                    main = next((a for a in outcome.articles if a["role"] == "main"), None)
                    article = store.article(main["id"]) if main is not None else None
                    if article is not None:
                        seen[dump] = (f"{article.title}\n{article.text}", False, any(
                            note.startswith("low_confidence") for note in article.notes))
                    text, rejected, low = seen.get(dump, ("", outcome.status != "skipped",
                                                          False))
                    results.scores.append(Score(page.name, page.site, f"with_store:{shape}",
                                                *shingle_prf(text, page.gold), rejected, low,
                                                page.corpus))
                    path.unlink()
                store.close()
    return results


def extracted(folder: Path, key: int, page: RealPage, dumps: dict[str, str], html: bool,
              config: Config) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, dump, JSON result) for each text dump of ``page`` (``dumps``: name -> text) and,
    with ``html``, the page itself (name ``html``, dump ""): each is written to ``folder`` and
    read back through the ``extract --json`` path, as a user's file would be; an input with no
    result counts as rejected. The files are removed again."""
    jobs = [(name, folder / f"{key}-{name}.txt", dump) for name, dump in dumps.items()]
    if html:
        jobs.append(("html", folder / f"{key}.html", ""))
    for name, path, dump in jobs:
        path.write_text(page.html if name == "html" else dump, encoding="utf-8")
    by_input = {c.get("input"): c for c in extract_files([j[1] for j in jobs], config)}
    out = [(name, dump, by_input.get(str(path), {"status": "rejected"}))
           for name, path, dump in jobs]
    for _, path, _ in jobs:
        path.unlink()
    return out


def evaluate(pages: Iterable[RealPage], shapes: tuple[str, ...], *, html: bool = True,
             baselines: bool = True, config: Config | None = None) -> Results:
    config = config or Config()
    results = Results()
    with tempfile.TemporaryDirectory(prefix="parallax-real-") as tmp:
        folder = Path(tmp)
        for k, page in enumerate(pages):
            title, blocks = page_blocks(page.html)
            snippets = snip.derive(f"{page.corpus}/{page.name}", page.gold, title,
                                   [b.text for b in blocks],
                                   [b.text for b in blocks if b.tag == "h1"])
            dumps = {shape: render(title, blocks, shape, with_title=with_title(page))
                     for shape in shapes}
            for shape, dump, contract in extracted(folder, k, page, dumps, html, config):
                text, rejected, low = main_text(contract)
                results.add_snippets(page, shape, snippets, None if rejected else text)
                results.scores.append(Score(page.name, page.site, shape,
                                            *shingle_prf(text, page.gold), rejected, low,
                                            page.corpus))
                if page.comments:  # the gold's reader comments against the page's comments
                    said = "\n".join(str(c.get("text") or "")
                                     for c in contract.get("comments") or [])
                    results.scores.append(Score(page.name, page.site, f"comments:{shape}",
                                                *shingle_prf(said, page.comments), rejected,
                                                corpus=page.corpus))
                if baselines and shape != "html":
                    results.add_snippets(page, f"keep_all:{shape}", snippets, dump)
                    results.scores.append(Score(page.name, page.site, f"keep_all:{shape}",
                                                *shingle_prf(dump, page.gold), False,
                                                corpus=page.corpus))
            if baselines and html:
                article, comments = _trafilatura(page.html)
                results.add_snippets(page, "trafilatura", snippets, article)
                results.add_snippets(page, "raw_html", snippets, page.html)
                results.scores.append(Score(page.name, page.site, "trafilatura",
                                            *shingle_prf(article, page.gold),
                                            False, corpus=page.corpus))
                if page.comments:
                    results.scores.append(Score(page.name, page.site, "comments:trafilatura",
                                                *shingle_prf(comments, page.comments), False,
                                                corpus=page.corpus))
    return results


def _trafilatura(page: str) -> tuple[str, str]:
    """Trafilatura alone: (title + main text, its comments)."""
    import trafilatura

    doc = trafilatura.bare_extraction(page, with_metadata=True)
    if doc is None:
        return "", ""
    data = doc.as_dict() if hasattr(doc, "as_dict") else doc
    return f"{data.get('title') or ''}\n{data.get('text') or ''}", str(data.get("comments") or "")


__all__ = ["Results", "Score", "evaluate", "evaluate_with_site", "extract_files",
           "extract_together", "extracted", "main_article",
           "main_text", "with_title"]
