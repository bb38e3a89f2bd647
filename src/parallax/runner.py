"""Ingest orchestration: read -> (skip if stored) -> segment/analyse -> store -> cluster.

Each document is committed on its own, so a crash mid-batch keeps everything before it, and a
re-run skips what is stored (by content hash): ingest is idempotent and resumable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from parallax.enrich.aliases import load_aliases
from parallax.enrich.linker import CorpusLinker, seeded
from parallax.ingest import read_inputs
from parallax.ingest.outlets import RunOutlets
from parallax.parallel import process_stream
from parallax.pipeline import Pipeline, build_clusterer
from parallax.records import Article, Page, RawDocument, Rejection, Story
from parallax.segment.sitememory import (
    MIN_SHARED,
    STORED_SIBLINGS,
    Sibling,
    least_shared,
    line_hashes,
)
from parallax.settings import Config
from parallax.stages import OnlineClusterer
from parallax.store.base import Store
from parallax.store.remove import Removed, is_address, replace_keys
from parallax.stories.dedupe import NearDuplicateIndex
from parallax.textutil import counted

#: the reason a stored page carries when ``--replace`` had nothing to find its earlier version
#: by: the user expected a correction and got a second article beside the first
NOTHING_TO_MATCH = ("--replace: nothing to match this by (a record without a url, or standard "
                    "input), so it is stored beside any earlier version; to correct one, "
                    "'parallax delete' the old article's id, then ingest this again")


@dataclass(slots=True)
class InputOutcome:
    input: str
    status: str  # stored | skipped | rejected
    reason: str | None = None
    code: str | None = None
    articles: list[dict[str, Any]] = field(default_factory=list)
    #: ids of the articles of the earlier versions this input replaced (``--replace``)
    replaced: list[str] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        return {"schema": 1, "input": self.input,
                "status": "rejected" if self.status == "rejected" else "ok",
                "stored": self.status == "stored", "skipped": self.status == "skipped",
                "reason": self.reason, "code": self.code, "articles": self.articles,
                "replaced": self.replaced}


@dataclass(slots=True)
class IngestReport:
    outcomes: list[InputOutcome] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)  # the stories this run changed
    story_count: int = 0  # stories in the store after the run
    #: what ``replace`` took out: earlier versions of this run's inputs
    removed: Removed = field(default_factory=Removed)
    #: pages ``replace`` had nothing to match by (``NOTHING_TO_MATCH``), stored as new
    unmatched: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def rejected(self) -> list[InputOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def stored_outlet(store: Store) -> Callable[[str], str | None]:
    def outlet_of(article_id: str) -> str | None:
        stored = store.article(article_id)
        return stored.outlet if stored is not None else None
    return outlet_of


def ingest(inputs: Iterable[str], store: Store, config: Config, *,
           on_item: Callable[[InputOutcome], None] | None = None,
           pipeline: Pipeline | None = None, cluster: bool = True,
           workers: int = 1, names: Mapping[str, str] | None = None,
           replace: bool = False, local: bool = False) -> IngestReport:
    """``workers`` > 1 analyses on a process pool (``parallax.parallel``); linking, duplicate
    marks and the store stay here, in input order, so the database ends the same.
    ``names``: an input path -> the name stored and reported for it (``named``).
    ``replace``: a page whose content is new replaces the stored documents of its address or
    whole-file input (``Store.earlier_versions``), in the page's transaction; without it
    both versions are kept, the new one marked a near-duplicate of the old.
    ``local``: the inputs are paths of this machine as its command line gave them; each
    file's absolute spelling is stored beside its name (``local_path``), so ``delete
    --source`` and ``--replace`` find it from any folder. Not for the web app, whose files
    are uploads in a temporary folder."""
    report = IngestReport()
    new_articles: list[Article] = []
    duplicates = NearDuplicateIndex(float(config["near_duplicate_threshold"]),
                                    store.signatures(), links=store.copy_links(),
                                    by_date=True)
    linker = corpus_linker(config, store.articles(role=None))
    items = read_inputs(inputs, config)
    memory = StoredSiteMemory(store)
    stream = process_stream(named(items, names) if names else items, config, workers=workers,
                            skip=lambda doc: store.has_document(doc.sha256), pipeline=pipeline,
                            prepare=linker.prepare_pages, memory=memory)
    outlets = RunOutlets([*config["known_outlets"], *store.outlets()], stored_outlet(store),
                         store.outlets_at)

    def record(outcome: InputOutcome) -> None:
        report.outcomes.append(outcome)
        if on_item:
            on_item(outcome)

    #: the documents this run's inputs hold (stored, or skipped as stored): ``replace`` takes
    #: none of them, since a record or capture the run still reads is no earlier version of
    #: another of its address (R's review of c83650c)
    this_run: set[str] = set()

    def save(page: Page) -> None:
        if store.has_document(page.sha256):  # a held copy of a page stored since
            record(InputOutcome(page.input, "skipped", reason="already stored (same content)"))
            return
        path = local_path(page.input) if local else None
        earlier = [d for d in store.earlier_versions(page, path) if d not in this_run] \
            if replace else []
        leaving = store.document_articles(earlier)
        # an outlet's correction is no other outlet's copy of the version it replaces
        outlets.own(page, leaving={a for a in leaving
                                   if set(store.article_documents(a)) <= set(earlier)})
        for article in page.articles:
            linker.link(article)
        duplicates.forget(leaving)  # not a copy of what it replaces
        signatures = duplicates.mark(page)
        # stored copies of an earlier-dated article link to it (``stories.dedupe``)
        moved = duplicates.take_relinks()
        lines = memory.lines.pop(page.sha256, frozenset())
        saved = (store.save_page(page, signatures=signatures, replaces=earlier, relinks=moved,
                                 site_lines=lines, path=path)
                 if earlier or moved else store.save_page(page, signatures=signatures,
                                                          site_lines=lines, path=path))
        if not saved.new_document:
            # another ingest on this database stored it since the check: its run counts it
            # and clusters its articles
            record(InputOutcome(page.input, "skipped", reason="already stored (same content)"))
            return
        new_articles.extend(page.articles)
        this_run.add(page.sha256)
        outcome = _stored(page)
        if replace and replace_keys(page) == ([], None):  # said, not silently kept beside
            outcome.reason = NOTHING_TO_MATCH
            report.unmatched += 1
        if saved.removed is not None:
            report.removed.add(saved.removed)
            outcome.replaced = [a["id"] for a in saved.removed.articles]
        record(outcome)

    # closed here when the store fails (a full disk): left to the garbage collector, the
    # stream's worker pool was shut down on its own thread, "Exception ignored … cannot join
    # current thread" with a traceback after the clean E021 line (helper NW)
    with closing(stream):
        for item, result in stream:
            if isinstance(item, Rejection):
                store.save_rejection(item, local_path(item.input) if local else None)
                record(_rejected(item))
            elif result is None or store.has_document(item.sha256):  # (stored since it was sent)
                this_run.add(item.sha256)
                record(InputOutcome(item.input or item.uri, "skipped",
                                    reason="already stored (same content)"))
            elif isinstance(result, Rejection):
                memory.lines.pop(item.sha256, None)
                store.save_rejection(result, local_path(result.input) if local else None)
                record(_rejected(result))
            else:
                for page in outlets.feed(result):  # a dump's header outlet may wait for the
                    save(page)
    for page in outlets.drain():  # ... run's outlets (ingest/outlets.py)
        save(page)
    if cluster:
        report.stories = update_stories(store, config, new_articles,
                                        forgotten=report.removed.stories)
        report.story_count = store.counts()["stories"]
    return report


class StoredSiteMemory:
    """The store's earlier text dumps as site-memory siblings of each chunk's dumps
    (``segment.sitememory``, ``store/site_lines.py``): called by ``process_stream`` before
    a chunk is segmented; keeps each dump's line hashes until its page is saved with them.

    Only dumps stored before the run began are read (``site_lines_mark``): with several
    workers a chunk is sent before the chunks ahead of it are stored, so reading the run's
    own pages would make the answer depend on the number of workers; a run's own dumps
    meet each other in their chunk (the batch memory). A later run reads this one's."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.upto = store.site_lines_mark()
        self.lines: dict[str, frozenset[int]] = {}

    def __call__(self, docs: list[RawDocument]) -> dict[str, list[Sibling]]:
        found: dict[str, list[Sibling]] = {}
        for doc in docs:
            if doc.kind != "text":
                continue
            lines = self.lines[doc.sha256] = line_hashes(doc.text)
            if self.upto and len(lines) >= MIN_SHARED:  # (0: no dump stored before the run)
                found[doc.sha256] = self.store.site_siblings(
                    lines, least_shared(lines), STORED_SIBLINGS, self.upto)
        return found


def named(items: Iterable[RawDocument | Rejection],
          names: Mapping[str, str]) -> Iterator[RawDocument | Rejection]:
    """Inputs under the names a person knows them by. The web app reads uploads from a
    temporary folder; stored as read, the front page's rejected inputs and an article's source
    said "/tmp/parallax-upload-…/upload-3.txt" (a server path, and not the file the person
    chose) instead of "scan.txt". A part keeps its suffix ("notes.jsonl#line-3")."""
    def rename(text: str) -> str:
        for path, name in names.items():
            if text == path or text.startswith(path + "#"):
                return name + text[len(path):]
        return text

    for item in items:
        if isinstance(item, Rejection):
            item.input = rename(item.input)
            for path, name in names.items():  # a reason may name the path it could not read
                item.reason = item.reason.replace(path, name)
        else:
            item.input, item.uri = rename(item.input), rename(item.uri)
        yield item


def corpus_linker(config: Config, stored: list[Article]) -> CorpusLinker:
    aliases = load_aliases(config.get("entity_alias_file") or None)
    return seeded(stored, {(e.canonical, e.type) for e in aliases.values()})


def update_stories(store: Store, config: Config, new_articles: list[Article],
                   forgotten: Collection[str] = ()) -> list[Story]:
    """Put this run's articles into stories: incrementally when the clusterer can (only the
    stories that changed come back), else by re-clustering the whole store. ``forgotten``:
    stories that lost members to a removal this run (``forget``).

    Under the store's story lock from reading the index to saving it, so a second ingest into
    the same store at once reads the stories only after this one saved them (else an article
    both ingests share could land in two stories)."""
    clusterer = build_clusterer(config)
    with store.story_lock():
        if forgotten:
            _forget(store, config, forgotten)
        if isinstance(clusterer, OnlineClusterer):
            return clusterer.update(store, new_articles)
        return _recluster(store, config)


def _spellings(source: str) -> list[str]:
    """A source as ingest may have named it: as given, normalised ("./a/../b.txt"), absolute
    (what ingest stores as each file's ``path``, helper N11: a file ingested in another folder
    is found by "../a/in/b.txt", whether or not it is still there) and, for a path that exists
    here, relative to this folder (ingested as "in/b.txt", given as "/home/…/in/b.txt" it was
    "not found", helper NW)."""
    names = [source, os.path.normpath(source)]
    if source.strip() and source != "-" and not is_address(source):
        # the file part alone made absolute, as ``local_path`` stores it: abspath of the whole
        # also folds a record's address ("crawl.warc.gz#https://…" -> "#https:/…", helper R)
        names += [os.path.abspath(source[:cut]) + source[cut:] for cut in
                  [len(source), *[i for i, c in enumerate(source) if c == "#"][:4]]]
    if os.path.exists(source):
        names.append(os.path.relpath(source))
    return list(dict.fromkeys(names))


def local_path(name: str) -> str | None:
    """The absolute spelling of an input read from a file here, its part after the file kept
    ("in/notes.jsonl#line-3" -> "/home/…/in/notes.jsonl#line-3"): the longest part of the
    name up to a "#" (or all of it) that exists, since a file's own name may hold one. None
    for an address, standard input or a name that is no file here."""
    if not name or name == "-" or is_address(name):
        return None
    for cut in [len(name), *(i for i in range(len(name) - 1, 0, -1) if name[i] == "#")]:
        if os.path.exists(name[:cut]):
            return os.path.abspath(name[:cut]) + name[cut:]
    return None


def _whole_disk_or_home(source: str) -> bool:
    """Whether a source is the file system's root or the home folder. Why: since ingest
    stores each file's absolute path (migration 0019), a folder source takes every document
    read below it, so "delete --source /" (or "..", "~" that lead there) would have removed
    everything the command line ever ingested, where it had found nothing before (helper R)."""
    if not source.strip() or is_address(source) or not os.path.isdir(source):
        return False
    here = os.path.realpath(source)
    return here in {os.path.realpath(os.sep), os.path.realpath(os.path.expanduser("~"))}


def documents_to_remove(store: Store, target: str, by_source: bool,
                        every_version: bool = False) -> tuple[list[str], str, str | None]:
    """(the documents to remove, the status when there are none, why): what ``parallax
    delete`` and the web app's delete take out for an article id or a source.
    ``every_version``, for an id: also every document read from the sources its page was
    read from (``Store.document_sources``: its inputs and addresses), as ``--source`` would
    take each (the web page's and the API's ``source`` choice)."""
    if every_version and not by_source:
        page, status, why = documents_to_remove(store, target, False)
        more = (documents_to_remove(store, name, True)[0]
                for name in store.document_sources(page))
        return sorted(set(page).union(*more)) if page else [], status, why
    if by_source:
        if _whole_disk_or_home(target):
            return [], "refused", ("this is the whole disk or your home folder, above every "
                                   "file ingested from it: name the folder or file the inputs "
                                   "were read from")
        found = sorted({d for name in _spellings(target) for d in store.source_documents(name)})
        return found, "not_found", "no stored document was read from this source"
    article = store.article(target)
    if article is None:
        hint = " (a story id: delete its articles by their ids)" if store.story(target) else ""
        return [], "not_found", f"no stored article has this id{hint}"
    if article.role != "main":  # removing a teaser means removing the page that shows it
        page = (store.article_source(target) or {}).get("input", "")
        return [], "refused", ("this is a teaser on another page (a link to a report); "
                               f"remove that page with --source {page!r}" if page else
                               "this is a teaser on another page")
    return store.article_documents(target), "not_found", None


@dataclass(slots=True)
class Deletion:
    """What one delete did, for the command's lines, the web page and the API's answer."""

    #: one per target: target, status (deleted / not_found / refused), reason, documents,
    #: articles, copies
    rows: list[dict[str, Any]]
    removed: Removed
    #: the stories made again from the articles left
    kept: list[Story]

    @property
    def dropped(self) -> list[str]:
        """Stories removed: no main article left."""
        return sorted(self.removed.stories - {s.id for s in self.kept})


def delete(store: Store, config: Config, targets: Iterable[tuple[str, bool]],
           every_version: bool = False) -> Deletion:
    """Remove each target (an article id, or a source when its flag is set) and make the
    stories that lost members again, once for all: ``parallax delete``, the web page's and
    the API's delete all run this."""
    total = Removed()
    rows: list[dict[str, Any]] = []
    for target, by_source in targets:
        # a deleted source's rejections go too: the front page listed them as still there
        names = _spellings(target) if by_source else store.document_sources(
            documents_to_remove(store, target, False)[0]) if every_version else []
        documents, status, why = documents_to_remove(store, target, by_source, every_version)
        rejections = sum(store.remove_source_rejections(name) for name in names)
        if not documents and rejections:
            rows.append({"target": target, "status": "deleted",
                         "reason": f"no stored document; {counted(rejections, 'rejection')}"
                                   " listed from this source removed",
                         "documents": [], "articles": [], "copies": []})
            continue
        if not documents:
            earlier = any(a["id"] == target for a in total.articles) or (
                by_source and any(d == target or d.startswith(target + "#")
                                  for d in total.documents))
            rows.append({"target": target, "status": "deleted" if earlier else status,
                         "reason": "removed with an earlier target" if earlier else why,
                         "documents": [], "articles": [], "copies": []})
            continue
        removed = store.remove_documents(documents)
        total.add(removed)
        rows.append({"target": target, "status": "deleted", "reason": None,
                     "documents": removed.documents, "articles": removed.articles,
                     "copies": removed.copies})
    return Deletion(rows, total, forget(store, config, total.stories))


def forget(store: Store, config: Config, story_ids: Collection[str]) -> list[Story]:
    """Stories that lost members to a removal (``parallax delete``), made again from the
    members left; returns those kept (the others had no main article left and are gone)."""
    if not story_ids:
        return []
    with store.story_lock():
        return _forget(store, config, story_ids)


def _forget(store: Store, config: Config, story_ids: Collection[str]) -> list[Story]:
    clusterer = build_clusterer(config)
    if isinstance(clusterer, OnlineClusterer) and hasattr(clusterer, "forget"):
        kept: list[Story] = clusterer.forget(store, story_ids)
        return kept
    return [s for s in _recluster(store, config) if s.id in story_ids]  # no index to mend


def recluster(store: Store, config: Config) -> list[Story]:
    """Re-cluster everything from scratch (story ids carry over where membership does)."""
    with store.story_lock():
        return _recluster(store, config)


def _recluster(store: Store, config: Config) -> list[Story]:
    clusterer = build_clusterer(config)
    if isinstance(clusterer, OnlineClusterer):
        return clusterer.rebuild(store)
    stories = clusterer.cluster(store.articles(role=None), store.stories())
    store.replace_stories(stories)
    return stories


def _rejected(rejection: Rejection) -> InputOutcome:
    return InputOutcome(rejection.input, "rejected", rejection.reason, rejection.code)


def _stored(page: Page) -> InputOutcome:
    return InputOutcome(page.input, "stored", articles=[
        {"id": a.id, "role": a.role, "title": a.title, "outlet": a.outlet,
         "language": a.language, "duplicate_of": a.duplicate_of} for a in page.articles])
