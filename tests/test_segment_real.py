"""Real pages: the learned line model, the never-reject rule, given record text, and the CI gate
on held-out sites of ../shared/datasets/extraction (read at test time, never committed)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from parallax.errors import InputRejected
from parallax.records import RawDocument
from parallax.segment import realeval, realpages, snippets
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.segment.linemodel import NAMES, default_model
from parallax.segment.render import RENDERINGS, page_blocks, render
from parallax.settings import Config
from requirements import shared_path  # tests/ is on sys.path

PARAGRAPH = ("The central bank raised its benchmark rate by a quarter point on Wednesday, the "
             "third increase this year, and said further moves would depend on how quickly "
             "prices cool in the months ahead, officials told reporters in {city}.")
CITIES = ["Frankfurt", "Lisbon", "Warsaw", "Oslo", "Vienna", "Prague", "Madrid", "Dublin"]


def _doc(text: str, kind: str = "text", **metadata: str) -> RawDocument:
    return RawDocument(uri="p.txt", kind=kind, text=text, fetched_at="", sha256="0",
                       input="p.txt", metadata=dict(metadata))


def test_shipped_model_matches_the_code() -> None:
    model = default_model()
    assert model is not None, "segment/data/line-model-v2.json is missing"
    assert len(model.coef) == len(NAMES) == len(model.mean)


def test_story_after_sixty_menu_lines_is_found_not_rejected() -> None:
    """The issue's example: a wire story copied from a tech site."""
    menu = [f"Section {i}" for i in range(60)]
    body = [PARAGRAPH.format(city=CITIES[i % len(CITIES)]) + f" Item {i}." for i in range(20)]
    tail = ["Most Read", *[f"Gadget review number {i}" for i in range(10)]]
    text = "\n".join([*menu, "Rates rise again as inflation lingers", *body, *tail])
    page = HeuristicSegmenter(Config()).segment(_doc(text))
    main = page.articles[0]
    assert main.role == "main"
    assert all(b in main.text for b in body)
    assert "Section 7" not in main.text and "Gadget review number 3" not in main.text


def test_a_short_prose_block_is_returned_with_low_confidence_not_rejected() -> None:
    para = ("Residents of the valley were told to leave their homes on Sunday night after the "
            "river rose above the old flood wall for the first time since records began there.")
    text = "\n".join(["Home", "News", "Weather", "Contact", para, para.replace("Sunday",
                                                                           "Monday"), "Login"])
    page = HeuristicSegmenter(Config()).segment(_doc(text))
    main = page.articles[0]
    assert "river rose above the old flood wall" in main.text
    # a page of menu words only is still rejected
    with pytest.raises(InputRejected):
        HeuristicSegmenter(Config()).segment(_doc("Home\nNews\nWeather\nContact\nLogin\n"))


def test_given_record_text_stays_given() -> None:
    sentences = [
        "The fund's contribution to the rebuilding effort was 40 million euros, officials said.",
        "Copyright lawyers for the publisher argued the photographs were used without consent.",
        "Brent crude 82.10 +0.4%",
        "Shares of the company rose 3 percent after the announcement on Tuesday.",
    ]
    text = "\n".join(["Rebuilding fund doubles", *sentences, "Read the full story on example.org"])
    page = HeuristicSegmenter(Config()).segment(
        _doc(text, kind="record", title="Rebuilding fund doubles"))
    main = page.articles[0]
    assert main.text.split("\n\n") == sentences
    assert not page.comments
    assert {b.kind for b in page.boilerplate} == {"repeated_title", "read_more"}


def test_renderings_have_their_shapes() -> None:
    html = ("<html><head><title>T</title></head><body><nav><a>Home</a><a>World</a></nav>"
            f"<h1>Headline here</h1><p>{PARAGRAPH.format(city='Oslo')}</p><ul><li>One</li></ul>"
            "</body></html>")
    title, blocks = page_blocks(html)
    assert title == "T" and [b.tag for b in blocks][-1] == "li"
    assert "\n\n" not in render(title, blocks, "lines")
    assert "\n\n" in render(title, blocks, "select_all")
    assert max(len(ln) for ln in render(title, blocks, "wrapped").splitlines()) <= 76
    assert "# Headline here" in render(title, blocks, "markdown")
    assert render(title, blocks, "lines", with_title=True).startswith("T\n")


def test_stored_pages_and_golds_are_read_as_the_readers_decode_them(tmp_path: Path) -> None:
    """A UTF-16 gold and a windows-1252 page (made-up text) keep their words: read as UTF-8
    alone, the gold became letters between NULs and the page lost its accented letters."""
    body = "Die Bäckerei am Marktplatz öffnet wieder, sagte die Stadt am Montag in Köln."
    folder = tmp_path / "dragnet_data"
    (folder / "GoldStandard").mkdir(parents=True)
    (folder / "input").mkdir()
    (folder / "GoldStandard" / "p1.txt").write_bytes(body.encode("utf-16"))
    page = (f'<html><head><meta charset="windows-1252"><link rel="canonical" '
            f'href="https://example.org/a"></head><body><p>{body}</p></body></html>')
    (folder / "input" / "p1.html").write_bytes(page.encode("cp1252"))
    quoted = "The council\u2019s vote \u2013 held late on Tuesday \u2013 was put off again."
    (folder / "GoldStandard" / "p2.txt").write_bytes(quoted.encode("cp1252"))
    (folder / "input" / "p2.html").write_bytes(f"<html><body><p>{quoted}</p></body></html>"
                                               .encode())
    loaded, second = realpages.load(tmp_path, ("dragnet_data",))
    assert loaded.gold == body
    assert body in loaded.html and loaded.site == "example.org"
    assert realpages.shingle_prf(body, loaded.gold)[2] == 1.0
    # a mostly-ASCII gold with a few windows-1252 quotes: no detector's guess glues words
    assert second.gold == quoted


# -- CI gate on held-out real pages ------------------------------------------------------------
# A fixed sample of held-out sites (never trained or tuned on): the first held-out pages of each
# set in file order. Floors sit a little under the measured values (docs/quality.md).
SAMPLE = {"cleaneval-final": 14, "cleaneval-dev": 4, "dragnet_data": 20, "readability": 6,
          "CleanPortalEval-master": 6}
# measured 2026-12-04 evening on this sample, against the comment-free Dragnet gold
# (realpages.split_comments; the earlier floors scored reader comments as article text), with
# the line model retrained on it and HTML = trafilatura + the rescue of pages it finds too little
# on: lines 0.855, select_all 0.851, wrapped 0.844, markdown 0.836, html 0.900 (trafilatura
# alone 0.894, keep everything 0.674)
# With the learned region choice (regions.py, line-regions-v1 with its 0.1 margin; fourth
# session, 2026-12-04 night): lines 0.856, select_all 0.856, wrapped 0.844, markdown 0.842,
# html 0.900 (trafilatura alone 0.894)
# With the dump comment threads (counted/Markdown comments headings, textdump.py; 2026-12-04
# night): lines 0.862, select_all 0.863, wrapped 0.852, markdown 0.866 (the code before: 0.856 /
# 0.856 / 0.844 / 0.842); markdown's floor raised from 0.83
# With the line model's page-context columns (pagecontext.py: title repeat, below a comments
# heading; fifth session, 2026-12-05): lines 0.852, select_all 0.854, wrapped 0.865, markdown
# 0.874, html 0.900 (the code before, same decoder: 0.862 / 0.863 / 0.858 / 0.866; on all 459
# held-out pages the new model scores 0.865 / 0.867 / 0.857 / 0.863 against 0.853 / 0.855 /
# 0.854 / 0.857); wrapped's floor raised from 0.835, markdown's from 0.85
# Seventh session (2026-12-05, HEAD 70a3be9: pairwise region chooser, hard-wrapped dumps
# joined back into paragraphs, the speed helper's long-page gates): lines 0.867, select_all
# 0.889, wrapped 0.890, markdown 0.889 (comments unchanged); every dump floor raised
# Eighth session (2026-12-05, the HTML paragraph filter, htmlfilter.py): html 0.902 (0.900 with
# it off, same run); its floor stays 0.89 (0.90 would leave a 0.002 margin)
# Ninth session (2026-12-05, line model with per-dump weights, chooser retrained): lines 0.865,
# select_all 0.884, wrapped 0.884, markdown 0.888 (seventh session 0.867 / 0.889 / 0.890 /
# 0.889; all 459 held-out pages rose 0.870 / 0.872 / 0.870 / 0.869 -> 0.871 / 0.873 / 0.870 /
# 0.873): floors unchanged, comments 0.789 / 0.789 / 0.789 / 0.794 unchanged
# Eleventh session (2026-12-05, the HTML block extension, htmlextend.py): html 0.9042 (0.9024
# with it off, same run); floor stays 0.89 (0.90 would leave a 0.004 margin)
FLOORS = {"lines": 0.86, "select_all": 0.88, "wrapped": 0.88, "markdown": 0.88, "html": 0.89}
# reader comments of the sample's 7 pages whose gold has comments (Dragnet), F1 of the page's
# comments against the gold's: measured lines 0.480, select_all 0.480, wrapped 0.612, markdown
# 0.787; the code before the comment-thread headings 0.436 / 0.436 / 0.435 / 0.066
# With the thread structure (threads.py: a link run ends the thread, a form closes it, author
# lines open a thread with no heading, a heading shown twice; fifth session, 2026-12-05):
# measured 0.789 / 0.789 / 0.789 / 0.794 (article 0.862 / 0.863 / 0.858 / 0.866)
COMMENT_FLOORS = {"lines": 0.74, "select_all": 0.74, "wrapped": 0.74, "markdown": 0.74}


@pytest.fixture(scope="module")
def heldout_results() -> realeval.Results:
    root = shared_path("datasets/extraction")
    pages = []
    for corpus, count in SAMPLE.items():
        held = (p for p in realpages.load(Path(root), (corpus,)) if p.split == "heldout")
        pages += list(itertools.islice(held, count))
    assert len(pages) == sum(SAMPLE.values())
    return realeval.evaluate(pages, RENDERINGS, html=True, baselines=True)


def test_heldout_sites_meet_floors(heldout_results: realeval.Results) -> None:
    table = heldout_results.table()
    for shape, floor in FLOORS.items():
        assert table[shape]["f1"] >= floor, (shape, table[shape])


def test_heldout_dump_comments_meet_floors(heldout_results: realeval.Results) -> None:
    table = heldout_results.table()
    for shape, floor in COMMENT_FLOORS.items():
        row = table[f"comments:{shape}"]
        assert row["pages"] >= 5, row
        assert row["f1"] >= floor, (shape, row)


def test_heldout_dumps_beat_keeping_everything(heldout_results: realeval.Results) -> None:
    table = heldout_results.table()
    for shape in RENDERINGS:
        assert table[shape]["f1"] >= table[f"keep_all:{shape}"]["f1"] + 0.05, shape


@pytest.fixture(scope="module")
def heldout_with_site(heldout_results: realeval.Results) -> realeval.Results:
    root = shared_path("datasets/extraction")
    pages = []
    for corpus, count in SAMPLE.items():
        held = (p for p in realpages.load(Path(root), (corpus,)) if p.split == "heldout")
        pages += list(itertools.islice(held, count))
    return realeval.evaluate_with_site(pages, RENDERINGS)


def test_heldout_dumps_read_with_their_site_lose_nothing(
        heldout_results: realeval.Results, heldout_with_site: realeval.Results) -> None:
    """The batch's site memory (segment/sitememory.py): each sample page's dumps read with its
    site's other sample pages (33 of the 50 pages have one) score at least what they score
    alone, and no page is rejected that was not. Measured on this sample: 0.8682 / 0.8873 /
    0.8873 / 0.8877 alone, 0.8707 / 0.8898 / 0.8898 / 0.8901 with the site; all 459 held-out
    pages (thirty-first session): 0.8756 / 0.8771 / 0.8737 / 0.8768 alone, 0.8802 / 0.8822 /
    0.8775 / 0.8808 with the site."""
    alone, together = heldout_results.table(), heldout_with_site.table()
    for shape in RENDERINGS:
        row = together[f"with_site:{shape}"]
        assert row["pages"] == alone[shape]["pages"], shape
        assert row["f1"] >= alone[shape]["f1"], (shape, row, alone[shape])
        assert row["rejected"] <= alone[shape]["rejected"], shape


@pytest.fixture(scope="module")
def heldout_with_store(heldout_results: realeval.Results) -> realeval.Results:
    root = shared_path("datasets/extraction")
    pages = []
    for corpus, count in SAMPLE.items():
        held = (p for p in realpages.load(Path(root), (corpus,)) if p.split == "heldout")
        pages += list(itertools.islice(held, count))
    return realeval.evaluate_with_store(pages, RENDERINGS)


def test_heldout_dumps_ingested_one_at_a_time_gain_from_the_store(
        heldout_results: realeval.Results, heldout_with_store: realeval.Results) -> None:
    """The store's site memory (store/site_lines.py): each site's sample dumps ingested one
    ``ingest`` at a time into a fresh store score more than they score alone, and no page is
    rejected that was not. Measured on this sample: 0.8682 / 0.8873 / 0.8873 / 0.8877
    alone, 0.8706 / 0.8898 / 0.8899 / 0.8900 ingested one at a time; all 459 held-out pages
    (thirty-first session, helper ST2): 0.8789 / 0.8808 / 0.8764 / 0.8796."""
    alone, stored = heldout_results.table(), heldout_with_store.table()
    for shape in RENDERINGS:
        row = stored[f"with_store:{shape}"]
        assert row["pages"] == alone[shape]["pages"], shape
        # (measured +0.0024 to +0.0026: a memory that reads nothing from the store fails)
        assert row["f1"] >= alone[shape]["f1"] + 0.001, (shape, row, alone[shape])
        assert row["rejected"] <= alone[shape]["rejected"], shape


def test_heldout_html_is_no_worse_than_trafilatura_alone(
        heldout_results: realeval.Results) -> None:
    """Not "+0.03" any more: that margin was reader comments scored as article text."""
    table = heldout_results.table()
    assert table["html"]["f1"] >= table["trafilatura"]["f1"]


# Snippet F1 of trafilatura's own evaluation (snippets.py; the metric of issue 16's hidden German
# benchmark), counts summed over the sample; measured 2026-12-07 (twenty-seventh session, helper
# SN, at 98d23c1): lines 0.797, select_all 0.796, wrapped 0.796, markdown 0.803, html 0.907
# (trafilatura alone 0.870, keep everything 0.685); one snippet is ~0.004 here
SNIPPET_FLOORS = {"lines": 0.77, "select_all": 0.77, "wrapped": 0.77, "markdown": 0.77,
                  "html": 0.88}


def test_heldout_snippet_f1_meets_floors(heldout_results: realeval.Results) -> None:
    table = snippets.table(heldout_results.snippets)
    for shape, floor in SNIPPET_FLOORS.items():
        assert table[shape]["pages"] >= 45, (shape, table[shape])
        assert table[shape]["f1"] >= floor, (shape, table[shape])
        if shape != "html":
            assert table[shape]["f1"] >= table[f"keep_all:{shape}"]["f1"] + 0.05, shape
    assert table["html"]["f1"] >= table["trafilatura"]["f1"], table


def test_no_heldout_page_with_an_article_is_rejected(heldout_results: realeval.Results) -> None:
    rejected = [(s.shape, s.page, s.site) for s in heldout_results.scores if s.rejected]
    assert not rejected
