"""Snippet P/R/F1 (trafilatura's own evaluation) on made-up pages: the counting rules, the
derived snippets and the end-to-end rows ``realeval`` adds for every output."""

from __future__ import annotations

from parallax.segment import realeval, snippets
from parallax.segment.realpages import RealPage
from parallax.segment.render import page_blocks

MENU = ["Front page", "Weather desk", "Puzzle corner", "Letters to us"]
BODY = [
    "The harbour council voted on Tuesday to close the old ferry pier for repairs until spring.",
    "Engineers found cracks in three of the pillars last month. The repairs will cost more "
    "than the council had set aside, the treasurer said after the vote.",
    "Ferries will use the northern quay while the work goes on, a spokesman for the operator "
    "told the town's residents at a meeting.",
    "Fishermen said they feared the northern quay would be crowded during the herring season.",
    "The council promised to publish a timetable for the works before the end of the month.",
]
HEADLINE = "Council closes ferry pier for repairs"
TAIL = ["Posted by a staff reporter at noon", "More from the coast", "Lighthouse keeper retires",
        "Copyright a made-up newspaper group"]


def _page(name: str = "made-up-1") -> RealPage:
    items = "".join(f"<li><a href='/s{i}'>{m}</a></li>" for i, m in enumerate(MENU))
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    tail = "".join(f"<p>{t}</p>" for t in TAIL)
    html = (f"<html><head><title>{HEADLINE} | Coast News</title></head><body>"
            f"<ul>{items}</ul><h1>{HEADLINE}</h1><p>12 March</p><article>{paras}</article>"
            f"{tail}</body></html>")
    return RealPage("made-up", name, "coast.example", html, "\n".join([HEADLINE, *BODY]))


def _derive(page: RealPage) -> snippets.Snippets:
    title, blocks = page_blocks(page.html)
    return snippets.derive(f"{page.corpus}/{page.name}", page.gold, title,
                           [b.text for b in blocks], [b.text for b in blocks if b.tag == "h1"])


def test_counts_follow_trafilaturas_evaluation() -> None:
    snips = snippets.Snippets(("ferry pier for", "end of the month."), ("Front page", "noon"))
    # whitespace runs collapse before the substring test; the test is case-sensitive
    assert snippets.count(snips, "the old ferry\n  pier for repairs ... Front page") == (1, 1, 1, 1)
    assert snippets.count(snips, "FERRY PIER FOR") == (0, 0, 2, 2)
    # no output (a rejected page) misses every "with" and keeps every "without" out, like ""
    assert snippets.count(snips, None) == (0, 0, 2, 2) == snippets.count(snips, "")
    # summed over pages, then scored; F1 is 2tp / (2tp + fp + fn)
    rows = [snippets.SnippetScore("a", "s", "lines", "c", 3, 1, 0, 2),
            snippets.SnippetScore("b", "s", "lines", "c", 1, 0, 2, 3)]
    row = snippets.table(rows)["lines"]
    assert (row["tp"], row["fp"], row["fn"], row["tn"], row["pages"]) == (4, 1, 2, 5, 2)
    assert (row["precision"], row["recall"], row["accuracy"]) == (0.8, 0.6667, 0.75)
    assert row["f1"] == round(8 / 11, 4)
    # the micro average is not the mean of the pages' F1 (page a 0.857, page b 0.5)
    assert row["f1"] != round((6 / 7 + 2 / 4) / 2, 4)
    by_group = snippets.table(rows, "group", {("c", "a"): "en", ("c", "b"): "de"})
    assert set(by_group) == {"en/lines", "de/lines"}


def test_derived_snippets_follow_the_written_rule() -> None:
    page = _page()
    snips = _derive(page)
    assert snips == _derive(page)  # deterministic per page
    gold = " ".join(page.gold.split())
    visible = " ".join(" ".join(b.text for b in page_blocks(page.html)[1]).split())
    assert len(snips.with_) == 3 and len(snips.without) == 3
    for text in snips.with_:
        assert text in gold and text in visible
        assert snippets.MIN_WORDS <= len(text.split()) <= snippets.MAX_WORDS
    start, end, middle = snips.with_
    # the first and last gold lines long enough for the drawn length
    n = len(start.split())
    assert next(ln for ln in [HEADLINE, *BODY] if len(ln.split()) >= n).startswith(start)
    assert BODY[-1].endswith(end)
    assert any(middle in line for line in BODY[1:4])  # a line of the middle third
    for text in snips.without:
        assert text in visible and text not in gold
        assert HEADLINE not in text and text not in HEADLINE
    # the block nearest before the article (its date line) and nearest after it come first
    assert snips.without[:2] == ("12 March", TAIL[0])
    assert snips.without[2] in MENU + TAIL[1:]
    # another page name draws other lengths and blocks, by the same rule
    assert any(_derive(_page(f"made-up-{i}")) != snips for i in range(2, 6))


def test_a_without_never_shares_words_with_the_gold() -> None:
    """A block the gold spells a little differently (a quote mark) is article text, not
    boilerplate, even though it is no substring of the gold."""
    gold = "It's a long way to the coast from here, she said on the radio this morning."
    blocks = ["Home", "It’s a long way to the coast from here, she said on the radio this "
              "morning.", "Sign in to comment"]
    snips = snippets.derive("x/1", gold, "", blocks)
    assert "Sign in to comment" in snips.without
    assert all("coast" not in s for s in snips.without)
    # a page with no line long enough for a "with" is left out of the counts
    assert snippets.score("p", "s", "c", "lines", snippets.derive("x/2", "Hi.", "", ["Hi."]),
                          "Hi.") is None


def test_realeval_scores_every_output_with_snippets() -> None:
    page = _page()
    results = realeval.evaluate([page], ("lines",), html=True, baselines=True)
    table = snippets.table(results.snippets)
    assert set(table) == {"lines", "html", "keep_all:lines", "trafilatura", "raw_html"}
    assert all(row["pages"] == 1 for row in table.values())
    # keeping everything finds every "with" and every "without"
    keep = table["keep_all:lines"]
    assert (keep["tp"], keep["fp"], keep["fn"], keep["tn"]) == (3, 3, 0, 0)
    # Parallax's article has the story and not the menu
    lines = table["lines"]
    assert lines["tp"] == 3 and lines["fp"] < 3


def test_site_interval_spreads_with_the_sites() -> None:
    same = [snippets.SnippetScore(f"p{i}", f"s{i}", "html", "c", 3, 1, 0, 2) for i in range(8)]
    assert snippets.interval(same, "html") == (0.8571, 0.8571)
    mixed = same[:4] + [snippets.SnippetScore(f"q{i}", f"t{i}", "html", "c", 0, 3, 3, 0)
                        for i in range(4)]
    low, high = snippets.interval(mixed, "html")
    point = snippets.table(mixed)["html"]["f1"]
    assert low < point < high
    assert snippets.interval(mixed, "lines") == (0.0, 0.0)  # no such output
