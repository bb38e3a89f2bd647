"""The thirtieth session's review (docs/robustness.md, "Thirtieth session (helper R): review"):
inputs the helpers' own tests did not cover. Each test failed on the commit it names. All
inputs are made up here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from parallax.errors import Code, InputRejected
from parallax.records import Article, Page, Published, RawDocument
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.settings import Config
from parallax.store import open_store


def _child(code: str) -> list[str]:
    """The words ``code`` prints, run in a child process killed after two minutes."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_page_of_many_headings_holding_scripts_is_read_in_one_pass() -> None:
    """0ccb7f1 looked for code inside headings with ``//heading//code``, which libxml2 answers
    by merging one node set a heading: 16,000 headings each holding a script took 13 s of CPU,
    twice as many five times as long, so a hostile page under the 20 MB cap held the reader
    for many minutes. A hang has no result to assert on, so the title is read in a child
    process that is killed after two minutes; it needs a second."""
    code = ("import lxml.html\n"
            "from parallax.segment.htmlmeta import page_metadata\n"
            "page = '<html><body>' + ''.join(f'<h2>Ferry {k} <script>var a{k}=1;</script>row'\n"
            "    f'</h2><p>The council met.</p>' for k in range(60_000)) + '</body></html>'\n"
            "print(page_metadata(lxml.html.fromstring(page), None, False).title)\n")
    assert _child(code) == ["Ferry", "0", "row"]


def test_a_page_of_many_short_comment_blocks_between_long_ones_is_cut_in_one_pass() -> None:
    """271fb47 summed the answer's characters below each comment-marked block that follows
    one that is not, over every paragraph each time: a page whose headlined post alternates
    long paragraphs and short comment-marked ones (the thread half the rest only at the last)
    took 1.3 s of CPU in ``segment_html`` for 2,000 pairs and 4.2 s for 4,000 (5aa3960: 0.6 and
    1.2 s), so a hostile page under the 20 MB cap held the reader for many minutes. In a child
    process killed after two minutes, as above; it needs a second."""
    code = ("from parallax.segment.blockmarks import CODES\n"
            "from parallax.segment.htmlthread import cut_at_thread\n"
            "from parallax.segment.render import Block\n"
            "thread, long = (CODES['comments'], 0.4, 0.0, 1), 'The council met on Monday. ' * 8\n"
            "title = 'Ferry row: minister steps in'\n"
            "blocks, paragraphs = [Block(title, 'h1'), Block(long, 'p')], [long]\n"
            "for k in range(50_000):\n"
            "    blocks += [Block(f'{long}{k}', 'p'), Block(f'Reader {k} agrees.', 'p', thread)]\n"
            "    paragraphs += [f'{long}{k}', f'Reader {k} agrees.']\n"
            "kept, cut = cut_at_thread(title, paragraphs, (title, blocks))\n"
            "print(kept == paragraphs[:-1], cut == paragraphs[-1:])\n")
    assert _child(code) == ["True", "True"]


def test_a_chinese_query_with_a_cased_word_and_its_snippet(db_url: str) -> None:
    """c0ba956 lower-cased titles and texts in SQL, and SQLite's ``lower`` (like PostgreSQL's
    in the C locale) leaves letters beyond ASCII as they are: a query joining a Chinese word
    and "Москва" found nothing where the article holds both. Its snippet bracketed the text
    at the place of the match in the lower-cased copy, which "İ" makes longer: the brackets
    stood on other words."""
    store = open_store(db_url)
    try:
        text = "İstanbul İzmir. Москва: 渡轮公司周一宣布，冬季时刻表将保持不变。"
        article = Article(id="a0", role="main", title="渡轮时刻表", outlet="Post",
                          published=Published(), text=text, language="zh")
        store.save_page(Page(input="p0.txt", uri="p0.txt", sha256="p0", kind="text",
                             fetched_at="2026-11-02T10:00:00Z", articles=[article]))
        for query in ("渡轮 Москва", "渡轮 москва", "МОСКВА 时刻表", "渡轮 İzmir"):
            assert [r["id"] for r in store.search(query)] == ["a0"], query
            assert store.search_count(query) == 1, query
        assert store.search("渡轮 Париж") == [] and store.search_count("渡轮 Париж") == 0
        (found,) = store.search("时刻表")
        assert "[时刻表]" in found["snippet"], found["snippet"]
    finally:
        store.close()


def test_a_text_of_zero_width_spaces_is_no_article() -> None:
    """09157b9 read zero-width spaces as nothing after the main text's length was checked
    against ``min_article_chars``, so 2,000 of them (a word processor's export gone wrong)
    were stored as an article with no text and no title (before it, as 2,000 invisible
    characters): the length is that of the text as shown now."""
    for text in ("\u200b" * 2000 + "\n", "Ferry row\n\n" + "\u2060\ufeff" * 1000 + "\n"):
        doc = RawDocument(uri="tip.txt", kind="text", text=text, fetched_at="", sha256="0")
        with pytest.raises(InputRejected) as refused:
            HeuristicSegmenter(Config()).segment(doc)
        assert refused.value.code == Code.NO_ARTICLE
