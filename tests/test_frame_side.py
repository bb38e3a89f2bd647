"""Which side an in-domain article argues (issue 17, thirteenth session): the SemEval-2025
narratives and the roles inside their domains only on articles that argue what the taxonomy
describes; a mainstream article about the climate or Ukraine gets ``Other``, with a note saying
why, and no role; a side model may carry a lower cut for roles (twenty-eighth session, measured
and not used by the shipped model: docs/framing.md); between the headline cut and the roles cut
only the entities the headline names get roles (twenty-ninth session)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from parallax.frame import side
from parallax.frame.bundle import bundled_dir
from parallax.frame.domains import domain_density, in_domains
from parallax.frame.linear import LinearLabeller
from parallax.frame.tasks import Rows, argued
from parallax.records import Sentence
from requirements import DATASETS, shared_path


def _side(p: float, languages: tuple[str, ...] = ("en",),
          roles_threshold: float | None = None) -> LinearLabeller:
    """A side model that gives every article probability ``p`` (zero weights, calibrated
    bias); ``roles_threshold`` in its meta when given."""
    meta: dict[str, object] = {"languages": list(languages), "threshold": 0.7}
    if roles_threshold is not None:
        meta["roles_threshold"] = roles_threshold
    width = 512 + 3
    bias = float(np.log(p / (1 - p)))
    return LinearLabeller([side.LABEL], np.zeros((width, 1), np.float32),
                          np.array([bias], np.float32), np.ones(1, np.float32),
                          np.zeros(1, np.float32), np.full(1, 0.5, np.float32), meta)


CLIMATE = ("Climate change is real, the scientists said; emissions must fall.\n\n"
           "The council voted on the budget.\n\nA new park opened.")


def _sentences(text: str) -> list[Sentence]:
    """One span per sentence (ends at '. ' or a paragraph break)."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.;])\s+", text):
        spans.append(Sentence(start, m.start()))
        start = m.end()
    return [*spans, Sentence(start, len(text))]


def test_density_counts_the_topic_per_word_and_per_paragraph() -> None:
    density, share = domain_density(CLIMATE, {"CC"})
    assert share == pytest.approx(1 / 3)
    assert density == pytest.approx(100 * 2 / len(CLIMATE.split()))
    assert domain_density(CLIMATE, set()) == (0.0, 0.0)


def test_under_the_threshold_an_english_article_keeps_no_domain_and_says_why() -> None:
    doc = np.zeros(512, np.float32)
    kept, note = side.argued_domains(_side(0.9), {"CC"}, doc, CLIMATE, "en")
    assert kept == {"CC"} and note is None
    kept, note = side.argued_domains(_side(0.2), {"CC"}, doc, CLIMATE, "en")
    assert kept == set()
    assert note is not None and "climate change" in note and "no entity roles" in note
    # other languages, no model, or no domain: unchanged
    assert side.argued_domains(_side(0.2), {"URW"}, doc, CLIMATE, "ru") == ({"URW"}, None)
    assert side.argued_domains(None, {"URW"}, doc, CLIMATE, "en") == ({"URW"}, None)
    assert side.argued_domains(_side(0.2), set(), doc, CLIMATE, "en") == (set(), None)


def test_the_shipped_roles_cut_is_the_narrative_cut() -> None:
    """The lead's decision (twenty-eighth session): roles from 0.5 added roles right 0.44 of the
    time out of fold, so an article the side model keeps from narratives gets roles only for the
    entities its headline names (twenty-ninth session), and under that cut none."""
    assert side.ROLES_THRESHOLD == side.THRESHOLD
    assert side.HEADLINE_ROLES_THRESHOLD < side.THRESHOLD
    doc = np.zeros(512, np.float32)
    under = side.sided(_side(side.THRESHOLD - 0.05), {"CC"}, doc, CLIMATE, "en")
    assert (under.narratives, under.roles, under.headline_only) == (set(), {"CC"}, True)
    assert "only for whom the headline names" in str(under.note)
    lower = side.sided(_side(side.HEADLINE_ROLES_THRESHOLD - 0.05), {"CC"}, doc, CLIMATE, "en")
    assert (lower.narratives, lower.roles) == (set(), set())
    assert "no entity roles" in str(lower.note)


def test_only_the_headline_band_restricts_roles_to_the_headline() -> None:
    doc = np.zeros(512, np.float32)
    above = side.sided(_side(side.THRESHOLD + 0.05), {"CC"}, doc, CLIMATE, "en")
    assert (above.roles, above.headline_only, above.note) == ({"CC"}, False, None)
    # a side model's own roles cut under the headline cut leaves no headline band
    low = side.sided(_side(0.45, roles_threshold=0.4), {"CC"}, doc, CLIMATE, "en")
    assert (low.roles, low.headline_only) == ({"CC"}, False)
    # outside the model's languages: unchanged, unrestricted
    ru = side.sided(_side(0.6), {"URW"}, doc, CLIMATE, "ru")
    assert (ru.narratives, ru.roles, ru.headline_only) == ({"URW"}, {"URW"}, False)


def test_in_the_headline_band_only_the_entities_the_headline_names_get_a_role(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Made-up article: the side model reads 0.6 (under the roles cut, over the headline
    cut); the role step is handed two cast entities, and only the one the headline names keeps
    its role. Above the roles cut both do; under the headline cut neither."""
    from parallax.frame import trained
    from parallax.records import Article, Mention, Published

    text = (f"{CLIMATE}\n\nThe climate report warned of global warming. Mayor Dana Quill "
            "blocked the flood wall again. Councillor Ravi Okoro spoke against the plan.")
    mentions = [Mention(name, text.index(name), text.index(name) + len(name), "PERSON", name)
                for name in ("Dana Quill", "Ravi Okoro")]

    def cast_both(article: Article, ranked: list[tuple[str, list[Mention]]], portrayed: object,
                  domains: set[str], *args: object
                  ) -> list[tuple[str, list[Mention], float | None]]:
        return [(name, ms, 0.9) for name, ms in ranked] if domains else []

    monkeypatch.setattr(trained, "role_candidates", cast_both)

    def roles_at(p: float) -> set[str]:
        framing = trained.TrainedFraming()
        framing.side = _side(p)
        article = Article(id="a1", role="main", title="Mayor Dana Quill blocks the flood wall",
                          outlet=None, published=Published("2026-12-07", "2026-12-07"),
                          text=text, language="en", entities=list(mentions),
                          sentences=_sentences(text))
        framing.annotate(article)
        return {r.entity for r in article.roles}

    assert roles_at(0.6) == {"Dana Quill"}
    assert roles_at(0.9) == {"Dana Quill", "Ravi Okoro"}
    assert roles_at(0.3) == set()


def test_between_the_two_cuts_an_article_gets_roles_but_no_narrative() -> None:
    doc = np.zeros(512, np.float32)
    low = 0.5
    between = (low + side.THRESHOLD) / 2
    model = _side(between, roles_threshold=low)
    decided = side.sided(model, {"CC"}, doc, CLIMATE, "en")
    narratives, roles, note = decided.narratives, decided.roles, decided.note
    assert narratives == set() and roles == {"CC"}
    assert note is not None and "narrative Other" in note and "no entity roles" not in note
    assert side.argued_domains(model, {"CC"}, doc, CLIMATE, "en")[0] == set()
    below = side.sided(_side(low / 2, roles_threshold=low), {"CC"}, doc, CLIMATE, "en")
    assert (below.narratives, below.roles) == (set(), set())
    assert "no entity roles" in str(below.note)
    assert side.sided(_side(0.9, roles_threshold=low), {"CC"}, doc, CLIMATE, "en") == side.Sided(
        {"CC"}, {"CC"}, False, None)
    assert side.sided(_side(0.2, roles_threshold=low), {"URW"}, doc, CLIMATE, "ru") == side.Sided(
        {"URW"}, {"URW"}, False, None)


def test_the_framing_stage_reads_roles_from_the_roles_cut() -> None:
    from types import SimpleNamespace

    from parallax.frame.trained import TrainedFraming, _Context
    from parallax.records import Article, Published

    text = f"{CLIMATE}\n\nThe climate report warned of global warming."
    assert in_domains(text) == {"CC"}
    framing = TrainedFraming()
    framing.side = _side((0.5 + side.THRESHOLD) / 2, roles_threshold=0.5)
    article = Article(id="a1", role="main", title="", outlet=None,
                      published=Published("2026-12-07", "2026-12-07"), text=text, language="en")
    ctx = _Context(SimpleNamespace(document=np.zeros(512, np.float32)), False)  # type: ignore[arg-type]
    assert framing._domains(article, ctx, roles=True) == {"CC"}
    assert framing._domains(article, ctx) == set()
    assert sum("narrative Other" in n for n in article.notes) == 1


def test_scored_rows_use_the_run_time_decision() -> None:
    rows = Rows(np.zeros((2, 512), np.float32), [["Other"], ["Other"]], ["a", "b"], ["en", "bg"],
                extra={"domains": [{"CC"}, {"URW"}], "texts": [CLIMATE, "Украйна"]})
    argued(rows, _side(0.2))
    assert rows.extra["domains"] == [set(), {"URW"}]


def test_the_shipped_side_model_is_english_and_card_reports_out_of_fold() -> None:
    model = side.load_side(str(bundled_dir()))
    assert model is not None and model.meta["languages"] == ["en"]
    assert model.meta["threshold"] == side.THRESHOLD
    card = model.meta["card"]
    assert card["oof_auc_semeval"] >= 0.75
    assert card["oof_mainstream_kept"] < card["oof_semeval_narrative_kept"]


def _dragnet_page(name: str) -> tuple[str, str]:
    from parallax.segment.realpages import load

    root = shared_path("datasets/extraction")
    page = next(p for p in load(root, ("dragnet_data",)) if p.name == name)
    lines = page.gold.splitlines()
    first = next(i for i, line in enumerate(lines) if len(line.split()) >= 3)
    return lines[first], "\n\n".join(lines[first + 1:])


@pytest.mark.parametrize("name", ["R232", "R564"])
def test_mainstream_pages_on_the_climate_show_no_narrative_and_no_role(
        name: str, tmp_path: Path) -> None:
    """Dragnet tuning-half pages (The Atlantic on Hurricane Sandy, CNN after the 2012 election)
    that the domain gate puts in the climate domain: before this session they showed
    "Questioning the measurements and science", "Downplaying climate change" and five
    Antagonists, all judged wrong."""
    from parallax.frame.endtoend import analyse_files

    title, text = _dragnet_page(name)
    assert in_domains(f"{title}\n{text}") == {"CC"}
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"title": title, "text": text}) + "\n", encoding="utf-8")
    (article,) = analyse_files([path])
    assert article is not None
    assert [n.label for n in article.narratives] == ["Other"]
    assert article.roles == []
    assert any("narrative taxonomy" in note for note in article.notes)


def test_mainstream_sets_exist() -> None:
    shared_path("datasets/extraction")
    found = side.mainstream_documents(DATASETS)
    assert len(found) >= 30
    assert all(in_domains(f"{t}\n{x}", passing=True) for _, t, x in found)
