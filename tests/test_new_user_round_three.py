"""A new user's session, round three (docs/robustness.md, twenty-sixth session, helper N2): what
the twenty-fifth session left (a cut title read twice, whole titles stored before the cut,
address lists without a cap) and the README's paths walked again. Each test here failed before
its fix. All inputs are made up here."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from fastapi.testclient import TestClient

from parallax.compare.render import comparison_view, render_markdown
from parallax.frame import role_gate
from parallax.frame.trained import TrainedFraming
from parallax.records import Article, Mention, Page, PortrayalLabel, Published, Story
from parallax.settings import Config
from parallax.store import open_store
from parallax.stories.profile import profile_of
from parallax.titles import TITLE_MAX_CHARS, cap_title, shown
from parallax.web.app import create_app
from parallax.web.security import hash_token

#: a lead paragraph a dump put in the title's place: one war cue ("Kyiv") in its first 300
#: characters, none after; the body below it names the war nowhere
LEAD = ("Councillor Mara Velt said on Monday that the ferry talks held in Kyiv last spring had "
        "taught the harbour board of Port Ellery how to keep a timetable through a strike, and "
        "that the board would publish its own plan for the winter sailings before the end of "
        "the month, after the crews and the company have both seen it, the harbour office said "
        "in a statement that also listed the evening sailings added since the crews went back "
        "to work at the quay.")
BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike. Passengers had waited for hours on the quay since Friday.")


def _cut_article() -> Article:
    title, paragraphs, note = cap_title(LEAD, [BODY])
    assert note is not None and len(title) <= TITLE_MAX_CHARS and "Kyiv" in title
    text = "\n\n".join(paragraphs)
    velt = [Mention("Mara Velt", at, at + 9, "PERSON", "Mara Velt")
            for at in (text.index("Mara Velt"),)]
    return Article(id="c1", role="main", title=title, outlet=None, published=Published(),
                   text=text, language="en", entities=velt, notes=[note])


def test_a_cut_title_is_read_once_as_the_texts_first_paragraph_not_again_as_a_title() -> None:
    article = _cut_article()
    assert article.text.count("Kyiv") == 1
    ctx = SimpleNamespace(domains=None, doc=SimpleNamespace(document=np.zeros(4)))
    # one war cue, read once: no war domain (two cues are needed); read as title and text,
    # the cue counted twice and the ferry story got the war's narratives and roles
    assert TrainedFraming._domains(SimpleNamespace(side=None), article, ctx) == set()  # type: ignore[arg-type]
    velt = role_gate.Candidate("Mara Velt", article.entities, 0,
                               PortrayalLabel("Mara Velt", "neutral", 0.5, 1), None, None)
    (row,) = role_gate.entity_rows(article, [velt], set(), 3)
    col = {name: i for i, name in enumerate(role_gate.FEATURES)}
    assert row[col["in_title"]] == 0 and row[col["in_lead"]] == 1
    # a headline within the cap is still a title
    article.title, article.notes = "Mara Velt on the ferry timetable", []
    (row,) = role_gate.entity_rows(article, [velt], set(), 3)
    assert row[col["in_title"]] == 1


#: a title stored whole before the twenty-fifth session's cut: 2,000 characters of distinct
#: made-up words, so a page that shows it whole holds this exact string
STORED = " ".join(f"quay{n}" for n in range(400))


def test_a_title_stored_whole_before_the_cut_is_shown_cut_on_every_page(
        tmp_path: Path) -> None:
    text = "The made-up ferry left the harbour of Tollby late, said a clerk there."
    article = Article(id=Article.make_id(STORED, text), role="main", title=STORED,
                      outlet="Coast Post", published=Published("2026-05-02", "2026-05-02"),
                      text=text, language="en")
    path = tmp_path / "old.db"
    store = open_store(path)
    store.save_page(Page(input="uploads/old.txt", uri="uploads/old.txt", sha256=f"{1:064x}",
                         kind="text", fetched_at="2026-05-02T08:00:00Z", articles=[article]))
    store.replace_stories([Story(id="s-old", title=STORED, main_count=1,
                                 article_ids=[article.id], outlets=["Coast Post"])],
                          [(article.id, profile_of(article).to_json())])
    store.close()
    comparison: dict[str, Any] = {
        "story": {"title": STORED, "outlets": ["Coast Post"]},
        "outlets": [{"outlet": "Coast Post", "articles": [{"id": article.id, "title": STORED}]}],
        "timeline": [{"article_id": article.id, "outlet": "Coast Post", "title": STORED,
                      "published": "2026-05-02"}]}
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False})
    client = TestClient(create_app(str(path), config, token_hash=hash_token("made-up-token"),
                                   comparison_for=lambda store, story_id: comparison))
    cut = shown(STORED)
    assert len(cut) <= TITLE_MAX_CHARS and cut.endswith("…")
    for route in ("/", f"/article/{article.id}", "/search?q=quay0", "/outlet/Coast Post",
                  f"/article/{article.id}/delete", "/story/s-old", "/story/s-old/report.html",
                  "/story/s-old/report.md"):
        page = client.get(route)
        assert page.status_code == 200, route
        assert STORED not in page.text and cut in page.text, route
    view = comparison_view(comparison)
    assert STORED not in render_markdown(comparison) and view["story"]["title"] == cut
