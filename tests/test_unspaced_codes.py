"""PostgreSQL's n-gram index of Chinese and Japanese as integer arrays (migration 0018): the
same answers as SQLite's FTS5 tokens, for one character, two, a long query, mixed with Latin
words and with a "-word"; an older store's index is rewritten and the migration runs again
harmlessly. All texts are made up."""

from __future__ import annotations

from typing import Any

import pytest

from parallax.records import Article, Page, Published
from parallax.store import open_store
from parallax.store.migrations import _statements, migration_scripts
from parallax.store.unspaced_codes import CODES, codes_condition, unspaced_code

#: (title, text) of made-up articles: a run's last character alone (a2's 渡), a compatibility
#: ideograph (a4's 﨑, U+FA11), a Latin word inside another (a3's "ferryman"), no Han at all
ARTICLES = [
    ("夜班渡轮停航", "港口管理处周二说，夜班渡轮下月停航。Ferry times change."),
    ("市场消息", "新的鱼市场周末开放，渡口附近交通拥堵。"),
    ("フェリー情報", "港のフェリーは明日から運休します。渡"),
    ("Harbour note", "The ferryman said 轮 was painted on the hull. 渡轮 ferry"),
    ("兼容字", "這裡有兼容漢字﨑と渡轮公司。"),
    ("Plain", "ferry crossing news only in English"),
]

#: each query and the articles (by index) that hold it, in stored order
EXPECTED = {
    "渡轮": [0, 3, 4],
    "渡": [0, 1, 2, 3, 4],  # one character: first, inside and last of a run, a run alone
    "轮": [0, 3, 4],
    "﨑": [4],
    "す": [2],
    "停": [0],
    "夜班渡轮停航": [0],
    "フェリー": [2],
    "渡轮 ferry": [0, 3],
    "ferry 渡": [0, 3],
    "渡轮 -ferry": [4],  # "Ferry" and "ferry" are whole words in a0 and a3
    "渡 -渡轮": [1, 2],
    "ferry -渡轮": [5],  # the word index, leaving out the runs holding 渡轮
    "鿀": [],
    "渡鿀": [],
}


def _save(store: Any, k: int, title: str, text: str) -> None:
    store.save_page(Page(input=f"p{k}.txt", uri=f"p{k}.txt", sha256=f"p{k}", kind="text",
                         fetched_at="2026-11-02T10:00:00Z",
                         articles=[Article(id=f"a{k}", role="main", title=title, outlet="Post",
                                           published=Published(), text=text, language="zh")]))


def _answers(store: Any) -> dict[str, tuple[list[str], int]]:
    return {q: ([r["id"] for r in store.search(q, limit=50)], store.search_count(q))
            for q in EXPECTED}


def _wanted(removed: tuple[int, ...] = ()) -> dict[str, tuple[list[str], int]]:
    kept = {q: [f"a{k}" for k in ks if k not in removed] for q, ks in EXPECTED.items()}
    return {q: (ids, len(ids)) for q, ids in kept.items()}


def test_codes_are_indexes_of_the_four_ranges() -> None:
    assert [unspaced_code(p) for p in (0x3040, 0x30FF, 0x3400, 0x4E00, 0x9FFF, 0xF900,
                                       0xFAFF)] == [0, 191, 192, 6784, 27775, 27776, 28287]
    assert CODES == 28288 < 2**15 and CODES * CODES < 2**31
    with pytest.raises(ValueError, match="U\\+AC00"):
        unspaced_code(0xAC00)  # Hangul is written with spaces: not in the index
    condition, values = codes_condition(["u6e218f6e"], ["u6e2f"])
    assert condition == "(pairs @> ?::integer[] AND chars @> ?::smallint[]) OR pairs = '{-1}'"
    assert values == [[unspaced_code(0x6E21) * CODES + unspaced_code(0x8F6E)],
                      [unspaced_code(0x6E2F)]]


def test_one_two_and_many_characters_mixed_and_left_out_on_both_backends(db_url: str) -> None:
    store: Any = open_store(db_url)
    try:
        for k, (title, text) in enumerate(ARTICLES):
            _save(store, k, title, text)
        assert _answers(store) == _wanted()
        assert [r["id"] for r in store.search("渡", limit=2, offset=2)] == ["a2", "a3"]
        store.remove_documents(["p4"])
        assert _answers(store) == _wanted(removed=(4,))
        if db_url.startswith("postgres"):  # the removed article's row went with it
            assert store.conn.execute(
                "SELECT count(*) FROM articles_unspaced_codes").fetchone()[0] == 4
    finally:
        store.close()


def test_an_older_postgres_store_is_rewritten_and_the_migration_runs_again(
        postgres_cluster: Any) -> None:
    import psycopg

    url = postgres_cluster.new_database()
    try:
        with psycopg.connect(url, autocommit=True) as raw:  # a store of schema version 17
            for version, script in migration_scripts("postgres"):
                if version <= 17:
                    for statement in _statements(script):
                        raw.execute(statement)
            raw.execute("CREATE TABLE parallax_schema (version INTEGER NOT NULL)")
            raw.execute("INSERT INTO parallax_schema VALUES (17)")
            for k, (title, text) in enumerate(ARTICLES[:4]):
                raw.execute("INSERT INTO documents (sha256, input, uri, kind) VALUES"
                            " (%s, %s, %s, 'text')", (f"p{k}", f"p{k}.txt", f"p{k}.txt"))
                raw.execute("INSERT INTO articles (id, document, role, title, text, analysis)"
                            " VALUES (%s, %s, 'main', %s, %s, '{}')",
                            (f"a{k}", f"p{k}", title, text))
            assert raw.execute("SELECT count(*) FROM articles_unspaced").fetchone()[0] == 4
        store: Any = open_store(url)
        try:
            conn = store.conn
            assert conn.execute("SELECT to_regclass('articles_unspaced')").fetchone()[0] is None
            assert conn.execute("SELECT count(*) FROM articles_unspaced_codes"
                                ).fetchone()[0] == 4
            for k in (4, 5):  # stored after the migration: the trigger writes them
                _save(store, k, *ARTICLES[k])
            assert _answers(store) == _wanted()
            (script,) = [s for v, s in migration_scripts("postgres") if v == 18]
            rows = "SELECT article, pairs, chars FROM articles_unspaced_codes ORDER BY article"
            before = [tuple(r) for r in conn.execute(rows)]
            with store.transaction():
                for statement in _statements(script):
                    conn.execute(statement)
            assert [tuple(r) for r in conn.execute(rows)] == before
            assert len(before) == 5  # a5 holds no Han or kana: no row
            assert _answers(store) == _wanted()
        finally:
            store.close()
    finally:
        postgres_cluster.drop_database(url)
