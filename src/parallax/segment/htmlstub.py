"""Why an HTML page with no article holds none, when it is a page that only points elsewhere.

A redirect page (``<meta http-equiv="refresh" content="0; url=…">``, what link shorteners,
moved sites and some newsletters' "view in browser" links answer) and a frameset (the page's
text lives in its frames' own documents) were "no article found: the main text has 26
characters, fewer than 200", which sent the user looking for a broken extractor (helper NW,
round ten). They are still rejected, with the address the browser would go to.
"""

from __future__ import annotations

import html
import re

#: a ``<meta>`` tag (its attributes in any order)
_META = re.compile(r"<meta\s[^<>]{0,2000}>", re.IGNORECASE)
_REFRESH = re.compile(r"""\bhttp-equiv\s*=\s*["']?refresh\b""", re.IGNORECASE)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
#: "0; url=https://…" (also "0;URL='…'", "5, url=…")
_TARGET = re.compile(r"""\s*(\d{1,6})(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?['"]?"""
                     r"""([^'"\s\x00-\x1f\x7f]+)""", re.IGNORECASE)
_FRAME = re.compile(r"""<i?frame\s[^<>]{0,2000}?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
                    re.IGNORECASE)
#: a refresh this many seconds away or more is a reload timer, not a redirect
_RELOAD_S = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FRAMESET = re.compile(r"<frameset[\s>]", re.IGNORECASE)


def refresh_target(page: str) -> str | None:
    """The address a page's meta refresh sends the browser to, else None (a refresh without
    an address only reloads the page)."""
    for tag in _META.findall(page[:65536]):
        if not _REFRESH.search(tag) or (content := _CONTENT.search(tag)) is None:
            continue
        target = _TARGET.match(html.unescape(content[1] or content[2] or ""))
        # a timer of a minute or more reloads a page that shows its own text (a live page, a
        # front page: "300; url=…/live"), it sends no one on (helper R)
        if target is not None and int(target[1]) < _RELOAD_S:
            return target[2][:2000]
    return None


def stub_reason(page: str) -> str | None:
    """What the page is instead of an article (a redirect page or a frameset), else None."""
    if (target := refresh_target(page)) is not None:
        return (f"a redirect page: it only sends the browser on to {target} (a meta refresh); "
                "give that address instead")
    if _FRAMESET.search(page) is not None:
        frames = [_CONTROL.sub("", f[0] or f[1] or f[2])[:200] for f in _FRAME.findall(page)][:5]
        where = f" ({', '.join(frames)})" if frames else ""
        return (f"a frameset: the page's text is in its frames' own documents{where}; give "
                "the frame that holds the article (its address or saved file)")
    return None


__all__ = ["refresh_target", "stub_reason"]
