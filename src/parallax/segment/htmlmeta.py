"""trafilatura's page metadata, only the fields the HTML path reads.

Why: ``bare_extraction(with_metadata=True)`` runs ``trafilatura.metadata.extract_metadata``,
about 40 % of trafilatura's time on real pages (~11 of ~28 ms), and part of that goes to
fields Parallax never reads (categories, tags, license: ~2.4 ms a page) and to htmldate's date
search on pages whose own markup already shows the date, where trafilatura's date is never
used (~1.8 ms). The steps below are trafilatura 2.3's ``extract_metadata``, in its order and
with its calls, less those: the title, author, URL, site name and (when asked) date come out
the same (``tests/test_segment_htmlmeta.py`` compares them with ``extract_metadata`` on the
fixture pages and a sample of the real ones; ``segment_html`` gave identical output on all
2,305 real, gold and demo pages, docs/segmentation.md, "HTML speed, twelfth session"). None of
these steps changes the tree (the author and date searches work on deep copies), so the text
extraction that follows reads the page as before.
"""

from __future__ import annotations

import contextlib
from typing import Any

from trafilatura import metadata as tm
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params

#: the date search trafilatura runs by default (``Extractor.date_params``)
EXTENSIVE = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


def page_metadata(tree: Any, url: str | None, dated: bool) -> Document:
    """``extract_metadata(tree, url)`` without categories, tags and license, and without the
    date unless ``dated`` (the date then stays None)."""
    metadata = tm.examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # as extract_metadata: bugs in its JSON-LD reader
        metadata = tm.extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = tm.extract_title(tree)
    if not metadata.author:
        metadata.author = tm.extract_author(tree)
    if not metadata.url:
        metadata.url = tm.extract_url(tree, url)
    if dated:
        params = set_date_params(EXTENSIVE)
        params["url"] = metadata.url
        metadata.date = tm.find_date(tree, **params)
    if not metadata.sitename:
        metadata.sitename = tm.extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename \
                and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        found = tm.META_URL.match(metadata.url)
        if found:
            metadata.sitename = found[1]
    metadata.clean_and_trim()
    return metadata


__all__ = ["EXTENSIVE", "page_metadata"]
