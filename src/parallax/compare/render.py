"""Turn a story comparison into Markdown, a standalone HTML report and a claims × outlets CSV.

Every string in a comparison was read from hostile pages, so each renderer defuses it for its
own medium: HTML goes through Jinja2 autoescaping, Markdown gets its active characters
backslash-escaped (a viewer that passes raw HTML or ``javascript:`` links through must not run
them), and CSV cells a spreadsheet would evaluate as formulas are prefixed with a quote.

The web story page and the HTML report include the same ``_comparison.html`` partial over the
same view (``comparison_view``), so what a reader sees online and offline cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from parallax.records import instant_key
from parallax.textutil import overrides_shown
from parallax.titles import TITLE_NOTE, breakable, shown
from parallax.when import shown_time

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

#: ``restates``: no claim of the outlet joined the cluster, but one of its sentences states the
#: fact in other words (compare/restate.py)
POSITIONS = ("asserts", "attributes", "contradicts", "restates", "silent")
#: what an empty claims section says; no conflict is invented to fill the contested one
EMPTY_CLAIMS = {"contested": "No conflicts found."}
STATUSES = ("shared", "contested", "exclusive", "possibly_shared", "partial", "uncompared")
#: the heading of a story of one outlet's claims (``uncompared``: none is called exclusive)
UNCOMPARED = "Claims of the only outlet (nothing to compare them with)"
#: what the page says above the claims of one outlet that are not called exclusive
POSSIBLY_SHARED = ("One outlet's claims that another outlet may state in other words: the "
                   "closest sentence of that outlet is shown. Parallax does not call them "
                   "exclusive, because it cannot tell.")
ROLES = ("protagonist", "antagonist", "innocent")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|])")
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")


# -- filters shared by the report and the web app -------------------------------------------


def safe_url(value: object) -> str:
    """Only web links may become clickable; ``javascript:``, ``data:`` and the rest become '#'."""
    if not isinstance(value, str):
        return "#"
    url = value.strip()
    return url if url.lower().startswith(("http://", "https://")) else "#"


def path_id(value: object) -> str:
    """Ids go into URL paths; quoting everything keeps a crafted id from escaping its segment."""
    return quote(str(value), safe="")


def _allowed(value: object, allowed: tuple[str, ...], fallback: str) -> str:
    text = str(value or "").lower()
    return text if text in allowed else fallback


def pos_class(value: object) -> str:
    """CSS class names must come from a fixed list, never from data."""
    return _allowed(value, POSITIONS, "unknown")


def status_class(value: object) -> str:
    return _allowed(value, STATUSES, "unknown")


def role_class(value: object) -> str:
    return _allowed(value, ROLES, "other")


def sub_narrative(sub: object, label: object) -> str:
    """A sub-narrative's own words: the taxonomy spells it with its narrative in front
    ("URW: Discrediting the West, Diplomacy: The West is weak"), which the page already shows
    as the narrative, so "narrative / sub" would say the narrative twice."""
    text, head = str(sub or ""), f"{label}: "
    return text[len(head):] if label and text.startswith(head) and len(text) > len(head) else text


def lang_attr(value: object) -> str:
    """A detected language tag helps screen readers; anything that is not a tag is dropped."""
    return str(value) if isinstance(value, str) and _LANG.match(value) else ""


def score(value: object) -> str:
    try:
        return f"{float(value):.2f}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"


def humanize(value: object) -> str:
    """Technique ids like ``Loaded_Language`` read better (and need no Markdown escaping) spaced."""
    return str(value or "").replace("_", " ")


def span_text(start: object, end: object) -> str:
    if start and end and start != end:
        return f"{start} – {end}"
    return str(start or end or "date unknown")


#: Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). In HTML bodies the
#: templates isolate text (dir=auto, CSS); a <title>, a Markdown line or a CSV cell has no element
#: to isolate with, so there a hostile override would flip the text around it: it is dropped.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def unbidi(value: object) -> str:
    """Text without bidi controls (Markup stays Markup: str.translate is wrapped)."""
    text = value if isinstance(value, str) else str(value if value is not None else "")
    return text.translate(_BIDI_CONTROLS)


def published_text(published: dict[str, Any]) -> str:
    text, iso = published.get("text"), published.get("iso")
    if text and iso and text != iso:
        return f"{text} ({iso})"
    return str(iso or shown_time(text))


def _overrides_shown(value: object) -> object:
    """Every printed value, data or markup, shows its direction overrides (``textutil``)."""
    if isinstance(value, Markup):  # the controls are no HTML syntax: still safe markup
        return Markup(overrides_shown(str(value)))
    return overrides_shown(value) if isinstance(value, str) else value


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """One autoescaping environment for report and web, so both apply the same filters."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, finalize=_overrides_shown)
    env.filters.update(safe_url=safe_url, path_id=path_id, pos_class=pos_class,
                       status_class=status_class, role_class=role_class, lang_attr=lang_attr,
                       score=score, humanize=humanize, published_text=published_text,
                       unbidi=unbidi, sub_narrative=sub_narrative, shown_title=_shown,
                       shown_time=shown_time, breakable=breakable)
    env.globals["possibly_shared_note"] = POSSIBLY_SHARED
    env.globals["uncompared_title"] = UNCOMPARED
    env.globals["title_note"] = TITLE_NOTE  # the note of a cut title (article page)
    return env


# -- the view both templates and the Markdown renderer read -----------------------------------


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: object) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _strs(value: object) -> list[str]:
    return [str(x) for x in value if x is not None] if isinstance(value, list) else []


def _ordered(known: list[str], extra: list[str]) -> list[str]:
    out = list(dict.fromkeys(known))
    out += [x for x in dict.fromkeys(extra) if x not in out]
    return out


def _shown(value: object) -> object:
    """A title cut as a page shows it (``titles.shown``): titles stored before the cap are
    whole in the store."""
    return shown(value) if isinstance(value, str) else value


def _article(a: dict[str, Any]) -> dict[str, Any]:
    published = a.get("published")
    if not isinstance(published, dict):
        published = {"text": published, "iso": None}
    genre = a.get("genre")
    unsure = bool(a.get("genre_unsure"))
    if isinstance(genre, dict):
        unsure = unsure or bool(genre.get("low_confidence"))
        genre = genre.get("label")
    return {**a, "title": _shown(a.get("title")), "published": published, "genre": genre,
            "genre_unsure": unsure}


def _cluster(c: dict[str, Any], names: list[str], lists: dict[str, set[str]]) -> dict[str, Any]:
    cid = str(c.get("id", ""))
    status = c.get("status") or next((s for s, ids in lists.items() if cid in ids), "partial")
    status = status if status in STATUSES else "partial"
    raw = _dict(c.get("positions"))
    outlets = _ordered(names, [str(k) for k in raw])
    positions = [{"outlet": o, "position": str(raw.get(o) or "silent")} for o in outlets]
    by_position = [{"position": p, "outlets": [x["outlet"] for x in positions
                                               if x["position"] == p]} for p in POSITIONS]
    # everyone but one outlet is silent on an exclusive claim; listing them all is noise
    shown = [b for b in by_position if b["outlets"] and not (
        status in ("exclusive", "possibly_shared") and b["position"] == "silent")]
    conflict = _dict(c.get("conflict")).get("summary") if status == "contested" else None
    return {"id": cid, "text": str(c.get("text") or ""), "status": str(status),
            "positions": positions, "by_position": shown, "conflict": str(conflict or ""),
            "members": _dicts(c.get("members")), "restated": _dicts(c.get("restated")),
            "closest": _dicts(c.get("closest"))}


def _per_outlet(names: list[str], items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {o: [] for o in names}
    for item in items:
        grouped.setdefault(str(item.get("outlet") or "unknown outlet"), []).append(item)
    return grouped


def _stance_text(stance: Any) -> str:
    if not isinstance(stance, dict):
        return ""
    return " · ".join(f"{k} {md(stance.get(k, 0))}" for k in ("agree", "reject", "other"))


#: what the story page and the report say when an outlet's articles are all straight news
STRAIGHT_NEWS = ("Straight news reports: Parallax labels techniques here only inside quotes "
                 "(the speakers'), not in the outlet's own words, where such labels were "
                 "mostly wrong.")


def straight_news(genres: list[Any]) -> bool:
    """Every article of the outlet is one the genre model calls ``reporting``: the framing stage
    shows no technique in its own words (``trained.straight_news_labels``), so an empty list
    is an abstention, not a finding, and the page must say which."""
    return bool(genres) and all(g == "reporting" for g in genres)


def comparison_view(comparison: dict[str, Any]) -> dict[str, Any]:
    """Normalise a schema-1 comparison so templates hold no logic and tolerate missing keys."""
    story = _dict(comparison.get("story"))
    outlets: list[dict[str, Any]] = [{"outlet": str(o.get("outlet") or "unknown outlet"),
                "articles": [_article(a) for a in _dicts(o.get("articles"))]}
               for o in _dicts(comparison.get("outlets"))]
    names = _ordered(_strs(story.get("outlets")), [o["outlet"] for o in outlets])
    claims = _dict(comparison.get("claims"))
    lists = {s: set(_strs(claims.get(s)))
             for s in ("shared", "contested", "exclusive", "possibly_shared")}
    # text-only names (a claim's source, a speaker) are shown as their articles spell them;
    # names that link keep the canonical name and templates look it up (store/shown_names.py)
    shown_names = {str(k): str(n) for k, n in _dict(comparison.get("shown_names")).items()}
    clusters = [{**c, "members": _renamed(c["members"], "attribution", shown_names)}
                for c in (_cluster(c, names, lists) for c in _dicts(claims.get("clusters")))]
    by_status = {s: [c for c in clusters if c["status"] == s] for s in STATUSES}
    texts = {c["id"]: c["text"] for c in clusters}

    portrayal = _dict(comparison.get("portrayal"))
    cells = _dicts(portrayal.get("cells"))
    p_outlets = _ordered(_strs(portrayal.get("outlets")), [str(c.get("outlet")) for c in cells])
    entities = _ordered(_strs(portrayal.get("entities")), [str(c.get("entity")) for c in cells])
    lookup = {(str(c.get("entity")), str(c.get("outlet"))): c for c in cells}
    rows = [{"entity": e, "cells": [lookup.get((e, o)) for o in p_outlets]} for e in entities]

    narratives = _per_outlet(names, _dicts(comparison.get("narratives")))
    techniques = _per_outlet(names, _dicts(comparison.get("techniques")))
    quoted = _per_outlet(names, _dicts(comparison.get("quoted_techniques")))
    genres = {o["outlet"]: [a["genre"] for a in o["articles"]] for o in outlets}
    framing = [{"outlet": o, "narratives": narratives.get(o, []),
                "techniques": techniques.get(o, []),
                "quoted": [{**t, "speakers": [shown_names.get(n, n) for n in _strs(t.get(
                    "speakers"))]} for t in quoted.get(o, [])],
                "abstains": STRAIGHT_NEWS if straight_news(genres.get(o, [])) else None}
               for o in _ordered(_ordered(list(narratives), list(techniques)), list(quoted))]
    spoken = _per_outlet([], _dicts(comparison.get("voices")))
    voices: list[dict[str, Any]] = [{"outlet": o, "voices": sorted(
        _renamed(spoken[o], "speaker", shown_names), key=_quote_count)} for o in spoken]
    omissions = [{**o, "missing_entities": _strs(o.get("missing_entities")),
                  "missing_claims": [{"id": cid, "text": texts.get(cid, "")}
                                     for cid in _strs(o.get("missing_claims"))]}
                 for o in _dicts(comparison.get("omissions"))]
    reaction = [{**r, "language_text": _languages(r.get("languages")),
                 "examples": _strs(r.get("examples")), "themes": _dicts(r.get("themes")),
                 "stance": r.get("stance") if isinstance(r.get("stance"), dict) else None}
                for r in _dicts(comparison.get("reaction"))]
    timeline = sorted(({**t, "title": _shown(t.get("title"))}
                       for t in _dicts(comparison.get("timeline"))),
                      key=lambda t: instant_key(str(t.get("published") or "")))
    return {
        "story": {**story, "title": shown(str(story.get("title") or "Untitled story")),
                  "languages": _strs(story.get("languages")),
                  "key_entities": _strs(story.get("key_entities")),
                  "article_count": story.get("article_count",
                                             sum(len(o["articles"]) for o in outlets))},
        "span": span_text(story.get("start"), story.get("end")),
        "outlet_names": names, "outlets": outlets, "claims": by_status,
        "portrayal": {"outlets": p_outlets, "rows": rows},
        "framing": framing, "voices": voices, "omissions": omissions,
        "reaction": reaction, "timeline": timeline,
        "shown_names": shown_names,
    }


def _renamed(items: list[dict[str, Any]], key: str, names: dict[str, str]) -> list[dict[str, Any]]:
    return [{**i, key: names[i[key]]} if isinstance(i.get(key), str) and i[key] in names else i
            for i in items]


def _int(value: object) -> int:
    try:
        return int(value) if isinstance(value, int | float | str) else 0
    except ValueError:
        return 0


def _quote_count(voice: dict[str, Any]) -> int:
    """Most-quoted first: who gets to speak is the point of the voices table."""
    return -(_int(voice.get("direct")) + _int(voice.get("indirect")))


def _languages(value: object) -> str:
    if not isinstance(value, dict):
        return ""
    ranked = sorted(value.items(), key=lambda kv: -_int(kv[1]))
    return ", ".join(f"{k} {_int(v)}" for k, v in ranked)


# -- renderers ------------------------------------------------------------------------------


def render_html_report(comparison: dict[str, Any]) -> str:
    """One self-contained file: readable offline, mailable, no scripts and no external assets."""
    css = (STATIC_DIR / "style.css").read_text(encoding="utf-8")
    if "</" in css:  # our own stylesheet; the check keeps it from ever closing <style> early
        raise ValueError("style.css must not contain '</'")
    template = template_environment().get_template("report.html")
    return template.render(v=comparison_view(comparison), links=False, css=Markup(css))


def md(value: object) -> str:
    """Inline Markdown text: one line, active characters escaped, so no HTML or links form."""
    text = " ".join(unbidi(value).split())
    text = _MD_ACTIVE.sub(r"\\\1", text)
    return "\\" + text if text.startswith(("#", "+", "-", "=")) else text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _section(title: str, body: list[str], empty: str) -> list[str]:
    return [f"## {title}", "", *(body or [f"_{empty}_", ""])]


def _claim_md(c: dict[str, Any], *, texts: bool) -> list[str]:
    stance = "; ".join(f"{b['position']}: {', '.join(md(o) for o in b['outlets'])}"
                       for b in c["by_position"])
    lines = [f"- **{md(c['text'])}** ({md(c['id'])}, {md(c['status'])}) — {stance}"]
    if c.get("conflict"):
        lines.append(f"  - Conflict: {md(c['conflict'])}")
    for m in c["members"] if texts else []:
        extra = f" — attributed to {md(m['attribution'])}" if m.get("attribution") else ""
        numbers = _strs(m.get("numbers"))
        extra += f" — numbers: {', '.join(md(n) for n in numbers)}" if numbers else ""
        lines.append(f"  - {md(m.get('outlet'))}: “{md(m.get('text'))}”{extra}")
    for r in c["restated"] if texts else []:
        lines.append(f"  - {md(r.get('outlet'))}, in other words: “{md(r.get('text'))}”")
    for r in c["closest"] if texts else []:
        lines.append(f"  - {md(r.get('outlet'))}, closest sentence: “{md(r.get('text'))}”")
    return lines


def render_markdown(comparison: dict[str, Any]) -> str:
    """A plain-text report for notes, tickets and diffs; same sections as the HTML report."""
    v = comparison_view(comparison)
    s, name = v["story"], lambda e: md(v["shown_names"].get(e, e))  # store/shown_names.py
    out = [f"# {md(s['title'])}", "",
           f"- Time span: {md(v['span'])}", f"- Articles: {md(s['article_count'])}",
           f"- Outlets: {', '.join(md(o) for o in v['outlet_names']) or '—'}",
           f"- Languages: {', '.join(md(x) for x in s['languages']) or '—'}"]
    if s["key_entities"]:
        out.append(f"- Key entities: {', '.join(name(e) for e in s['key_entities'])}")
    out.append("")
    rows = [[md(o["outlet"]), md(a.get("title") or a.get("label")),
             md(published_text(a["published"])), md(a.get("language")),
             md(f"{a['genre']} (unsure)" if a.get("genre") and a.get("genre_unsure")
                else a.get("genre")),
             md(a.get("words"))]
            for o in v["outlets"] for a in o["articles"]]
    out += _section("Outlets", _table(["Outlet", "Headline", "Time", "Language", "Genre",
                                       "Words"], rows) if rows else [], "No outlets found.")
    for status, title in (("shared", "Shared facts"), ("contested", "Contested claims"),
                          ("exclusive", "Exclusive claims"),
                          ("possibly_shared", "Possibly stated by other outlets"),
                          ("partial", "Partly shared claims"), ("uncompared", UNCOMPARED)):
        body = [line for c in v["claims"][status]
                for line in _claim_md(c, texts=status != "shared")]
        if status == "uncompared" and not body:
            continue  # only a story of one outlet has them
        if status == "possibly_shared":
            if not body:
                continue  # a caveat section: shown only when it has claims
            body = [f"_{POSSIBLY_SHARED}_", "", *body]
        out += _section(title, [*body, ""] if body else [], EMPTY_CLAIMS.get(
            status, f"No {title.lower()} found."))
    p = v["portrayal"]
    rows = [[name(r["entity"]), *[_cell_md(c) for c in r["cells"]]] for r in p["rows"]]
    out += _section("Entity portrayal", _table(["Entity", *[md(o) for o in p["outlets"]]], rows)
                    if rows else [], "No entities to compare.")
    body = []
    for f in v["framing"]:
        body.append(f"### {md(f['outlet'])}")
        body += [f"- Narrative: {md(n.get('label'))}"
                 + (f" / {md(sub_narrative(n['sub'], n.get('label')))}" if n.get("sub") else "")
                 + f" ×{md(n.get('count'))}"
                 + _example(_strs(n.get("evidence"))) for n in f["narratives"]]
        body += [f"- Technique: {md(humanize(t.get('technique')))} ×{md(t.get('count'))}"
                 + _example([str(e.get("text", "")) for e in _dicts(t.get("examples"))])
                 for t in f["techniques"]]
        body += [f"- In quotes: {md(humanize(t.get('technique')))} ×{md(t.get('count'))}"
                 + (f" (speakers: {md(', '.join(t['speakers']))})" if t["speakers"] else "")
                 + _example([str(e.get("text", "")) for e in _dicts(t.get("examples"))])
                 for t in f["quoted"]]
        body += ([f"- {f['abstains']}"] if f["abstains"] and not f["techniques"] else [])
        body += ([] if f["narratives"] or f["techniques"] or f["quoted"] or f["abstains"]
                 else ["- none detected"]) + [""]
    out += _section("Narratives and techniques", body, "No narratives or techniques found.")
    rows = [[md(g["outlet"]), md(x.get("speaker") or "unnamed"), md(x.get("direct")),
             md(x.get("indirect")), md(_first(_strs(x.get("examples"))))]
            for g in v["voices"] for x in g["voices"]]
    out += _section("Voices", _table(["Outlet", "Speaker", "Direct", "Indirect", "Example"], rows)
                    if rows else [], "No quotes found.")
    rows = [[md(o.get("outlet")), ", ".join(name(e) for e in o["missing_entities"]),
             "; ".join(md(c["id"]) + (f": {md(c['text'])}" if c["text"] else "")
                       for c in o["missing_claims"])]
            for o in v["omissions"]]
    out += _section("Omissions", _table(["Outlet", "Missing entities", "Missing claims"], rows)
                    if rows else [], "No omissions found.")
    rows = [[md(r.get("outlet")), md(r.get("comments")), md(r["language_text"]),
             ", ".join(f"{md(t.get('theme'))} ({md(t.get('comments'))})" for t in r["themes"]),
             _stance_text(r["stance"]), md(_first(r["examples"]))] for r in v["reaction"]]
    out += _section("Reader reaction", _table(["Outlet", "Comments", "Languages", "Themes",
                                               "Stance (cue words)", "Example"], rows)
                    if rows else [], "No reader comments found.")
    body = [f"- {md(t.get('published') or shown_time(t.get('published_text')))} — "
            f"{md(t.get('outlet'))}: {md(t.get('title') or t.get('label'))}" for t in v["timeline"]]
    out += _section("Timeline", [*body, ""] if body else [], "No timeline available.")
    return "\n".join(out).rstrip() + "\n"


def _first(items: list[str]) -> str:
    return items[0] if items else ""


def _example(items: list[str]) -> str:
    return f" — e.g. “{md(items[0])}”" if items else ""


def _cell_md(cell: dict[str, Any] | None) -> str:
    """Portrayal (negative / positive), then the role where one was given; a cell the models
    abstain on says so."""
    if not cell:
        return "not mentioned"
    parts = []
    if cell.get("polarity") in ("negative", "positive"):
        parts.append(md(cell.get("polarity")))
    if cell.get("main_role"):
        fine = _strs(cell.get("fine_roles"))
        parts.append(md(cell.get("main_role"))
                     + (f" ({', '.join(md(f) for f in fine)})" if fine else ""))
    return ", ".join(parts) if parts else "no clear lean (models abstain)"


def _csv_cell(value: object) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading quote keeps them text."""
    text = unbidi(value)
    return "'" + text if text.startswith(_CSV_FORMULA) else text


def render_csv(comparison: dict[str, Any]) -> str:
    """Claims × outlets, so the positions can be sorted and filtered in any spreadsheet."""
    v = comparison_view(comparison)
    outlets = _ordered(v["outlet_names"], [p["outlet"] for s in STATUSES
                                           for c in v["claims"][s] for p in c["positions"]])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["cluster", "status", "text", *[_csv_cell(o) for o in outlets]])
    for status in STATUSES:
        for c in v["claims"][status]:
            positions = {p["outlet"]: p["position"] for p in c["positions"]}
            writer.writerow([_csv_cell(c["id"]), c["status"], _csv_cell(c["text"]),
                             *[_csv_cell(positions.get(o, "silent")) for o in outlets]])
    return buffer.getvalue()
