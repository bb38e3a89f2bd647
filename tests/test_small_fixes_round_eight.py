"""The small things round seven and its review left (docs/robustness.md, thirty-first session,
helper SM). Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

import random
import re
import sqlite3
import subprocess
import sys
from email.message import EmailMessage
from html import escape
from pathlib import Path

import pytest

from parallax.ingest import read_inputs
from parallax.pipeline import Pipeline
from parallax.records import Article, Page, Published
from parallax.segment.realpages import shingle_prf, words
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.migrations import _statements, migration_scripts
from parallax.store.unspaced_search import unspaced_terms
from parallax.textutil import UNSPACED_CHAR


def _help_commands(how: list[str]) -> list[str]:
    result = subprocess.run([sys.executable, *how, "--help"], capture_output=True, text=True,
                            timeout=120, env={"COLUMNS": "200", "PATH": ""})
    assert result.returncode == 0, result.stderr
    return [line.split()[1] for line in result.stdout.splitlines()
            if line.startswith("│ ") and len(line.split()) > 1]


def test_help_lists_the_commands_in_one_order_however_the_cli_starts() -> None:
    """``python -m parallax.cli`` ran cli.py as ``__main__``, whose import of cli_stories
    imported the importable module first; ``stories`` registered last there."""
    as_module = _help_commands(["-m", "parallax.cli"])
    imported = _help_commands(["-c", "from parallax.cli import main; main()"])
    assert "stories" in imported and imported.index("stories") < imported.index("compare")
    assert as_module == imported


BODY = ("The harbour board said on Tuesday that the night ferry to the outer islands will stop "
        "running in March after its operator lost the winter contract. ")


def _newsletter(tmp_path: Path, sender: str, original: str | None, site: str) -> str | None:
    """The main article's outlet of a newsletter e-mail from ``sender``; forwarded when
    ``original`` (the forwarded block's sender) is given; its links point at ``site``."""
    message = EmailMessage()
    message["From"], message["Subject"] = sender, "Fwd: ferry" if original else "Ferry"
    message["Date"] = "Tue, 03 Nov 2026 09:12:00 +0100"
    block = (f"<div>---------- Forwarded message ---------<br>From: {escape(original)}<br>"
             "Date: Mon, 2 Nov 2026 at 08:00<br>Subject: Night ferry<br></div>"
             if original else "")
    links = "".join(f'<p><a href="https://{site}/news/{k}">Read more</a></p>' for k in range(3))
    message.set_content(BODY * 4)
    message.add_alternative(f"<html><body>{block}<h1>Night ferry to stop</h1>"
                            + "".join(f"<p>{BODY}Part {k}.</p>" for k in range(4)) + links
                            + "</body></html>", subtype="html")
    path = tmp_path / "letter.eml"
    path.write_bytes(bytes(message))
    (item,) = list(read_inputs([str(path)], Config()))
    main = next(a for a in Pipeline.from_config(Config(), analyse=False).process(item)
                .to_contract(analysed=False)["articles"] if a["role"] == "main")
    return main["outlet"]


@pytest.mark.parametrize(("sender", "original", "site", "outlet"), [
    # forwarded by a reader: the newsletter's own sender is the outlet, its links its site
    ("A reader <tip@example.org>", "Dunmere Post <news@dunmere.example>",
     "www.dunmere.example", "Dunmere Post"),
    # received directly, from a mail host of the site
    ("Dunmere Post <letters@mail.dunmere.example>", None, "www.dunmere.example",
     "Dunmere Post"),
    # the links point elsewhere: the sender is not borne out
    ("A reader <tip@example.org>", "Dunmere Post <news@dunmere.example>",
     "www.harbourwatch.example", None),
    # a reader's own message linking to the outlet: the reader is no outlet
    ("Dunmere Post fan <tip@example.org>", None, "www.dunmere.example", None),
    # a reporter at the outlet's address: the name is not the site's
    ("A reader <tip@example.org>", "Ann Lee <ann@dunmere.example>", "dunmere.example", None),
])
def test_a_newsletters_sender_is_its_outlet_only_where_its_links_point(
        tmp_path: Path, sender: str, original: str | None, site: str, outlet: str | None) -> None:
    assert _newsletter(tmp_path, sender, original, site) == outlet


def test_a_soft_hyphen_is_read_as_shown(tmp_path: Path) -> None:
    # copied from a typeset page: "au<SHY>thor<SHY>ity" was three words for search and
    # "Bran<SHY>nock" no "Brannock" for the recogniser
    copied = tmp_path / "copied.txt"
    copied.write_text("Night ferry to stop\n\n" + "\n\n".join(
        f"The port au\u00adthor\u00adity said on Monday that its director, Tomas Bran\u00adnock, "
        f"will close the islands route in March. {BODY}Part {k}." for k in range(4)))
    (item,) = list(read_inputs([str(copied)], Config()))
    main = next(a for a in Pipeline.from_config(Config()).process(item).to_contract()["articles"]
                if a["role"] == "main")
    assert "\u00ad" not in main["text"]
    assert "The port authority said on Monday that its director, Tomas Brannock, will" \
        in main["text"]
    assert "Tomas Brannock" in {e["canonical"] for e in main["entities"]}


def test_the_extraction_score_reads_a_soft_hyphen_as_shown() -> None:
    # the gold kept soft hyphens and the score split words at them: an answer that read them as
    # shown lost shingles; both sides are read as shown now, other texts as before
    assert words("The au\u00adthor\u00adity's Bran\u00adnock") == ["the", "authority", "s",
                                                                 "brannock"]
    gold = "The port au\u00adthor\u00adity said on Monday that the route will close."
    assert shingle_prf(gold.replace("\u00ad", ""), gold) == (1.0, 1.0, 1.0)


# Chinese and Japanese search through an n-gram index (store/unspaced_search.py)
_HAN = "渡轮港务局周一表示开往群岛的夜间将于三月停止运营冬季时刻表保持不变公司宣布"
_KANA = "フェリーの運航は三月で終了しますー・ゝゞ"
_CASED = ("Москва", "İzmir", "Ferry", "Tomas")


def _made_up(rng: random.Random, k: int) -> Article:
    """A made-up article: runs of Han and kana with a cased word, a digit or a comma between."""
    parts = []
    for _ in range(rng.randint(3, 12)):
        source = _HAN if rng.random() < 0.7 else _KANA
        parts.append("".join(rng.choice(source) for _ in range(rng.randint(1, 9))))
        parts.append(rng.choice([" ", "，", " 2026 ", f" {rng.choice(_CASED)} ", "、"]))
    return Article(id=f"a{k}", role="main", title="".join(parts[:2]).strip() or "t",
                   outlet="Post", published=Published(), text="".join(parts[2:]) or "x",
                   language="zh")


def _expected(articles: list[Article], query: str) -> list[str]:
    """Every term in the title or the text: what the scan answered (a term without cased
    letters as written, another in any case)."""
    terms = unspaced_terms(query) or []
    return [a.id for a in articles
            if all(re.search(re.escape(t), f"{a.title} {a.text}", re.IGNORECASE)
                   for t in terms)]


def test_chinese_and_japanese_search_answers_as_the_scan_did(db_url: str) -> None:
    rng = random.Random(31)
    articles = [_made_up(rng, k) for k in range(60)]
    store = open_store(db_url)
    try:
        for k, article in enumerate(articles):
            store.save_page(Page(input=f"p{k}.txt", uri=f"p{k}.txt", sha256=f"p{k}",
                                 kind="text", fetched_at="2026-11-02T10:00:00Z",
                                 articles=[article]))
        store.remove_documents(["p3", "p7"])  # their index rows stay; they are found no more
        kept = [a for a in articles if a.id not in ("a3", "a7")]
        queries = ["渡轮", "港", "ー", "・", "三月", "表示 ФЕРРИ", "渡 Москва", "港务局周一",
                   '"群岛的"', "运营 2026", "フェリー", "运 ferry", "İZMIR 时刻", "月 tomas 局"]
        queries += ["".join(rng.choice(_HAN + _KANA) for _ in range(rng.randint(1, 3)))
                    + rng.choice(["", " Москва", " 2026", " 表"]) for _ in range(40)]
        for query in queries:
            want = _expected(kept, query)
            assert [r["id"] for r in store.search(query, limit=100)] == want, query
            assert store.search_count(query) == len(want), query
            assert [r["id"] for r in store.search(query, limit=3, offset=2)] == want[2:5]
    finally:
        store.close()


def test_chinese_and_japanese_search_reads_an_index_not_every_article(db_url: str) -> None:
    # the scan read every article's title and text; the index answers which articles hold the
    # query's character pairs, and its tokens are the same on both backends
    from parallax.store.unspaced_search import unspaced_grams

    store = open_store(db_url)
    try:
        text = "港务局周一表示，开往群岛的夜间渡轮将于三月停止运营。フェリー・ターミナル、港"
        grams = unspaced_grams("渡轮时刻表", text)
        assert {"u6e218f6e", "u6e2f", "u30d530a7", "u30fb30bf"} <= set(grams.split())
        store.save_page(Page(input="p0.txt", uri="p0.txt", sha256="p0", kind="text",
                             fetched_at="2026-11-02T10:00:00Z", articles=[Article(
                                 id="a0", role="main", title="渡轮时刻表", outlet="Post",
                                 published=Published(), text=text, language="zh")]))
        conn = store.conn  # type: ignore[attr-defined]
        if db_url.startswith("postgres"):  # the same pairs and characters, as integers (0018)
            from parallax.store.unspaced_codes import CODES, unspaced_code

            def code(token: str) -> int:
                return unspaced_code(int(token, 16))

            pairs = sorted(code(t[1:5]) * CODES + code(t[5:]) for t in grams.split()
                           if len(t) == 9)
            chars = sorted({code(f"{ord(c):04x}") for c in "渡轮时刻表" + text
                            if re.match(UNSPACED_CHAR, c)})
            rows = [*conn.execute("SELECT pairs, chars FROM parallax_unspaced_codes(?, ?)",
                                  ["渡轮时刻表", text]),
                    *conn.execute("SELECT pairs, chars FROM articles_unspaced_codes")]
            assert [(r[0], r[1]) for r in rows] == [(pairs, chars)] * 2
            conn.execute("SET enable_seqscan = off")
            for column in ("pairs", "chars"):
                plan = " ".join(str(r[0]) for r in conn.execute(
                    f"EXPLAIN SELECT article FROM articles_unspaced_codes WHERE {column} @>"
                    " '{1}'"))
                assert f"articles_unspaced_{column}" in plan, plan
        else:
            hits = conn.execute("SELECT rowid FROM articles_unspaced WHERE articles_unspaced"
                                " MATCH 'u6e218f6e AND u6e2f*'").fetchall()
            assert len(hits) == 1
        assert [r["id"] for r in store.search("渡轮 フェリー")] == ["a0"]
    finally:
        store.close()


def test_an_old_store_gains_the_chinese_and_japanese_index(tmp_path: Path) -> None:
    """Migration 0013 fills the index from the articles stored before it."""
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path, isolation_level=None)
    for version, script in migration_scripts("sqlite"):
        if version <= 12:
            for statement in _statements(script):
                raw.execute(statement)
    raw.execute("PRAGMA user_version = 12")
    raw.execute("INSERT INTO documents (sha256, input, uri, kind) VALUES ('d', 'd', 'd', 'text')")
    raw.execute("INSERT INTO articles (id, document, role, title, text, analysis) VALUES"
                " ('a0', 'd', 'main', '夜间渡轮', '港务局表示渡轮将停运。', '{}')")
    raw.close()
    store = open_store(path)
    try:
        conn = store.conn  # type: ignore[attr-defined]
        assert conn.execute("SELECT count(*) FROM articles_unspaced WHERE articles_unspaced"
                            " MATCH 'u6e218f6e'").fetchone()[0] == 1
        assert [r["id"] for r in store.search("渡轮")] == ["a0"]
    finally:
        store.close()
