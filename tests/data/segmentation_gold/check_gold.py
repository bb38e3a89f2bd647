#!/usr/bin/env python3
"""Consistency checker for the segmentation gold set (stdlib only).

    python tests/data/segmentation_gold/check_gold.py [DIR]

For every page NN-name.txt / NN-name.html with a NN-name.gold.json beside it:

* the gold file has the expected schema (keys, shapes, boilerplate kinds, language codes);
* text dumps: every non-blank line of the page is accounted for -- it equals (after stripping
  surrounding whitespace), or failing that is contained in, some gold string -- and no line is
  claimed *exactly* by two different places (main title / main body / metadata_lines /
  a related teaser / a comment / boilerplate).  Conversely every gold string is found in the
  page, body paragraphs occur in page order, and the main body has 150-700 words;
* HTML pages: the page is decoded with the charset its <meta> declares; the <h1> is the title;
  og:site_name, meta author and article:published_time match outlet, byline and
  published_iso; the <time> text is `published`; the gold body is exactly the list of
  <p>/<h2> texts of the main <article> (whitespace collapsed), skipping figures, asides,
  forms, nested sections and furniture blocks; and every comment, teaser and boilerplate
  string occurs in the visible text (script content excluded).

Exit status 0 when everything passes, 1 otherwise.  Prints a summary by shape and language.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

SHAPES = {"aggregator", "title-blank-body", "no-title", "news-site", "blog", "press-release",
          "paywall", "html"}
KINDS = {"logo", "navigation", "cookie_notice", "promo", "app_download", "donation_appeal",
         "empty_comment_box", "comments_heading", "related_heading", "image_caption",
         "share_buttons", "newsletter", "paywall", "author_bio", "tags", "read_more", "footer",
         "media_contact", "other"}
LANG_RE = re.compile(r"^[a-z]{2}$")
WS = re.compile(r"\s+")


def collapse(s: str) -> str:
    return WS.sub(" ", s).strip()


def words(paras: list[str]) -> int:
    return sum(len(p.split()) for p in paras)


# --------------------------------------------------------------------------- schema
def check_schema(g: dict[str, Any], errs: list[str]) -> None:
    for k in ("language", "shape", "main", "related", "comments", "boilerplate"):
        if k not in g:
            errs.append(f"missing top-level key {k!r}")
    if errs:
        return
    if not LANG_RE.match(g["language"]):
        errs.append(f"bad language {g['language']!r}")
    if g["shape"] not in SHAPES:
        errs.append(f"bad shape {g['shape']!r}")
    m = g["main"]
    for k in ("title", "outlet", "byline", "published", "body"):
        if k not in m:
            errs.append(f"main lacks {k!r}")
    if not isinstance(m.get("body"), list) or not m.get("body"):
        errs.append("main.body must be a non-empty list")
    for r in g["related"]:
        for k in ("title", "outlet", "published", "body"):
            if k not in r:
                errs.append(f"related entry lacks {k!r}: {r}")
    for c in g["comments"]:
        if not c.get("text") or not LANG_RE.match(c.get("language", "")):
            errs.append(f"bad comment entry {c}")
    for b in g["boilerplate"]:
        if b.get("kind") not in KINDS or not b.get("text"):
            errs.append(f"bad boilerplate entry {b}")
    if not isinstance(g.get("metadata_lines", []), list):
        errs.append("metadata_lines must be a list")


# --------------------------------------------------------------------------- text dumps
def gold_places(g: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(place, string, line_level) for every gold string.

    line_level strings are whole page lines (or several joined lines); field-only strings
    (main outlet/byline/published) only count through containment.
    """
    out: list[tuple[str, str, bool]] = []
    m = g["main"]
    if m.get("title"):
        out.append(("main.title", m["title"], True))
    if m.get("subtitle"):
        out.append(("main.subtitle", m["subtitle"], True))
    for k in ("outlet", "byline", "published"):
        if m.get(k):
            out.append(("main." + k, m[k], False))
    for s in g.get("metadata_lines", []):
        out.append(("metadata_lines", s, True))
    for s in m["body"]:
        out.append(("main.body", s, True))
    for i, r in enumerate(g["related"]):
        if r.get("title"):
            out.append((f"related[{i}]", r["title"], True))
        for k in ("outlet", "published"):  # may be a line, or part of one ("time2 hours ago")
            if r.get(k):
                out.append((f"related[{i}].{k}", r[k], False))
        for s in r.get("metadata_lines", []) + r["body"]:
            out.append((f"related[{i}]", s, True))
    for i, c in enumerate(g["comments"]):
        out.append((f"comments[{i}]", c["text"], True))
        for k in ("author", "published"):
            if c.get(k):
                out.append((f"comments[{i}].{k}", c[k], False))
    for b in g["boilerplate"]:
        out.append(("boilerplate", b["text"], True))
    return out


def group(place: str) -> str:
    return place.split("[")[0].split(".")[0] if not place.startswith("main.") else place


def check_txt(page: Path, g: dict[str, Any], errs: list[str]) -> None:
    raw = page.read_text(encoding="utf-8")
    lines = [ln.strip() for ln in raw.splitlines()]
    nonblank = [ln for ln in lines if ln]
    places = gold_places(g)
    # every gold string split into its lines (boilerplate blocks may hold several lines)
    exact: dict[str, set[str]] = {}
    for place, s, line_level in places:
        if not line_level and place.startswith("main."):
            continue
        for part in s.split("\n"):
            exact.setdefault(part.strip(), set()).add(group(place))
    for n, ln in enumerate(lines, 1):
        if not ln:
            continue
        groups = exact.get(ln)
        if groups:
            if len(groups) > 1:
                errs.append(f"line {n} claimed by several places {sorted(groups)}: {ln!r}")
            continue
        if not any(ln in s for _, s, _ in places):
            errs.append(f"line {n} not accounted for: {ln!r}")
    # reverse direction: gold strings must come from the page
    joined_sp = " ".join(nonblank)
    joined_nl = "\n".join(nonblank)
    line_set = set(nonblank)
    for place, s, line_level in places:
        if not line_level:
            if s not in raw:
                errs.append(f"{place} {s!r} does not occur in the page")
        elif place in ("main.body", "main.title", "main.subtitle", "metadata_lines") \
                or place.startswith("related"):
            if s not in line_set:
                errs.append(f"{place} string is not a line of the page: {s[:70]!r}")
        elif place.startswith("comments"):
            if s not in joined_sp:
                errs.append(f"{place} text not found in page: {s[:70]!r}")
        elif place == "boilerplate" and s not in joined_nl:
            errs.append(f"boilerplate not found in page: {s[:70]!r}")
    # body order
    pos = [nonblank.index(p) if p in nonblank else -1 for p in g["main"]["body"]]
    if any(b <= a for a, b in pairwise(pos)):
        errs.append("main.body paragraphs are not in page order")
    # title lines, if any, come before the body
    title = g["main"]["title"]
    if title and title in nonblank and pos and 0 <= pos[0] < nonblank.index(title):
        errs.append("title appears after the first body paragraph")
    if g["shape"] == "no-title" and g["main"]["title"] is not None:
        errs.append("no-title page must have title null")


# --------------------------------------------------------------------------- HTML
BLOCK = {"p", "div", "section", "article", "aside", "figure", "form", "footer", "header", "nav",
         "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "main", "blockquote"}
VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "area", "base", "col"}
SKIP_ANCESTORS = {"figure", "aside", "form", "footer", "section", "header", "nav"}
SKIP_CLASS = re.compile(r"share|social|newsletter|cookie|consent|gdpr|comment|discussion|related|"
                        r"author|tags|byline|read-more|promo|meta|kicker|standfirst|empty", re.I)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.visible: list[str] = []
        self.h1: list[str] = []
        self.times: list[str] = []
        self.metas: dict[str, str] = {}
        self.body: list[str] = []
        self._cur: list[str] | None = None  # text of the <p>/<h2> being collected
        self._cur_tag = ""
        self._in_script = False
        self._h1 = False
        self._time = False

    # stack helpers
    def _pop_to(self, tag: str) -> None:
        if any(t == tag for t, _ in self.stack):
            while self.stack:
                t, _ = self.stack.pop()
                self._closed(t)
                if t == tag:
                    break

    def _closed(self, tag: str) -> None:
        if tag == self._cur_tag and self._cur is not None:
            text = collapse("".join(self._cur))
            if text:
                self.body.append(text)
            self._cur = None
            self._cur_tag = ""
        if tag == "h1":
            self._h1 = False
        if tag == "time":
            self._time = False

    def _in_main_article(self) -> bool:
        arts = [i for i, (t, _) in enumerate(self.stack) if t == "article"]
        if not arts:
            return False
        for t, attrs in self.stack[arts[0] + 1:]:
            if t in SKIP_ANCESTORS or t == "article":
                return False
            if SKIP_CLASS.search(attrs.get("class") or ""):
                return False
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.metas[key] = a.get("content", "")
            return
        if tag in ("script", "style"):
            self._in_script = True
            return
        if tag in VOID:
            self.visible.append(" ")
            return
        if tag in BLOCK and self.stack and self.stack[-1][0] == "p":
            self._pop_to("p")
        if tag == "li" and any(t == "li" for t, _ in self.stack):
            # an unclosed <li> is closed by the next one in the same list
            i = max(i for i, (t, _) in enumerate(self.stack) if t == "li")
            if not any(t in ("ul", "ol") for t, _ in self.stack[i + 1:]):
                self._pop_to("li")
        self.stack.append((tag, a))
        self.visible.append(" ")
        if tag in ("p", "h2") and self._cur is None and self._in_main_article():
            self._cur, self._cur_tag = [], tag
        if tag == "h1":
            self._h1 = True
            self.h1.append("")
        if tag == "time":
            self._time = True
            self.times.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in_script = False
            return
        self._pop_to(tag)
        self.visible.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            return
        self.visible.append(data)
        if self._cur is not None:
            self._cur.append(data)
        if self._h1:
            self.h1[-1] += data
        if self._time:
            self.times[-1] += data

    def finish(self) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            self._closed(t)


def sniff_charset(data: bytes) -> str:
    m = re.search(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_-]+)', data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def check_html(page: Path, g: dict[str, Any], errs: list[str]) -> None:
    data = page.read_bytes()
    cs = sniff_charset(data)
    if cs != "utf-8" and g.get("encoding") != cs:
        errs.append(f"page declares {cs} but gold 'encoding' is {g.get('encoding')!r}")
    try:
        text = data.decode({"windows-1252": "cp1252"}.get(cs, cs))
    except UnicodeDecodeError as exc:
        errs.append(f"cannot decode as {cs}: {exc}")
        return
    if cs != "utf-8":
        try:
            data.decode("utf-8")
            errs.append(f"{cs} page is also valid UTF-8 -- not a real legacy-encoded file")
        except UnicodeDecodeError:
            pass
    p = Page()
    p.feed(text)
    p.close()
    p.finish()
    m = g["main"]
    if [collapse(h) for h in p.h1] != [m["title"]]:
        errs.append(f"<h1> {p.h1} != title {m['title']!r}")
    for key, field in (("og:site_name", "outlet"), ("author", "byline"),
                       ("article:published_time", "published_iso")):
        if p.metas.get(key) != m.get(field):
            errs.append(f"meta {key}={p.metas.get(key)!r} != main.{field}={m.get(field)!r}")
    if m.get("published") and collapse(p.times[0] if p.times else "") != m["published"]:
        errs.append(f"first <time> text {p.times[:1]} != published {m['published']!r}")
    if p.body != m["body"]:
        for i, (a, b) in enumerate(zip(p.body, m["body"], strict=False)):
            if a != b:
                errs.append(f"body paragraph {i} differs: page {a[:60]!r} gold {b[:60]!r}")
                break
        else:
            errs.append(f"body has {len(p.body)} paragraphs in page, {len(m['body'])} in gold")
    visible = collapse("".join(p.visible))
    strings = [("metadata_lines", s) for s in g.get("metadata_lines", [])]
    if m.get("standfirst"):
        strings.append(("main.standfirst", m["standfirst"]))
    for r in g["related"]:
        fields = [r["title"], r.get("outlet"), r.get("published"), *r["body"]]
        strings += [("related", s) for s in fields if s]
    for c in g["comments"]:
        strings += [("comments", s) for s in (c["text"], c.get("author"), c.get("published")) if s]
    strings += [("boilerplate", b["text"]) for b in g["boilerplate"]]
    for place, s in strings:
        if collapse(s) not in visible:
            errs.append(f"{place} string not in visible text: {s[:70]!r}")


# --------------------------------------------------------------------------- main
def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    pages = sorted(p for p in root.iterdir() if p.suffix in (".txt", ".html"))
    failed = 0
    by_shape: Counter[str] = Counter()
    by_lang: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    cross_lang: list[str] = []
    n_lines = n_comments = n_related = 0
    for page in pages:
        gpath = page.with_name(page.stem + ".gold.json")
        errs: list[str] = []
        if not gpath.exists():
            errs.append("no gold file")
        else:
            g = json.loads(gpath.read_text(encoding="utf-8"))
            check_schema(g, errs)
            if not errs:
                if page.suffix == ".txt":
                    if g["shape"] == "html":
                        errs.append("text dump annotated with shape 'html'")
                    check_txt(page, g, errs)
                    text = page.read_text(encoding="utf-8")
                    n_lines += sum(1 for ln in text.splitlines() if ln.strip())
                else:
                    if g["shape"] != "html":
                        errs.append("HTML page must have shape 'html'")
                    check_html(page, g, errs)
                nw = words(g["main"]["body"])
                if not 150 <= nw <= 700:
                    errs.append(f"main body has {nw} words (want 150-700)")
                by_shape[g["shape"]] += 1
                by_lang[g["language"]] += 1
                by_kind.update(b["kind"] for b in g["boilerplate"])
                n_comments += len(g["comments"])
                n_related += len(g["related"])
                other = sorted({c["language"] for c in g["comments"]} - {g["language"]})
                if other:
                    also = ", ".join(other)
                    cross_lang.append(f"{page.name} ({g['language']}; comments also {also})")
        if errs:
            failed += 1
            print(f"FAIL {page.name}")
            for e in errs:
                print(f"     - {e}")
        else:
            print(f"ok   {page.name}")
    orphans = [p.name for p in root.glob("*.gold.json")
               if not any(p.name == q.stem + ".gold.json" for q in pages)]
    for o in orphans:
        failed += 1
        print(f"FAIL {o}: gold file without a page")
    print()
    print(f"pages: {len(pages)}  (text-dump lines checked: {n_lines}, comments: {n_comments}, "
          f"related teasers: {n_related})")
    print("by shape:   " + ", ".join(f"{k} {v}" for k, v in sorted(by_shape.items())))
    print("by language: " + ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items())))
    print("boilerplate kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    print(f"pages with comments in another language ({len(cross_lang)}):")
    for c in cross_lang:
        print("  " + c)
    print("RESULT: " + ("all pages pass" if not failed else f"{failed} page(s) FAILED"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
