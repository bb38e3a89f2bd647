"""The web app over a real store (the demo corpus): filters, pagination, entity and outlet
pages, ingest behind a token, limits and friendly errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.ingest_jobs import finished

from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store
from parallax.web.app import create_app
from parallax.web.security import hash_token, verify_token

TOKEN = "test-token-not-secret"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from parallax.cli_web import demo_corpus_path

    db = tmp_path_factory.mktemp("web") / "demo.db"
    store = open_store(db)
    ingest([str(demo_corpus_path())], store, Config())
    store.close()
    return db


def _config(**values: Any) -> Config:
    config = Config()
    config.values.update({"web_rate_per_minute": 0, **values})
    return config


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    app = create_app(str(demo_db), _config(), token_hash=hash_token(TOKEN))
    with TestClient(app) as c:
        yield c


def test_story_filters_and_pagination(client: TestClient) -> None:
    everything = client.get("/api/stories").json()
    assert everything["total"] >= 4
    german = client.get("/api/stories", params={"language": "de"}).json()
    assert 1 <= german["total"] < everything["total"] or german["total"] == everything["total"]
    for story in german["stories"]:
        assert "de" in story["languages"]
    outlet = everything["stories"][0]["outlets"][0]
    by_outlet = client.get("/api/stories", params={"outlet": outlet}).json()
    assert by_outlet["total"] >= 1 and all(outlet in s["outlets"] for s in by_outlet["stories"])
    entity = everything["stories"][0]["key_entities"][0]
    by_entity = client.get("/api/stories", params={"entity": entity}).json()
    assert everything["stories"][0]["id"] in {s["id"] for s in by_entity["stories"]}
    none = client.get("/api/stories", params={"since": "2030-01-01"}).json()
    assert none["total"] == 0 and none["stories"] == []
    page = client.get("/", params={"language": "de"}).text
    assert "<option selected>de</option>" in page and "Clear filters" in page
    empty = client.get("/", params={"since": "2030-01-01"}).text
    assert "No story matches these filters" in empty
    assert client.get("/api/stories", params={"page": 99}).json()["stories"] == []


def test_search_paginates(client: TestClient) -> None:
    result = client.get("/api/search", params={"q": "Dragan"}).json()
    assert result["total"] >= 3 and len(result["results"]) == min(20, result["total"])
    html = client.get("/search", params={"q": "Dragan"}).text
    assert f"{result['total']} results for" in html
    for hostile in ("\x00", "a\x00b", 'NEAR("', "* OR -x", "\\"):  # never FTS5 syntax
        assert client.get("/api/search", params={"q": hostile}).status_code == 200


def test_entity_and_outlet_pages(client: TestClient) -> None:
    story = client.get("/api/stories").json()["stories"][0]
    entity = story["key_entities"][0]
    html = client.get(f"/entity/{entity}").text
    assert f"<h1>{entity}</h1>" in html and "How each outlet portrays" in html
    profile = client.get(f"/api/entities/{entity}").json()
    assert len({a["outlet"] for a in profile["articles"]}) >= 2
    outlet = story["outlets"][0]
    page = client.get(f"/outlet/{outlet}")
    assert page.status_code == 200 and "Typical narratives" in page.text
    assert client.get(f"/api/outlets/{outlet}").json()["article_count"] >= 1
    assert client.get("/entity/Nobody%20At%20All").status_code == 404
    assert client.get("/api/outlets/nope").json() == {
        "detail": "No outlet with this id in the store."}


def test_story_page_has_charts_timeline_and_links(client: TestClient) -> None:
    story = client.get("/api/stories").json()["stories"][0]
    html = client.get(f"/story/{story['id']}").text
    assert '<svg class="bars" role="img"' in html and "Timeline" in html
    assert re.search(r'href="/article/[^"]+\?span=\d+-\d+#span"', html)


def test_ingest_needs_a_token(demo_db: Path, client: TestClient) -> None:
    assert client.post("/api/ingest", data={"text": "x"}).status_code == 401
    wrong = client.post("/api/ingest", data={"text": "x"},
                        headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401
    form = client.post("/ingest", data={"token": "wrong", "text": "x"})
    assert form.status_code == 401 and "Token needed" in form.text
    read_only = TestClient(create_app(str(demo_db), _config(), token_hash=""))
    refused = read_only.post("/api/ingest", data={"text": "x"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 403
    assert "read-only" in read_only.get("/ingest").text
    assert 'href="/ingest"' not in read_only.get("/").text


def test_ingest_with_token_runs_a_job(client: TestClient) -> None:
    text = ("Harbour strike ends in Port Ellery\n\n"
            "Dock workers in Port Ellery ended a nine-day strike on Monday after the port "
            "authority agreed to a pay rise of 6 percent, union leader Rowan Pike said. "
            "The strike had stranded 40 ships in the Tarvian capital's harbour, according to "
            "the port authority, which said normal operations would resume within two days.")
    nothing = client.post("/api/ingest", data={"text": "  "},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert nothing.status_code == 422 and "nothing to ingest" in nothing.json()["detail"]
    bad_url = client.post("/api/ingest", data={"urls": "ftp://example.org/x"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad_url.status_code == 422
    queued = client.post("/api/ingest", data={"text": text},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert queued.status_code == 202
    job = finished(client, queued.json())
    job_id = job["id"]
    assert job["state"] == "done", job
    (outcome,) = job["outcomes"]
    assert outcome["status"] == "stored" and outcome["input"] == "pasted text"
    page = client.get(f"/ingest/jobs/{job_id}").text
    assert "done: 1 of 1 input read" in page
    assert client.get("/api/search", params={"q": "Rowan Pike"}).json()["total"] == 1
    redirect = client.post("/ingest", data={"token": TOKEN, "text": text},
                           follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"].startswith(
        "/ingest/jobs/")


def test_limits_and_friendly_errors(demo_db: Path) -> None:
    app = create_app(str(demo_db), _config(web_max_body_bytes=1000, web_rate_per_minute=60),
                     token_hash=hash_token(TOKEN))
    c = TestClient(app, raise_server_exceptions=False)
    big = c.post("/api/ingest", files={"files": ("big.txt", b"x" * 5000)},
                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert big.status_code == 413 and "too large" in big.json()["detail"]
    boundary = "b0undary"
    form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
            + "x" * 5000 + f"\r\n--{boundary}--\r\n").encode()
    chunked = c.post("/api/ingest", content=iter([form[:800], form[800:]]),  # no Content-Length
                     headers={"Authorization": f"Bearer {TOKEN}",
                              "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert chunked.status_code == 413 and "too large" in chunked.json()["detail"]
    assert c.get("/api/stories", params={"page": "abc"}).status_code == 422
    bad_date = c.get("/", params={"since": "yesterday"})
    assert bad_date.status_code == 422 and "Check the address" in bad_date.text
    assert "Traceback" not in bad_date.text
    missing = c.get("/story/does-not-exist")
    assert missing.status_code == 404 and "Not found" in missing.text
    assert c.get("/api/stories/does-not-exist").json() == {
        "detail": "No story with this id in the store."}
    statuses = [c.get("/healthz").status_code for _ in range(30)]
    assert 429 in statuses  # a burst of 10 per client, then about one a second


def test_server_errors_never_show_a_stack_trace(demo_db: Path) -> None:
    def broken(store: Any, story_id: str) -> dict[str, Any]:
        raise RuntimeError("secret internals /etc/passwd")

    c = TestClient(create_app(str(demo_db), _config(), comparison_for=broken),
                   raise_server_exceptions=False)
    story = c.get("/api/stories").json()["stories"][0]["id"]
    page = c.get(f"/story/{story}")
    assert page.status_code == 500 and "secret internals" not in page.text
    api = c.get(f"/api/stories/{story}")
    assert api.status_code == 500 and api.json() == {
        "detail": "Something went wrong on the server; the error was logged."}


def test_token_hash_round_trip() -> None:
    stored = hash_token("s3cret")
    assert stored.startswith("pbkdf2_sha256$") and "s3cret" not in stored
    assert verify_token("s3cret", stored) and not verify_token("s3cret!", stored)
    assert not verify_token("s3cret", "garbage") and not verify_token(None, stored)


def test_warmer_fills_the_comparison_cache(tmp_path: Path, demo_db: Path) -> None:
    import shutil
    import sqlite3

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM comparison_cache")
    app = create_app(str(db), _config())
    app.state.jobs.warm()
    app.state.jobs.pool.shutdown(wait=True)  # the warmer runs on the ingest thread
    with sqlite3.connect(db) as conn:
        cached = conn.execute("SELECT count(*) FROM comparison_cache").fetchone()[0]
        stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    assert stories >= 4 and cached == stories


def test_the_web_app_reads_a_postgres_store_like_sqlite(postgres_cluster: Any,
                                                        tmp_path: Path) -> None:
    """The same demo corpus in PostgreSQL: the pages and API answer as over SQLite."""
    from parallax.cli_web import demo_corpus_path

    url = postgres_cluster.new_database()
    for db in (url, str(tmp_path / "lite.db")):
        store = open_store(db)
        ingest([str(demo_corpus_path())], store, Config())
        store.close()
    with TestClient(create_app(str(tmp_path / "lite.db"), _config())) as lite, \
            TestClient(create_app(url, _config())) as pg:
        assert pg.get("/").status_code == 200
        stories = pg.get("/api/stories").json()
        assert stories["total"] == lite.get("/api/stories").json()["total"] >= 3
        sid = stories["stories"][0]["id"]
        assert pg.get(f"/story/{sid}").status_code == 200
        mine = pg.get(f"/api/stories/{sid}").json()
        theirs = lite.get(f"/api/stories/{sid}").json()
        assert mine["comparison"]["outlets"] == theirs["comparison"]["outlets"]
        hits = pg.get("/api/search", params={"q": "Drava"}).json()
        assert hits["total"] == lite.get("/api/search", params={"q": "Drava"}).json()["total"]
        assert hits["total"] >= 1 and "[" in hits["results"][0]["snippet"]
        assert pg.get("/search", params={"q": "x\x00y"}).status_code == 200


def test_story_page_says_once_what_an_abstaining_cell_means(client: TestClient) -> None:
    """Issue 17: the portrayal table says plainly where the models abstain, once, instead of
    repeating the explanation in every cell."""
    story = client.get("/api/stories").json()["stories"][0]
    html = client.get(f"/story/{story['id']}").text
    section = html[html.index('id="cmp-portrayal"'):]
    section = section[:section.index("</section>")]
    assert section.count("the models abstain:") == 1
    assert '<span class="muted" title="the models abstain">no clear lean</span>' in section
