"""Hostile titles, outlet names, ids and texts through every page and export of the web app.

test_web.py checks the calm store's exact markup; here every string a page shows was chosen to
break out of its context (`</title>`, `">` out of an attribute, `<script>`, a formula cell), and
each page is parsed back: if a hostile string reached the page raw, the parse finds an element
or attribute that should not exist, or a `<title>`/`<h1>`/link text that is not the string itself.
The templates may not mark anything safe (test_templates_never_mark_data_safe), so a `|safe`
added anywhere fails here or there. A right-to-left override in a title must sit in an element
that is its own bidi island (test_rtl_override_in_a_title_stays_isolated).
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import parallax.web.app as web
import parallax.web.context as web_context
from parallax.compare.render import _csv_cell
from parallax.records import Article, Claim, Mention, Published, Story
from test_web import FakeStore

TITLE = "</title><script>alert(1)</script>Dam"
ATTR = '"><img src=x onerror=alert(1)>'
OUTLET = "Nord" + ATTR
FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"
CLAIM = "It held </h1><script>alert(3)</script>"
ENTITY = "Brava\"><svg onload=alert(4)>"
STORY_ID = 's1"><b>x'
URL = 'https://korvan.example/a"><img src=x onerror=alert(5)>'
TEXT = f"{ENTITY} flooded. {CLAIM}.\n\nSecond </p><script>alert(6)</script> paragraph."
TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "parallax" / "web" / "templates"


def _hostile_article() -> Article:
    start = TEXT.index(CLAIM)
    return Article(
        id="a1", role="main", title=TITLE, outlet=OUTLET, url=URL, language="en",
        published=Published(text=ATTR, iso="2026-10-16"), text=TEXT,
        entities=[Mention(ENTITY, 0, len(ENTITY), "LOC", ENTITY)],
        claims=[Claim(CLAIM, start, start + len(CLAIM), ATTR, 0.8)],
    )


class HostileStore(FakeStore):
    def __init__(self) -> None:
        super().__init__()
        self.items = {"a1": _hostile_article()}
        self.all_stories = [Story(id=STORY_ID, title=TITLE, article_ids=["a1"],
                                  outlets=[OUTLET, FORMULA], languages=["en"],
                                  key_entities=[ENTITY], start="2026-10-16", end="2026-10-16")]

    def related(self, article_id: str) -> list[Article]:
        return []

    def facet_options(self, limit: int = 50) -> dict[str, list[str]]:
        return {"outlets": [OUTLET], "languages": ["en"], "entities": [ENTITY],
                "narratives": []}


def hostile_comparison(store: Any, story_id: str) -> dict[str, Any]:
    article = {"id": "a1", "title": TITLE, "published": {"text": ATTR, "iso": "2026-10-16"},
               "language": "en", "genre": "news", "words": 9, "input": "p", "url": URL}
    return {
        "schema": 1,
        "story": {"id": story_id, "title": TITLE, "start": "2026-10-16", "end": "2026-10-16",
                  "outlets": [OUTLET, FORMULA], "languages": ["en"], "key_entities": [ENTITY],
                  "article_count": 1},
        "outlets": [{"outlet": OUTLET, "articles": [article]},
                    {"outlet": FORMULA, "articles": [{**article, "id": "a1"}]}],
        "claims": {"clusters": [{
            "id": "c1", "text": CLAIM, "status": "contested",
            "positions": {OUTLET: "asserts", FORMULA: "contradicts"},
            "members": [{"outlet": OUTLET, "article_id": "a1", "text": CLAIM, "start": 0,
                         "end": 5, "attribution": ATTR, "numbers": [ATTR]}]}],
            "shared": [], "contested": ["c1"], "exclusive": []},
        "timeline": [{"published": "2026-10-16", "published_text": ATTR, "outlet": OUTLET,
                      "title": TITLE, "article_id": "a1"}],
    }


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the text inside <title>, <h1> and each <a>."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, list[str]] = {"title": [], "h1": [], "a": [], "option": []}
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._open: list[tuple[str, list[str], str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag in self.texts:
            self._open.append((tag, [], values.get("href", "")))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, parts, href = self._open.pop()
            self.texts[tag].append("".join(parts))
            if tag == "a":
                self.links.append((href, "".join(parts)))

    def handle_data(self, data: str) -> None:
        for _, parts, _ in self._open:
            parts.append(data)


def assert_inert(page: str) -> Parsed:
    """No element or attribute that a hostile string could have made, and each <title> whole.
    (test_web's regex check would flag `onerror=` inside a correctly escaped attribute value,
    so the structure comes from parsing the page.)"""
    assert page.lower().count("<script") == 1, "only our own /static/app.js"
    assert page.count("</title>") == 1, "a title closed early: raw </title> on the page"
    parsed = Parsed(page)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"img", "svg", "b", "iframe", "object"}, names
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") or k == "style" for k in attrs), (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript:")
        if tag == "script":
            assert attrs == {"src": "/static/app.js", "defer": ""}
    assert len(parsed.texts["title"]) == 1
    return parsed


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(web_context, "open_store", lambda db: HostileStore())
    return TestClient(web.create_app("unused.db", comparison_for=hostile_comparison))


def story_path(suffix: str = "") -> str:
    from urllib.parse import quote

    return "/story/" + quote(STORY_ID, safe="") + suffix


def test_story_page_keeps_hostile_title_in_title_h1_and_links(client: TestClient) -> None:
    response = client.get(story_path())
    assert response.status_code == 200
    parsed = assert_inert(response.text)
    assert parsed.texts["title"] == [f"{TITLE} · Parallax"]
    assert parsed.texts["h1"] == [TITLE]
    assert ("/article/a1", TITLE) in parsed.links
    assert CLAIM not in response.text and "&lt;/h1&gt;&lt;script&gt;alert(3)" in response.text
    entity_links = [href for href, text in parsed.links if text == ENTITY]
    assert entity_links and all(h.startswith("/entity/Brava%22%3E%3Csvg") for h in entity_links)
    exports = [href for href, _ in parsed.links if href.endswith(("report.md", "claims.csv"))]
    assert exports == [story_path("/report.md"), story_path("/claims.csv")]


def test_index_and_search_keep_hostile_strings_as_text(client: TestClient) -> None:
    index = client.get("/")
    parsed = assert_inert(index.text)
    assert (story_path(), TITLE) in parsed.links
    assert OUTLET in parsed.texts["option"] and ENTITY in parsed.texts["option"]
    filtered = assert_inert(client.get("/", params={"outlet": OUTLET}).text)
    assert OUTLET in filtered.texts["option"]
    assert any(t == "option" and "selected" in a for t, a in filtered.tags)
    search = client.get("/search", params={"q": ATTR + "flooded"})
    parsed = assert_inert(search.text)
    assert any(a.get("value") == ATTR + "flooded" for t, a in parsed.tags if t == "input")
    assert parsed.texts["title"] == [f"Search: {ATTR}flooded · Parallax"]
    hits = client.get("/search", params={"q": "flooded"})
    assert ("/article/a1", TITLE) in assert_inert(hits.text).links


def test_article_page_keeps_hostile_strings_in_title_h1_links_and_attributes(
        client: TestClient) -> None:
    response = client.get("/article/a1")
    assert response.status_code == 200
    parsed = assert_inert(response.text)
    assert parsed.texts["title"] == [f"{TITLE} · Parallax"]
    assert parsed.texts["h1"] == [TITLE]
    assert (URL, URL) in parsed.links  # an http(s) address stays one attribute and one text
    tooltips = [a["title"] for t, a in parsed.tags if t == "span" and "title" in a]
    assert f"{ENTITY} (LOC)" in tooltips
    assert f"claim, attributed to {ATTR}" in tooltips
    assert any(text == OUTLET for _, text in parsed.links)


def test_exports_keep_hostile_strings_inert(client: TestClient) -> None:
    report = client.get(story_path("/report.html"))
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert "<script" not in report.text.lower()
    parsed = Parsed(report.text)
    assert report.text.count("</title>") == 1
    assert parsed.texts["title"] == [f"{TITLE} · Parallax report"]
    assert parsed.texts["h1"] == [TITLE]
    assert not {tag for tag, _ in parsed.tags} & {"img", "svg", "b", "script"}
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)

    markdown = client.get(story_path("/report.md")).text
    assert markdown.splitlines()[0] == r"# \</title\>\<script\>alert(1)\</script\>Dam"
    assert not re.search(r"(?<!\\)[<>]", markdown), "an unescaped < or > in the Markdown"

    rows = list(csv.reader(io.StringIO(client.get(story_path("/claims.csv")).text)))
    assert rows[0] == ["cluster", "status", "text", OUTLET, "'" + FORMULA]
    assert rows[1] == ["c1", "contested", CLAIM, "asserts", "contradicts"]
    assert all(len(row) == 5 for row in rows)

    api = client.get("/api/stories/" + STORY_ID.replace('"', "%22"))
    assert api.headers["content-type"].startswith("application/json")
    assert api.headers["x-content-type-options"] == "nosniff"
    body = api.json()
    assert body["story"]["title"] == TITLE and body["comparison"]["story"]["title"] == TITLE
    assert client.get("/api/articles/a1").json()["title"] == TITLE


# Server-built markup that a template may print without escaping: none today. Add a name here
# only for markup built from constants or escaped pieces, with the reason beside it.
SAFE_ALLOWLIST: dict[str, str] = {}


def test_templates_never_mark_data_safe() -> None:
    """Autoescaping is the only defence the templates have; `|safe`, `Markup` or an autoescape
    block switched off would let one stored string run as markup on every reader's screen."""
    offenders = []
    for path in sorted(TEMPLATES.glob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            unsafe = re.search(r"\|\s*safe\b(?!_)|autoescape\s+false|Markup", line)
            if unsafe and f"{path.name}:{number}" not in SAFE_ALLOWLIST:
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, "templates must not mark data safe:\n" + "\n".join(offenders)
    assert len(list(TEMPLATES.glob("*.html"))) >= 10  # the glob sees the templates


BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
RTL_TITLE = "Dam report \u202eexe.fdp"  # shows as "Dam report pdf.exe" where it is not isolated
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
STYLE = TEMPLATES.parent / "static" / "style.css"


def isolating_selectors() -> tuple[set[str], set[str]]:
    """Tags and classes that style.css makes their own bidi island (unicode-bidi isolate or
    plaintext); compound selectors are left out, so they never count."""
    tags: set[str] = set()
    classes: set[str] = set()
    css = re.sub(r"/\*.*?\*/", "", STYLE.read_text(encoding="utf-8"), flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"unicode-bidi:\s*(isolate|plaintext)", body):
            for selector in (s.strip() for s in selectors.split(",")):
                if re.fullmatch(r"[a-z][a-z0-9]*", selector):
                    tags.add(selector)
                elif re.fullmatch(r"\.[\w-]+", selector):
                    classes.add(selector[1:])
    return tags, classes


class Isolation(HTMLParser):
    """Each text run that holds a bidi override, embedding or isolate control, and whether the
    element right around it is its own bidi island (<bdi>, a dir attribute, or a tag or class
    style.css isolates), so the control cannot reorder the text beside it."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags, self.classes = isolating_selectors()
        self.stack: list[tuple[str, bool]] = []
        self.runs: list[tuple[str, str, bool]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        isolated = (tag == "bdi" or "dir" in values or tag in self.tags
                    or bool(self.classes & set(values.get("class", "").split())))
        if tag not in VOID:
            self.stack.append((tag, isolated))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if BIDI.search(data) and self.stack and self.stack[-1][0] != "title":
            self.runs.append((self.stack[-1][0], data, self.stack[-1][1]))


def test_rtl_override_in_a_title_stays_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """A right-to-left override in a title must not flip the outlet, date or link beside it:
    wherever a page shows it, the element right around it is its own bidi island. (<title> is
    plain text and cannot isolate; the browser shows it alone in the tab.) The override
    itself is shown as its escape since the thirty-first session (helper N9: it reversed the
    letters inside its own element), so the runs here hold an embedding, which pages keep."""
    store = HostileStore()
    embedded = RTL_TITLE.replace("\u202e", "\u202b")
    store.items["a9"] = Article(id="a9", role="main", title=embedded, outlet="Nordblick",
                                language="en", published=Published(iso="2026-10-17"),
                                text="A report on the dam.")
    store.all_stories.append(Story(id="s9", title=embedded, article_ids=["a9"],
                                   outlets=["Nordblick"], languages=["en"]))

    def comparison(store_: Any, story_id: str) -> dict[str, Any]:
        out = hostile_comparison(store_, story_id)
        out["story"]["title"] = embedded
        out["outlets"][0]["articles"][0]["title"] = embedded
        return out

    monkeypatch.setattr(web_context, "open_store", lambda db: store)
    client = TestClient(web.create_app("unused.db", comparison_for=comparison))
    for path in ("/", "/search?q=report", "/article/a9", "/story/s9"):
        runs = Isolation(client.get(path).text).runs
        assert runs, f"{path}: the title is not on the page"
        assert all(isolated for _, _, isolated in runs), (path, runs)
        title = Parsed(client.get(path).text).texts["title"]
        assert title and not any(BIDI.search(t) for t in title), (path, title)  # cannot isolate
    assert "a" in isolating_selectors()[0] and "h1" in isolating_selectors()[0]
    # Neither a Markdown line nor a CSV cell can isolate: there the controls are dropped.
    assert "Dam report exe.fdp" in client.get("/story/s9/report.md").text
    report = client.get("/story/s9/report.html").text
    assert not BIDI.search(Parsed(report).texts["title"][0])
    assert _csv_cell("=" + RTL_TITLE) == "'=Dam report exe.fdp"
