"""Issue 17, genre for straight news and loaded language in news: the news pages genre training
adds as reporting, the held-back BASIL events, the reporting-style counts, the news word
scorer (BABE) and how the framing stage uses it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parallax import embeddings
from parallax.enrich.sentences import sentencex_sentences
from parallax.frame.features import STYLE_NAMES, style_features
from parallax.frame.loaded import WORD_BUCKETS, LoadedWords, word_bucket
from parallax.frame.news import (
    check_event,
    news_page_url,
    opinion_page_url,
    read_news,
)
from parallax.frame.spans import BUCKETS, SpanScorer, bucket
from parallax.frame.trained import TrainedFraming
from parallax.records import Article, Mention, Published
from parallax.segment.realpages import fresh_news_held_back

BODY = " ".join(["The council said on Monday that the bridge would reopen in May."] * 20)


def _page(folder: Path, name: str, url: str, text: str) -> None:
    (folder / "input").mkdir(parents=True, exist_ok=True)
    (folder / "GoldStandard").mkdir(parents=True, exist_ok=True)
    (folder / "input" / f"{name}.html").write_text(
        f'<html><head><link rel="canonical" href="{url}"></head><body>x</body></html>',
        encoding="utf-8")
    (folder / "GoldStandard" / f"{name}.txt").write_text(text, encoding="utf-8")


def test_news_section_pages_become_reporting_and_columns_and_blog_posts_opinion(
        tmp_path: Path) -> None:
    _page(tmp_path, "a", "http://www.bbc.co.uk/news/uk-england-kent-18971755", BODY)
    _page(tmp_path, "b", "http://www.guardian.co.uk/commentisfree/2012/nov/01/x", BODY)
    _page(tmp_path, "c", "http://randfishkin.com/blog/post", BODY)
    _page(tmp_path, "d", "http://www.cbsnews.com/8301-201_162/short/", "Too short to judge.")
    _page(tmp_path, "e", "http://firstread.msnbc.msn.com/_news/2012/x", BODY)
    _page(tmp_path, "f", "http://www.example.com/2012/11/07/weather", BODY)
    found = read_news(tmp_path)
    assert [(a.id.rsplit(":", 1)[1], a.label) for a in found] == [
        ("a", "reporting"), ("b", "opinion"), ("c", "opinion")]
    assert found[0].group == "news:bbc.co.uk" and found[0].text.startswith("The council")
    assert news_page_url("http://news.bbc.co.uk/2/hi/europe/123.stm")
    assert not news_page_url("http://www.cnn.com/2012/11/07/opinion/roundup/index.html")
    assert opinion_page_url("http://www.cnn.com/2012/11/07/opinion/roundup/index.html")
    assert not opinion_page_url("http://www.example.com/blogger-wins-award")


def test_dragnet_opinion_pages_of_the_fresh_news_checks_sites_are_not_read(
        tmp_path: Path) -> None:
    """Dragnet's sites in the odd half of ``sha1("p12A|" + site)`` are the fresh-news check:
    their blog posts are not trained on (their news-section pages were, before the split)."""
    folder = tmp_path / "dragnet_data"
    assert fresh_news_held_back("randfishkin.com") and not fresh_news_held_back("johndcook.com")
    _page(folder, "c", "http://randfishkin.com/blog/post", BODY)
    _page(folder, "j", "http://johndcook.com/blog/post", BODY)
    assert [a.id.rsplit(":", 1)[1] for a in read_news(folder)] == ["j"]


def test_held_back_events_are_never_read_for_training(tmp_path: Path) -> None:
    events = [f"event-{i}" for i in range(40)]
    checks = [e for e in events if check_event(e)]
    assert 0 < len(checks) < len(events)  # about half each way
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(json.dumps({"event": e, "title": e, "text": BODY + e})
                              for e in events), encoding="utf-8")
    kept = read_news(path)
    assert len(kept) == len(events) - len(checks)
    assert not any(e in a.text for a in kept for e in checks if a.text.endswith(e))


def test_reporting_style_counts_attribution_and_a_dateline() -> None:
    report = ("WASHINGTON — The senator said on Tuesday that the bill would pass. Officials told "
              "reporters it was close, according to two aides.")
    opinion = "I think the bill is a disgrace. We deserve better, and you know it."
    at = STYLE_NAMES.index("attribution")
    line = STYLE_NAMES.index("dateline")
    r, o = style_features(report, 2), style_features(opinion, 2)
    assert r[at] == pytest.approx(1.5) and o[at] == 0
    assert r[line] == 1 and o[line] == 0
    assert style_features("Заявил министр, по словам источника.", 1)[at] == 2


def _article(text: str, entities: list[Mention]) -> Article:
    article = Article(id="t", role="main", title="", outlet="Test", published=Published(),
                      text=text, language="en")
    article.sentences = sentencex_sentences(text, "en")
    article.entities = entities
    return article


@pytest.fixture
def opinion(monkeypatch: pytest.MonkeyPatch) -> None:
    """The genre model's verdict fixed to ``opinion``: in a ``reporting`` article no technique
    is shown in the outlet's own words (``trained.straight_news_labels``), and these texts are
    short reports."""
    from parallax.frame import units

    monkeypatch.setattr(units, "decode_genre", lambda p, model: ("opinion", 0.9))


@pytest.mark.usefixtures("opinion")
def test_news_words_mark_loaded_words_and_never_a_name(tmp_path: Path) -> None:
    """The news word scorer's words are shown wherever they are, scored by their own
    probability; a name it weighs (here "Obama") never carries a span."""
    weights = np.zeros((BUCKETS, 1), np.float32)
    for word in ("outrageous", "obama"):
        weights[bucket(f"w:{word}"), 0] = 9.0
    SpanScorer(["Loaded_Language"], weights, np.array([-4.0], np.float32),
               np.array([0.6], np.float32), {"features": "word", "languages": ["en"]}
               ).save(tmp_path / "loaded.npz")
    text = ("The city council met on Tuesday to discuss the budget for the coming year. "
            "Obama called the outrageous plan a mistake, the mayor said in a statement. "
            "Officials said the vote would take place next week after a public hearing.")
    start = text.index("Obama")
    framing = TrainedFraming(str(tmp_path))
    article = _article(text, [Mention("Obama", start, start + 5, "PERSON", "Barack Obama")])
    framing.annotate(article)
    loaded = [t for t in article.techniques if t.technique == "Loaded_Language"]
    assert [text[t.start:t.end] for t in loaded] == ["outrageous"]
    assert loaded[0].score == pytest.approx(1 / (1 + np.exp(-5.0)), abs=1e-3)
    other = _article(text.replace("outrageous", "new"),
                     [Mention("Obama", start, start + 5, "PERSON", "Barack Obama")])
    framing.annotate(other)
    assert not [t for t in other.techniques if t.technique == "Loaded_Language"]


@pytest.mark.usefixtures("opinion")
def test_news_words_are_english_only(tmp_path: Path) -> None:
    """Other languages keep the SemEval span scorer: the news scorer never learnt them."""
    weights = np.zeros((BUCKETS, 1), np.float32)
    weights[bucket("w:skandalöse"), 0] = 9.0
    SpanScorer(["Loaded_Language"], weights, np.array([-4.0], np.float32),
               np.array([0.6], np.float32), {"features": "word", "languages": ["en"]}
               ).save(tmp_path / "loaded.npz")
    text = ("Der Stadtrat hat am Dienstag den Haushalt beraten. Die skandalöse Entscheidung "
            "wurde vertagt, sagte der Bürgermeister am Abend in einer Erklärung.")
    article = _article(text, [])
    article.language = "de"
    article.sentences = sentencex_sentences(text, "de")
    TrainedFraming(str(tmp_path)).annotate(article)
    assert not any(text[t.start:t.end] == "skandalöse" and t.score > 0.99
                   for t in article.techniques)


def test_news_word_scorer_trains_on_tune_outlets_only(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from parallax.frame.loaded_training import TUNE_OUTLETS, train_loaded

    lines = ["text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words"]
    for i in range(60):
        outlet = TUNE_OUTLETS[i % 3] if i < 45 else "Reuters"
        loaded = i % 2 == 0
        sentence = (f"The {'disgraceful' if loaded else 'new'} plan number {i} was announced "
                    f"by the council on Monday")
        lines.append(f"{sentence};l{i};{outlet};t;center;"
                     f"{'Biased' if loaded else 'Non-biased'};x;"
                     f"{repr(['disgraceful']) if loaded else '[]'}")
    (tmp_path / "final_labels_SG2.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    card = train_loaded(tmp_path, tmp_path / "out")
    model = LoadedWords.load(tmp_path / "out" / "loaded.npz")
    assert model.scorer.meta["features"] == "word" and card["tokens"]["check"] > 0
    assert card["cross_validation_leave_one_outlet_out"]["precision"] >= 0.7
    text = "A disgraceful plan was announced by the council."
    vector = embeddings.encode([text])[0]
    scored = model.token_proba(text, 0, len(text), lambda _: vector)
    assert [text[s:e] for s, e, _ in model.spans(text, 0, len(text), [], scored)] == [
        "disgraceful"]


def test_quoted_words_are_the_speakers_not_the_authors(tmp_path: Path) -> None:
    """The second stage weighs quotation marks (experts mark the author's words): the same
    word passes in the author's sentence and not inside a quote; a word under the word
    scorer's floor is never looked at."""
    weights = np.zeros((BUCKETS, 1), np.float32)
    weights[bucket("w:outrageous"), 0] = 8.0
    weights[bucket("w:odd"), 0] = 1.0
    scorer = SpanScorer(["Loaded_Language"], weights, np.array([-4.0], np.float32),
                        np.array([0.5], np.float32), {"features": "word", "languages": ["en"]})
    term = np.zeros(WORD_BUCKETS, np.float32)
    term[word_bucket("odd")] = 20.0
    LoadedWords(scorer, term, np.zeros(embeddings.DIM, np.float32), base=1.0, quote=-8.0,
                bias=0.0, floor=0.1, threshold=0.5).save(tmp_path / "loaded.npz")
    model = LoadedWords.load(tmp_path / "loaded.npz")
    zero = np.zeros(embeddings.DIM, np.float32)
    for text, shown in (("The outrageous plan was odd.", ["outrageous"]),
                        ('He called it an "outrageous plan" on Monday.', [])):
        scored = model.token_proba(text, 0, len(text), lambda _: zero)
        assert [text[s:e] for s, e, _ in model.spans(text, 0, len(text), [], scored)] == shown


def test_straight_news_reports_of_held_back_events_come_out_reporting() -> None:
    """BASIL's held-back events (never trained on): at least 85% `reporting` (90% measured
    through analyze since the thirteenth session, 92% before; here on the body text, as the
    segmenter leaves it after the title)."""
    from parallax import embeddings
    from parallax.frame import units
    from parallax.frame.bundle import load_models
    from parallax.frame.features import embed_text
    from requirements import shared_path

    path = shared_path("datasets/stories/basil-tune.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    held = [r for r in rows if check_event(r["event"])]
    model = load_models("")["genre"]
    labels = []
    for r in held:
        doc = embed_text(r["text"], "en", embeddings.encode)
        labels.append(units.decode_genre(model.proba(units.genre_row(doc)), model)[0])
    assert len(held) >= 40
    assert labels.count("reporting") / len(labels) >= 0.85, labels


def test_genre_offsets_keep_the_added_news_reports_reporting() -> None:
    """Offsets best for macro-F1 alone would call these news reports opinion (the SemEval rows
    reward it); the floor on the added reports (tasks.NEWS_REPORTING_FLOOR) keeps most of them
    ``reporting``."""
    from parallax.frame import tasks

    labels = ["opinion", "reporting", "satire"]
    semeval = [([0.9, 0.1, 0.0], "opinion")] * 40 + [([0.3, 0.7, 0.0], "reporting")] * 5 + \
        [([0.5, 0.5, 0.0], "opinion")] * 20 + [([0.1, 0.1, 0.8], "satire")] * 5
    reports = [([0.6, 0.4, 0.0], "reporting")] * 10
    rows = semeval + reports
    p = np.array([r[0] for r in rows])
    gold = [r[1] for r in rows]
    news = [False] * len(semeval) + [True] * len(reports)

    def reporting_share(offsets: list[float]) -> float:
        chosen = np.argmax(np.log(p + 1e-9) + np.asarray(offsets), axis=1)[len(semeval):]
        return float(np.mean([labels[i] == "reporting" for i in chosen]))

    assert reporting_share(tasks.tune_genre_offsets(p, gold, labels)) < 0.8
    assert reporting_share(tasks.tune_genre_offsets(p, gold, labels, news)) >= \
        tasks.NEWS_REPORTING_FLOOR
