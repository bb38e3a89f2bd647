"""What a browser writes beside a page it saves "complete", and the code files a page loads:
none of them is a page.

Why: "Save page as… (complete)" writes ``NAME.html`` and a folder ``NAME_files`` of the
page's images, scripts, style sheets and frames. A folder scan read every one of them: each
script and style sheet became an article (its code the text, labelled English, a story of
its own with a key entity such as ``a[i].addEventListener``), and each image and frame was a
rejection of its own, so a folder of ten saved pages listed hundreds of lines around the ten
that matter (twenty-eighth session, helper N5). The folder is now one rejection naming the
page it belongs to, and a ``.js`` or ``.css`` file given by name is refused as what it is.
Only a folder beside its page is set aside: the page names it (``NAME.html`` and
``NAME_files``), so a folder a user called ``notes_files`` is read as any other.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from parallax.ingest.sender import address_site, links_site, opens_with_site
from parallax.ingest.url import is_url

#: the folder name a browser gives a saved page's resources, after the page's name; Windows
#: and the browsers that follow it translate the ending ("Connected files")
FOLDER_ENDINGS = ("_files", "-dateien", "_fichiers", "_archivos", "_arquivos", "_file",
                  "_bestanden", "_filer", "_pliki", "_soubory", "_tiedostot", "_dosyalar")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
#: a file a page loads, by its suffix (a browser adds ``.download`` to some it saves)
CODE_SUFFIXES = {".js": "a script (JavaScript)", ".mjs": "a script (JavaScript)",
                 ".cjs": "a script (JavaScript)", ".css": "a style sheet (CSS)",
                 ".map": "a source map (a script's debugging data)"}


def code_file(name: str) -> str | None:
    """What the file is when its name says it is a script or style sheet, else None."""
    name = name.lower().removesuffix(".download")
    return CODE_SUFFIXES.get(os.path.splitext(name)[1])


def code_refusal(what: str) -> str:
    return (f"{what} that web pages load, not a page: there is no article to read in it "
            "(give the page itself)")


def page_of(folder: str, siblings: list[str]) -> str | None:
    """The saved page a folder holds the resources of (one of ``siblings``), else None."""
    lowered = folder.lower()
    for ending in FOLDER_ENDINGS:
        if lowered.endswith(ending) and len(lowered) > len(ending):
            stem = lowered[: -len(ending)]
            for sibling in siblings:
                low = sibling.lower()
                if low.endswith(PAGE_SUFFIXES) and os.path.splitext(low)[0] == stem:
                    return sibling
    return None


def resource_refusal(folder: Path, page: str) -> str:
    count = sum(len(files) for _, _, files in os.walk(folder))
    noun = "file" if count == 1 else "files"
    return (f"the {count:,} {noun} a browser saved with the page {page} (its images, "
            "scripts, style sheets and frames): not pages, so none of them is read; the page "
            "itself is read")


#: the mark a browser writes atop a page it saves: "<!-- saved from url=(0045)https://… -->",
#: the number the address's length
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,5}\)(\S{1,8192}?)\s*-->", re.IGNORECASE)


def saved_from(text: str) -> str | None:
    """The address a saved page says it was saved from (an http(s) one), else None.

    Why: that address is a fact-checker's record of where the page was; it was dropped, so
    the article had none (no link to its source, no ``ingest --replace`` by address). It is
    the article's address now; the page was not fetched at the ingest, so a relative time on
    it ("5 hours ago") is not read against the ingest's clock (``metadata["saved_from"]``)."""
    found = _SAVED_FROM.search(text[:4096])
    if found is None or not is_url(found.group(1)):
        return None
    return found.group(1)


#: a Wayback Machine capture's address: its time stamp, a mode ("id_", "if_"), the original
_WAYBACK = re.compile(r"https?://web\.archive\.org/web/(\d{4,14})(?:[a-z]{2}_|\*)?/+"
                      r"((?:https?:/+)?[^/\s]+\.[^/\s]+(?:/\S*)?)", re.IGNORECASE)


def archived(metadata: dict[str, object]) -> None:
    """An archived copy's article is the original's: a page fetched from or saved from the
    Wayback Machine (``web.archive.org/web/20261103090000/https://outlet.example/…``) had the
    archive's address as its own, so two outlets' archived pages were one "Unknown outlet
    (web.archive.org)" in a story, and a relative time on the page ("2 hours ago") was read
    against the ingest's clock, not the capture's (helper NW, round ten). The original
    address becomes the article's, the archive's is kept as ``archived_url``, and the page
    counts as saved earlier (``saved_from``)."""
    address = metadata.get("url")
    found = _WAYBACK.fullmatch(address) if isinstance(address, str) else None
    if found is None:
        return
    original = re.sub(r"^(https?):/+", r"\1://", found.group(2), flags=re.IGNORECASE)
    if not is_url(original):  # the capture of a bare host ("/web/2026/outlet.example/")
        original = "http://" + original
    metadata.update(url=original, archived_url=address, saved_from=True)



#: a ``<link>`` or ``<meta>`` tag and one of its attributes (quoted either way, or bare)
_TAG = re.compile(r"<(?:link|meta)\b[^>]{0,2000}>", re.IGNORECASE)
_ATTR = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
#: where a page's own marks are looked for (its head; a page's head is under this)
_HEAD = 200_000


def _attr(tag: str, name: str) -> str | None:
    found = re.search(_ATTR.format(name), tag, re.IGNORECASE)
    if found is None:
        return None
    return html.unescape(next(g for g in found.groups() if g is not None)).strip()


def own_address(text: str) -> str | None:
    """The page's address from its ``<link rel="canonical">`` or ``og:url``, when another of
    the page's own marks names the same site; else None.

    Why: Firefox's "Save Page As" and ``curl -o`` write no "saved from" mark, so such a page had
    no address (no link to its source, no ``--replace`` by address; helper NW, round ten, left).
    But a syndicated copy's canonical names the original outlet's address (MSN's copy of a
    Business Insider story, Gawker's of Deadspin's on the training pages), which would make
    this outlet's page that outlet's. An address is taken only when the page confirms its site:
    the other address tag, ``og:site_name`` spelling the site's name ("Coast Post" at
    ``coastpost``), or the site most of the page's links point at (its own menus). On the
    1,828 training extraction pages 1,001 state an absolute address, 987 confirmed so; the
    two whose canonical and ``og:url`` name different sites are both syndicated copies."""
    head = text[:_HEAD]
    canonical = og_url = site_name = None
    for tag in _TAG.findall(head):
        rel = (_attr(tag, "rel") or "").lower().split()
        named = (_attr(tag, "property") or _attr(tag, "name") or "").lower()
        if "canonical" in rel and canonical is None:
            canonical = _attr(tag, "href")
        elif named == "og:url" and og_url is None:
            og_url = _attr(tag, "content")
        elif named == "og:site_name" and site_name is None:
            site_name = _attr(tag, "content")
    linked: str | None = None
    for address, other in ((canonical, og_url), (og_url, canonical)):
        at = address_site(address)
        if at is None:
            continue
        label = at.split(".")[0]
        if at == address_site(other) or (site_name and opens_with_site(site_name, label)):
            return address
        linked = links_site(text) if linked is None else linked
        if at == linked:
            return address
    return None
