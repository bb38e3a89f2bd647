"""The web app in a real browser: Playwright driving Debian's Chromium, headless, against a
server on a free local port over the demo database. Screenshots go to build/screenshots/ (CI
keeps them as artifacts). Outside CI the tests skip, with a message, when Chromium is missing;
in CI (`CI=true` / `PARALLAX_CI=1`, set by .ci/run, which installs chromium) a missing browser
or Playwright fails (tests/requirements.py).
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store
from parallax.web.app import create_app
from parallax.web.security import hash_token
from requirements import missing, require_module

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
TOKEN = "browser-test-token"

if CHROMIUM is None:
    missing("Chromium for the browser tests", "apt-get install chromium")
playwright_sync = require_module("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from parallax.cli_web import demo_corpus_path

    db = tmp_path_factory.mktemp("browser") / "demo.db"
    store = open_store(db)
    ingest([str(demo_corpus_path())], store, Config())
    store.close()
    config = Config()
    config.values["web_rate_per_minute"] = 0
    port = _free_port()
    app = create_app(str(db), config, token_hash=hash_token(TOKEN))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.problems = []
        tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: tab.problems.append(str(e)))
        yield tab
        context.close()
        browser.close()


def test_stories_story_and_article_layers(server: str, page: Any) -> None:
    page.goto(server + "/")
    assert page.locator("h1").first.inner_text() == "Stories"
    page.screenshot(path=str(SHOTS / "stories.png"), full_page=True)
    page.locator(".story-card h2 a").first.click()
    page.wait_for_selector("#cmp-contested")
    assert page.locator("svg.bars").count() >= 1
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)
    link = page.locator("a[href*='?span=']:visible").first
    link.click()
    page.wait_for_selector("mark#span")
    assert page.locator("mark.linked-span").count() >= 1
    text = page.locator("#article-text")
    assert "show-entities" in (text.get_attribute("class") or "")
    page.locator("input[name=layers][value=entities]").uncheck()  # our script, no reload
    assert "show-entities" not in (text.get_attribute("class") or "")
    assert "layers=" in page.url
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    assert not page.problems, page.problems  # no script errors, no CSP violations


def test_search_and_keyboard(server: str, page: Any) -> None:
    page.goto(server + "/search")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.fill("#q", "Dragan")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results")
    heading = page.locator("#results").inner_text()
    found = re.fullmatch(r"(\d+) results? for “Dragan”", heading.strip())
    assert found and int(found.group(1)) >= 2, heading  # the demo names Dragan in many articles
    hits = page.locator("ol.results h3 a")
    assert hits.count() == min(int(found.group(1)), 20)
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)
    hits.first.focus()  # a result opens from the keyboard too
    page.keyboard.press("Enter")
    page.wait_for_selector("#article-text")
    assert "Dragan" in page.locator("body").inner_text()


def test_phone_width_has_no_horizontal_scroll(server: str, page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(SHOTS / "stories-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 1


def test_ingest_form(server: str, page: Any) -> None:
    page.goto(server + "/ingest")
    page.fill("#token", TOKEN)
    page.fill("#text", "Ferry service resumes on the Varn Sea\n\nThe ferry link between "
              "Kellinghafen and Lenskow resumed on Tuesday after a two-week pause, the "
              "operator said, with 14 crossings a week planned until the end of the year. "
              "Travellers had waited for weeks for the service to return.")
    page.click("button[type=submit]")
    page.wait_for_url("**/ingest/jobs/*")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the page refreshes itself every 2 s while running
        page.wait_for_load_state()
        state = page.locator("#job-status").get_attribute("data-state")
        if state in ("done", "failed"):
            break
        time.sleep(1)
    assert state == "done"
    assert "1 of 1 input read" in page.locator("#job-status").inner_text()
    page.screenshot(path=str(SHOTS / "ingest-job.png"), full_page=True)
