"""The thirty-second session's review (docs/robustness.md, "Thirty-second session (helper R):
review"): inputs the helpers' own tests did not cover. Each test failed on the commit it names.
All inputs are made up here."""

from __future__ import annotations

from parallax.records import Article, Page, Published
from parallax.store import open_store


def _page(sha: str, title: str, text: str) -> Page:
    article = Article(id=Article.make_id(title, text), role="main", title=title,
                      outlet="Coast Post", published=Published("today", "2026-11-03"),
                      text=text, input=f"{sha}.txt")
    return Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text", fetched_at="",
                articles=[article])


def test_a_minus_word_in_chinese_leaves_out_what_it_names_beside_english_words(
        db_url: str) -> None:
    # 7e3dd86: "ferry -渡轮" went to the word index, which holds a run of Chinese as one token,
    # so the article holding 渡轮 inside a run was listed: the opposite of what was asked. And
    # the Chinese scan left out "-ferry" as a substring, so "ferryman" went too, where the word
    # index keeps it
    store = open_store(db_url)
    store.save_page(_page("s1", "Ferry mixed", "The ferry stopped. 市议会投票后渡轮停航。"))
    store.save_page(_page("s2", "Ferry plain", "The ferry sails at ten."))
    store.save_page(_page("s3", "Ferryman", "The ferryman waited. 渡轮恢复航行。"))

    def titles(query: str) -> list[str]:
        hits = store.search(query)
        assert store.search_count(query) == len(hits)
        return sorted(h["title"] for h in hits)

    assert titles("ferry -渡轮") == ["Ferry plain"]
    assert titles('ferry -"渡轮停航"') == ["Ferry plain"]
    assert titles("ferry -投票") == ["Ferry plain"]
    assert titles("渡轮 -ferry") == ["Ferryman"]
    assert titles("渡轮 -ferryman") == ["Ferry mixed"]
    # as before: the word index and the scan answer what they did
    assert titles("ferry -storm") == ["Ferry mixed", "Ferry plain"]
    assert titles("渡轮 -投票") == ["Ferryman"]
    store.close()
