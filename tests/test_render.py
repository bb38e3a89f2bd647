"""Renderers of a story comparison: Markdown, standalone HTML report and claims CSV."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from parallax.compare.render import (
    comparison_view,
    md,
    render_csv,
    render_html_report,
    render_markdown,
    safe_url,
)

HOSTILE = ('<script>alert(1)</script> <img src=x onerror=alert(1)> '
           '<a href="javascript:alert(1)">click</a>')


def make_comparison(hostile: str = "") -> dict[str, Any]:
    return {
        "schema": 1,
        "story": {"id": "s1", "title": "Dam breach near Brava" + hostile, "start": "2026-10-16",
                  "end": "2026-10-18", "outlets": ["Korvan Today", "Nordblick", "Vestnik"],
                  "languages": ["en", "de", "ru"], "key_entities": ["Aurel Dragan", "Red Cross"],
                  "article_count": 3},
        "outlets": [
            {"outlet": "Korvan Today", "articles": [{
                "id": "a1", "title": "Brava dam breaks" + hostile,
                "published": {"text": "4 hours ago", "iso": None}, "language": "en",
                "genre": "news", "words": 512, "input": "path", "url": None}]},
            {"outlet": "Nordblick", "articles": [{
                "id": "a2", "title": "Staudamm gebrochen",
                "published": {"text": "16. Oktober 2026", "iso": "2026-10-16"},
                "language": "de", "genre": "opinion", "words": 430, "input": "path",
                "url": None}]},
            {"outlet": "Vestnik", "articles": [{
                "id": "a3", "title": "Plotina", "published": {"text": None, "iso": "2026-10-18"},
                "language": "ru", "genre": "news", "words": 300, "input": "path", "url": None}]},
        ],
        "claims": {
            "clusters": [
                {"id": "c1", "text": "The dam broke on Thursday night.", "status": "shared",
                 "positions": {"Korvan Today": "asserts", "Nordblick": "asserts",
                               "Vestnik": "silent"},
                 "members": [{"outlet": "Korvan Today", "article_id": "a1",
                              "text": "The dam broke on Thursday night.", "start": 0, "end": 30,
                              "attribution": None, "numbers": []}]},
                {"id": "c2", "text": "38 people died in the flood." + hostile,
                 "status": "contested",
                 "positions": {"Korvan Today": "attributes", "Nordblick": "asserts",
                               "Vestnik": "contradicts"},
                 "conflict": {"cue": "numbers", "outlets": ["Korvan Today", "Vestnik"],
                              "values": ["38 people", "Nobody"],
                              "summary": "Korvan Today: 38 people · Vestnik: Nobody"},
                 "members": [
                     {"outlet": "Korvan Today", "article_id": "a1",
                      "text": "38 people died, the Red Cross said." + hostile, "start": 40,
                      "end": 80, "attribution": "the Red Cross", "numbers": ["38"]},
                     {"outlet": "Vestnik", "article_id": "a3",
                      "text": "Nobody died, officials insist.", "start": 0, "end": 30,
                      "attribution": "officials", "numbers": []}]},
                {"id": "c3", "text": "=HYPERLINK(\"http://evil\")", "status": "exclusive",
                 "positions": {"Korvan Today": "silent", "Nordblick": "silent",
                               "Vestnik": "asserts"},
                 "members": []},
            ],
            "shared": ["c1"], "contested": ["c2"], "exclusive": ["c3"]},
        "portrayal": {
            "entities": ["Aurel Dragan"], "outlets": ["Korvan Today", "Vestnik"],
            "cells": [{"entity": "Aurel Dragan", "outlet": "Korvan Today",
                       "main_role": "Antagonist", "fine_roles": ["Instigator"], "score": 0.7,
                       "evidence": ["Dragan ignored the warnings." + hostile]},
                      {"entity": "Aurel Dragan", "outlet": "Vestnik", "main_role": "Protagonist",
                       "fine_roles": ["Guardian"], "score": 0.6, "evidence": []}]},
        "narratives": [{"outlet": "Vestnik", "label": "URW: Discrediting the West, Diplomacy",
                        "sub": None, "count": 2, "score": 0.6,
                        "evidence": ["Western aid is a trick."]}],
        "techniques": [{"outlet": "Korvan Today", "technique": "Loaded_Language", "count": 5,
                        "examples": [{"article_id": "a1", "text": "catastrophic betrayal"}]}],
        "voices": [{"outlet": "Korvan Today", "speaker": "Aurel Dragan", "direct": 2,
                    "indirect": 1, "examples": ["We did everything right."]}],
        "omissions": [{"outlet": "Vestnik", "missing_entities": ["Red Cross"],
                       "missing_claims": ["c2"]}],
        "reaction": [{"outlet": "Nordblick", "comments": 12, "languages": {"de": 11, "en": 1},
                      "examples": ["Unglaublich." + hostile]}],
        "timeline": [
            {"published": None, "published_text": "4 hours ago", "outlet": "Korvan Today",
             "title": "Brava dam breaks", "article_id": "a1"},
            {"published": "2026-10-16", "published_text": "16. Oktober 2026",
             "outlet": "Nordblick", "title": "Staudamm gebrochen", "article_id": "a2"},
        ],
    }


def test_markdown_has_all_sections_outlets_and_claims() -> None:
    text = render_markdown(make_comparison())
    assert text.startswith("# Dam breach near Brava\n")
    assert "2026-10-16 – 2026-10-18" in text
    for heading in ("Outlets", "Shared facts", "Contested claims", "Exclusive claims",
                    "Entity portrayal", "Narratives and techniques", "Voices", "Omissions",
                    "Reader reaction", "Timeline"):
        assert f"## {heading}" in text
    for outlet in ("Korvan Today", "Nordblick", "Vestnik"):
        assert outlet in text
    assert "The dam broke on Thursday night." in text
    assert "contradicts: Vestnik" in text
    assert "Conflict: Korvan Today: 38 people · Vestnik: Nobody" in text
    assert "attributes: Korvan Today" in text
    assert "attributed to the Red Cross" in text
    assert "Antagonist (Instigator)" in text
    assert "Loaded Language ×5" in text
    assert "de 11, en 1" in text
    # the undated article sorts last in the timeline
    assert text.index("Staudamm gebrochen", text.index("## Timeline")) < text.index(
        "Brava dam breaks", text.index("## Timeline"))


def test_markdown_escapes_html_and_links() -> None:
    text = render_markdown(make_comparison(HOSTILE))
    assert not re.search(r"(?<!\\)[<>]", text)  # every angle bracket is backslash-escaped
    assert r"\<script\>" in text
    assert md("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert md("a | b\nc") == r"a \| b c"


def test_markdown_says_when_sections_are_empty() -> None:
    text = render_markdown({"schema": 1, "story": {"title": "Lonely"}})
    assert "No conflicts found." in text
    assert "No omissions found." in text
    assert "date unknown" in text


def test_html_report_is_standalone_and_complete() -> None:
    html = render_html_report(make_comparison())
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in html
    assert "<style>" in html and ".outlet-grid" in html
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert not re.search(r"\ssrc=", html)
    assert "href=" not in html  # links to /article/ only make sense inside the web app
    for outlet in ("Korvan Today", "Nordblick", "Vestnik"):
        assert outlet in html
    assert "The dam broke on Thursday night." in html
    assert "Nobody died, officials insist." in html
    for status in ("asserts", "attributes", "contradicts", "silent"):
        assert f'class="pos pos-{status}">{status}</span>' in html
    assert "Shared facts" in html and "Contested claims" in html
    assert "What conflicts:</strong> Korvan Today: 38 people · Vestnik: Nobody" in html
    assert "Antagonist" in html and "Instigator" in html


def test_html_report_escapes_hostile_text() -> None:
    html = render_html_report(make_comparison(HOSTILE))
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert '<a href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html.lower()


def test_html_report_with_empty_comparison() -> None:
    html = render_html_report({"schema": 1, "story": {"title": "Lonely"}})
    assert "No conflicts found." in html
    assert "No outlets found." in html


def test_csv_is_claims_by_outlets() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(make_comparison()))))
    assert rows[0] == ["cluster", "status", "text", "Korvan Today", "Nordblick", "Vestnik"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["c1"] == ["c1", "shared", "The dam broke on Thursday night.",
                           "asserts", "asserts", "silent"]
    assert by_id["c2"][1] == "contested"
    assert by_id["c2"][3:] == ["attributes", "asserts", "contradicts"]
    # spreadsheet formulas in hostile text stay text
    assert by_id["c3"][2].startswith("'=")
    assert len(rows) == 4


def test_view_tolerates_unknown_status_and_missing_positions() -> None:
    view = comparison_view({"story": {"outlets": ["A", "B"]}, "claims": {"clusters": [
        {"id": "x", "text": "t", "status": "weird", "positions": {"A": "asserts"}}]}})
    cluster = view["claims"]["partial"][0]
    assert [p["position"] for p in cluster["positions"]] == ["asserts", "silent"]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a", "https://example.org/a"),
    (" http://example.org ", "http://example.org"),
    ("javascript:alert(1)", "#"),
    ("JAVASCRIPT:alert(1)", "#"),
    ("data:text/html,x", "#"),
    ("//evil.example", "#"),
    (None, "#"),
])
def test_safe_url(url: object, expected: str) -> None:
    assert safe_url(url) == expected


def test_reader_reaction_themes_and_stance_are_extractive() -> None:
    from parallax.compare.reaction import stance, themes

    comments = ["Die Sanktionen wirken nicht, das ist Propaganda.",
                "Genau, die Sanktionen treffen uns selbst.",
                "Wann endet dieser Krieg endlich?"]
    found = themes(comments)
    assert found[0]["theme"] == "sanktionen" and found[0]["comments"] == 2
    assert found[0]["example"] in comments
    assert stance(comments) == {"agree": 1, "reject": 1, "other": 1}
    assert themes(["one comment only"]) == []


def test_a_sub_narrative_is_shown_without_repeating_its_narrative() -> None:
    comparison = make_comparison()
    label = comparison["narratives"][0]["label"]
    comparison["narratives"][0]["sub"] = f"{label}: The West is weak"
    text = render_markdown(comparison)
    assert f"Narrative: {md(label)} / The West is weak ×2" in text
    html = render_html_report(comparison)
    assert "/ The West is weak" in html and f"/ {label}:" not in html
